output "job_name" {
  description = "Name of the Glue job."
  value       = aws_glue_job.this.name
}

output "job_arn" {
  description = "ARN of the Glue job."
  value       = aws_glue_job.this.arn
}

output "role_arn" {
  description = "ARN of the IAM role the job runs as."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the IAM role the job runs as."
  value       = aws_iam_role.this.name
}

output "trigger_name" {
  description = "Name of the scheduled trigger; null when schedule is null."
  value       = one(aws_glue_trigger.this[*].name)
}

output "log_group_name" {
  description = "Name of the log group that receives the script's stdout/stderr (its counts line and errors)."
  value       = aws_cloudwatch_log_group.this["output"].name
}

output "log_group_names" {
  description = "Names of the job's log groups by kind: error (Glue, Spark driver and executor logs) and output (the script's stdout/stderr)."
  value       = { for kind, group in aws_cloudwatch_log_group.this : kind => group.name }
}

output "security_configuration_name" {
  description = "Name of the Glue security configuration (SSE-KMS for S3 and CloudWatch Logs, CSE-KMS for job bookmarks)."
  value       = aws_glue_security_configuration.this.name
}
