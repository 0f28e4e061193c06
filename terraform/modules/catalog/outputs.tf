output "database_name" {
  description = "Name of the Glue database."
  value       = aws_glue_catalog_database.this.name
}

output "raw_table_name" {
  description = "Name of the raw events table."
  value       = aws_glue_catalog_table.raw_events.name
}

output "raw_table_location" {
  description = "S3 location of the raw events table: s3://<raw_bucket_name>/<events_prefix>/."
  value       = aws_glue_catalog_table.raw_events.storage_descriptor[0].location
}

output "raw_table_arn" {
  description = "ARN of the raw events table."
  value       = aws_glue_catalog_table.raw_events.arn
}

output "curated_table_names" {
  description = "Names of the curated Parquet tables, by table key."
  value       = { for name, table in aws_glue_catalog_table.curated : name => table.name }
}

output "curated_table_locations" {
  description = "S3 locations of the curated Parquet tables, by table key: s3://<curated_bucket_name>/<prefix>/."
  value       = { for name, table in aws_glue_catalog_table.curated : name => table.storage_descriptor[0].location }
}
