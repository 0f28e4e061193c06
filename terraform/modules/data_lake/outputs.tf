output "bucket_names" {
  description = "Bucket names by key: raw, curated, query_results, artifacts, access_logs."
  value       = { for key, bucket in aws_s3_bucket.this : key => bucket.bucket }
}

output "bucket_arns" {
  description = "Bucket ARNs by key: raw, curated, query_results, artifacts, access_logs."
  value       = { for key, bucket in aws_s3_bucket.this : key => bucket.arn }
}

output "raw_bucket_name" {
  description = "Name of the raw bucket Firehose writes events to."
  value       = aws_s3_bucket.this["raw"].bucket
}

output "raw_bucket_arn" {
  description = "ARN of the raw bucket Firehose writes events to."
  value       = aws_s3_bucket.this["raw"].arn
}

output "curated_bucket_name" {
  description = "Name of the curated bucket."
  value       = aws_s3_bucket.this["curated"].bucket
}

output "query_results_bucket_name" {
  description = "Name of the bucket Athena writes query results to."
  value       = aws_s3_bucket.this["query_results"].bucket
}

output "artifacts_bucket_name" {
  description = "Name of the bucket holding code artifacts (e.g. Lambda packages); known once its versioning is on, so every uploaded artifact gets a version id."
  # Through the versioning resource: an object uploaded before versioning is enabled would get
  # no version id, and Managed Flink pins its code by object version.
  value = aws_s3_bucket_versioning.this["artifacts"].bucket
}

output "access_logs_bucket_name" {
  description = "Name of the bucket receiving S3 server access logs of the other buckets and load balancer access logs under load_balancer_log_prefixes; known once its policy is attached."
  # Through the policy: Elastic Load Balancing checks that it may write when access logs are
  # enabled, so a load balancer given this name must not be created before the policy.
  value = aws_s3_bucket_policy.this["access_logs"].bucket
}
