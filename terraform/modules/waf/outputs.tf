output "web_acl_arn" {
  description = "ARN of the web ACL."
  value       = aws_wafv2_web_acl.this.arn
}

output "web_acl_id" {
  description = "ID of the web ACL."
  value       = aws_wafv2_web_acl.this.id
}

output "log_group_name" {
  description = "Name of the CloudWatch log group receiving the web ACL's logs."
  value       = aws_cloudwatch_log_group.this.name
}
