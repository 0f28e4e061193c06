output "data_source_id" {
  description = "Id of the QuickSight data source (<prefix>-athena), used by datasets."
  value       = aws_quicksight_data_source.this.data_source_id
}

output "data_source_arn" {
  description = "ARN of the QuickSight data source."
  value       = aws_quicksight_data_source.this.arn
}

output "service_role_policy_json" {
  description = "IAM policy the QuickSight service role needs for this data source (Athena workgroup, Glue database, lake and results buckets, KMS key), for the account admin to attach; null without service_role_access."
  value       = try(data.aws_iam_policy_document.service_role[0].json, null)
}
