output "delivery_stream_name" {
  description = "Name of the Firehose delivery stream."
  value       = aws_kinesis_firehose_delivery_stream.this.name
}

output "delivery_stream_arn" {
  description = "ARN of the Firehose delivery stream."
  value       = aws_kinesis_firehose_delivery_stream.this.arn
}

output "role_arn" {
  description = "ARN of the IAM role Firehose uses to read the stream and write the bucket."
  value       = aws_iam_role.this.arn
}

output "log_group_name" {
  description = "Name of the CloudWatch log group that receives delivery errors."
  value       = aws_cloudwatch_log_group.this.name
}

output "s3_prefix" {
  description = "Firehose prefix expression of delivered events: <events_prefix>/dt=!{timestamp:yyyy-MM-dd}/hr=!{timestamp:HH}/."
  value       = local.s3_prefix
}

output "s3_error_prefix" {
  description = "Firehose prefix expression of failed records: <errors_prefix>/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/."
  value       = local.s3_error_prefix
}
