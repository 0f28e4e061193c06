# Generated from manifest/local.yaml (over manifest/defaults.yaml) by `python -m generator render`.
# Do not edit: change the manifest and re-render; `make check-render` fails on hand edits.

output "kms_key_arn" {
  description = "ARN of the platform's customer managed KMS key."
  value       = module.kms.key_arn
}

output "waf_web_acl_arn" {
  description = "ARN of the WAF web ACL on the entry points."
  value       = module.waf.web_acl_arn
}

output "collect_url" {
  description = "URL clients POST event batches to."
  value       = module.ingest_api.collect_url
}

output "sdk_collect_url" {
  description = "URL for apps using the Clickstream Analytics on AWS SDKs."
  value       = module.ingest_api.sdk_collect_url
}

output "rest_api_id" {
  description = "Id of the collector REST API."
  value       = module.ingest_api.rest_api_id
}

output "stream_name" {
  description = "Name of the Kinesis Data Stream."
  value       = module.stream.stream_name
}

output "stream_arn" {
  description = "ARN of the Kinesis Data Stream."
  value       = module.stream.stream_arn
}

output "firehose_transform_function_name" {
  description = "Firehose record transform."
  value       = module.firehose_transform.function_name
}

output "delivery_stream_name" {
  description = "Firehose delivery stream name."
  value       = module.firehose.delivery_stream_name
}

output "lake_bucket_names" {
  description = "Lake bucket names by zone."
  value       = module.data_lake.bucket_names
}

output "glue_database_name" {
  description = "Glue database of the lake."
  value       = module.catalog.database_name
}

output "raw_table_name" {
  description = "Glue table over the raw zone."
  value       = module.catalog.raw_table_name
}

output "curated_table_locations" {
  description = "S3 folders of the curated Parquet tables the Glue job writes, by table."
  value       = module.catalog.curated_table_locations
}

output "glue_job_name" {
  description = "The daily sessionize Glue job."
  value       = module.glue_etl.job_name
}

output "athena_workgroup_name" {
  description = "Athena workgroup to query in."
  value       = module.athena.workgroup_name
}

output "alarm_topic_arn" {
  description = "SNS topic of every alarm (KMS-encrypted)."
  value       = module.monitoring.topic_arn
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the pipeline."
  value       = module.monitoring.dashboard_name
}
