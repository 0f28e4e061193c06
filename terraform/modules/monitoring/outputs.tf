output "topic_arn" {
  description = "ARN of the KMS-encrypted SNS topic <prefix>-alarms that receives every alarm's ALARM and OK notification; other alarms and EventBridge rules named <prefix>-... of the account may publish to it."
  value       = aws_sns_topic.this.arn
}

output "alarm_names" {
  description = "Name of each alarm (<prefix>-<key>) by its key, e.g. kinesis-iterator-age, lambda-<name>-errors, glue-failed-runs; only the alarms whose target was given."
  value       = local.alarm_names
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard, <prefix>-pipeline."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "glue_failure_rule_name" {
  description = "Name of the EventBridge rule matching the Glue job's failed runs (it has no target; its TriggeredRules metric feeds the glue-failed-runs alarm); null without glue_job."
  value       = one(aws_cloudwatch_event_rule.glue_job_failed[*].name)
}

output "kms_key_policy_json" {
  description = "Key policy statements kms_key_arn needs so CloudWatch alarms (limited to this account's <prefix>-* alarms) and EventBridge can publish to the encrypted topic; merge them into the key's policy, otherwise notifications are silently dropped."
  value       = data.aws_iam_policy_document.key.json
}
