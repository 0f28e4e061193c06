output "state_machine_arn" {
  description = "ARN of the Step Functions state machine; start a backfill with the input {\"processing_date\": \"YYYY-MM-DD\"}."
  value       = aws_sfn_state_machine.this.arn
}

output "state_machine_name" {
  description = "Name of the Step Functions state machine."
  value       = aws_sfn_state_machine.this.name
}

output "state_machine_role_arn" {
  description = "ARN of the IAM role the state machine runs as. With redshift set, the statement runs as the database user \"IAMR:<role name>\", which needs the grants the SQL uses."
  value       = aws_iam_role.state_machine.arn
}

output "state_machine_role_name" {
  description = "Name of the IAM role the state machine runs as."
  value       = aws_iam_role.state_machine.name
}

output "schedule_name" {
  description = "Name of the EventBridge Scheduler schedule (in the default group) that starts the state machine."
  value       = aws_scheduler_schedule.this.name
}

output "schedule_arn" {
  description = "ARN of the EventBridge Scheduler schedule."
  value       = aws_scheduler_schedule.this.arn
}

output "scheduler_role_arn" {
  description = "ARN of the IAM role the schedule starts executions with."
  value       = aws_iam_role.scheduler.arn
}

output "failure_rule_arn" {
  description = "ARN of the EventBridge rule that sends job run and execution failures to the alarm topic."
  value       = aws_cloudwatch_event_rule.failures.arn
}

output "failure_rule_name" {
  description = "Name of the EventBridge failure rule."
  value       = aws_cloudwatch_event_rule.failures.name
}

output "log_group_name" {
  description = "Name of the KMS-encrypted log group that receives the state machine's execution history (level ALL, with execution data)."
  value       = aws_cloudwatch_log_group.this.name
}

output "alarm_topic_policy_json" {
  description = "Policy document the alarm topic's policy must include (e.g. through source_policy_documents): sns:Publish for events.amazonaws.com from the failure rule only. The state machine's role publishes with its own IAM policy and needs no topic statement."
  value       = data.aws_iam_policy_document.alarm_topic.json
}
