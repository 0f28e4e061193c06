output "application_name" {
  description = "Name of the Managed Service for Apache Flink application."
  value       = aws_kinesisanalyticsv2_application.this.name
}

output "application_arn" {
  description = "ARN of the Managed Service for Apache Flink application."
  value       = aws_kinesisanalyticsv2_application.this.arn
}

output "role_arn" {
  description = "ARN of the IAM service execution role the application runs with."
  value       = aws_iam_role.this.arn
}

output "log_group_name" {
  description = "Name of the CloudWatch log group that receives the application's logs."
  value       = aws_cloudwatch_log_group.this.name
}
