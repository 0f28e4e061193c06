output "function_name" {
  description = "Name of the Lambda function, <prefix>-<name>."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "Unqualified ARN of the Lambda function (invokes $LATEST)."
  value       = aws_lambda_function.this.arn
}

output "function_qualified_arn" {
  description = "ARN of the version published by this apply when publish is true; otherwise the unqualified function ARN."
  value       = var.publish ? aws_lambda_function.this.qualified_arn : aws_lambda_function.this.arn
}

output "invoke_arn" {
  description = "ARN API Gateway uses to invoke the function (apigateway:lambda path)."
  value       = aws_lambda_function.this.invoke_arn
}

output "role_arn" {
  description = "ARN of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the function's execution role, <prefix>-<name>-lambda."
  value       = aws_iam_role.this.name
}

output "log_group_name" {
  description = "Name of the function's CloudWatch log group, /aws/lambda/<prefix>-<name>."
  value       = aws_cloudwatch_log_group.this.name
}

output "event_source_mapping_uuid" {
  description = "UUID of the Kinesis event source mapping; null without kinesis_source."
  value       = one(aws_lambda_event_source_mapping.kinesis[*].uuid)
}

output "failure_queue_arn" {
  description = "ARN of the SQS queue that receives records of discarded Kinesis batches; null unless kinesis_source.on_failure is \"sqs\"."
  value       = one(aws_sqs_queue.failures[*].arn)
}
