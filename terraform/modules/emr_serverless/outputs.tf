output "application_id" {
  description = "ID of the EMR Serverless application (StartJobRun's ApplicationId)."
  value       = aws_emrserverless_application.this.id
}

output "application_arn" {
  description = "ARN of the EMR Serverless application."
  value       = aws_emrserverless_application.this.arn
}

output "application_name" {
  description = "Name of the EMR Serverless application."
  value       = aws_emrserverless_application.this.name
}

output "job_role_arn" {
  description = "ARN of the job execution role (StartJobRun's ExecutionRoleArn); whoever submits jobs needs iam:PassRole on it."
  value       = aws_iam_role.this.arn
}

output "job_role_name" {
  description = "Name of the job execution role."
  value       = aws_iam_role.this.name
}

output "log_group_name" {
  description = "Name of the KMS-encrypted log group the jobs write to when submitted with it in their CloudWatch logging configuration."
  value       = aws_cloudwatch_log_group.this.name
}
