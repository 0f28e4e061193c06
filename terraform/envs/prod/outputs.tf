# Generated from manifest/prod.yaml (over manifest/defaults.yaml) by `python -m generator render`.
# Do not edit: change the manifest and re-render; `make check-render` fails on hand edits.

output "kms_key_arn" {
  description = "ARN of the platform's customer managed KMS key."
  value       = module.kms.key_arn
}

output "vpc_id" {
  description = "Id of the platform's VPC."
  value       = module.network.vpc_id
}

output "secret_arns" {
  description = "Platform secrets by key (values are never in state)."
  value       = module.secrets.secret_arns
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

output "fleet_collect_url" {
  description = "URL clients POST event batches to (the fleet)."
  value       = module.ingest_fleet.collect_url
}

output "fleet_ecr_repository_url" {
  description = "Push the collector image (ingest/collector) here; the fleet's tasks start once the manifest's tag or digest exists."
  value       = module.ingest_fleet.ecr_repository_url
}

output "fleet_alb_dns_name" {
  description = "DNS name of the fleet's load balancer."
  value       = module.ingest_fleet.alb_dns_name
}

output "accelerator_dns_name" {
  description = "Global Accelerator DNS name."
  value       = module.global_accelerator.accelerator_dns_name
}

output "accelerator_static_ips" {
  description = "Its two static anycast IPs."
  value       = module.global_accelerator.static_ip_addresses
}

output "stream_name" {
  description = "Name of the Kinesis Data Stream."
  value       = module.stream.stream_name
}

output "stream_arn" {
  description = "ARN of the Kinesis Data Stream."
  value       = module.stream.stream_arn
}

output "flink_metrics_stream_name" {
  description = "Kinesis stream the Flink job writes metrics to."
  value       = module.flink_metrics_stream.stream_name
}

output "flink_errors_stream_name" {
  description = "Kinesis stream the Flink job writes flink-errors to."
  value       = module.flink_errors_stream.stream_name
}

output "flink_late_events_stream_name" {
  description = "Kinesis stream the Flink job writes late-events to."
  value       = module.flink_late_events_stream.stream_name
}

output "flink_application_name" {
  description = "Managed Flink application name."
  value       = module.flink.application_name
}

output "profile_updater_function_name" {
  description = "The stream consumer's name."
  value       = module.profile_updater.function_name
}

output "profile_updater_failure_queue_arn" {
  description = "SQS queue holding stream batches the profile updater gave up on."
  value       = module.profile_updater.failure_queue_arn
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

output "state_machine_arn" {
  description = "The daily batch workflow (start a backfill)."
  value       = module.orchestration.state_machine_arn
}

output "athena_workgroup_name" {
  description = "Athena workgroup to query in."
  value       = module.athena.workgroup_name
}

output "redshift_workgroup_endpoint" {
  description = "Redshift Serverless endpoint."
  value       = module.redshift.workgroup_endpoint
}

output "redshift_admin_secret_arn" {
  description = "Secret of the Redshift admin."
  value       = module.redshift.admin_secret_arn
}

output "quicksight_data_source_arn" {
  description = "QuickSight Athena data source."
  value       = module.quicksight.data_source_arn
}

output "quicksight_service_role_policy_json" {
  description = "Policy to attach to the QuickSight service role so it can run the queries."
  value       = module.quicksight.service_role_policy_json
}

output "redis_primary_endpoint" {
  description = "Redis primary endpoint."
  value       = module.redis.primary_endpoint_address
}

output "aurora_endpoint" {
  description = "Aurora writer endpoint."
  value       = module.aurora.endpoint
}

output "aurora_master_user_secret_arn" {
  description = "Secret (managed by RDS) with the Aurora master credentials."
  value       = module.aurora.master_user_secret_arn
}

output "alarm_topic_arn" {
  description = "SNS topic of every alarm (KMS-encrypted)."
  value       = module.monitoring.topic_arn
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the pipeline."
  value       = module.monitoring.dashboard_name
}

output "console_api_function_name" {
  description = "The console's backend Lambda."
  value       = module.console_api.function_name
}

output "console_url" {
  description = "The operator console."
  value       = module.console.console_url
}

output "console_user_pool_id" {
  description = "Cognito user pool (create operators here)."
  value       = module.console.user_pool_id
}
