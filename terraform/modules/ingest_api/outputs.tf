output "rest_api_id" {
  description = "ID of the REST API."
  value       = aws_api_gateway_rest_api.this.id
}

output "stage_name" {
  description = "Name of the deployed stage."
  value       = aws_api_gateway_stage.this.stage_name
}

output "stage_arn" {
  description = "ARN of the stage, the resource a WAF web ACL is associated with."
  value       = aws_api_gateway_stage.this.arn
}

output "invoke_url" {
  description = "Base URL of the stage."
  value       = aws_api_gateway_stage.this.invoke_url
}

output "collect_url" {
  description = "URL clients POST event batches to."
  value       = "${aws_api_gateway_stage.this.invoke_url}/${aws_api_gateway_resource.this.path_part}"
}

output "sdk_collect_url" {
  description = "URL the Clickstream Analytics on AWS SDKs send to (their request format)."
  value       = "${aws_api_gateway_stage.this.invoke_url}/${aws_api_gateway_resource.this.path_part}/${aws_api_gateway_resource.sdk.path_part}"
}

output "execution_role_arn" {
  description = "ARN of the role API Gateway assumes to put records on the stream."
  value       = aws_iam_role.integration.arn
}

output "access_log_group_name" {
  description = "Name of the CloudWatch log group holding the stage's access logs."
  value       = aws_cloudwatch_log_group.this["access"].name
}
