locals {
  name                    = "${var.prefix}-${var.name}"
  state_machine_role_name = "${local.name}-sfn"
  scheduler_role_name     = "${local.name}-scheduler"
  failure_rule_name       = "${local.name}-failures"
  # "/aws/vendedlogs/" keeps the CloudWatch Logs resource policy that log delivery needs small.
  log_group_name = "/aws/vendedlogs/states/${local.name}"

  # The platform key is in the workflow's account and region, so its ARN tells both without an
  # AWS call (plans run offline).
  key_arn_parts = split(":", var.kms_key_arn)
  partition     = local.key_arn_parts[1]
  region        = local.key_arn_parts[3]
  account_id    = local.key_arn_parts[4]
  arn_suffix    = "${local.region}:${local.account_id}"

  # Built rather than read from the resources, so the role policies are known at plan time and
  # the state machine, its role and the rule do not depend on each other in a cycle.
  state_machine_arn = "arn:${local.partition}:states:${local.arn_suffix}:stateMachine:${local.name}"
  schedule_arn      = "arn:${local.partition}:scheduler:${local.arn_suffix}:schedule/default/${local.name}"
  failure_rule_arn  = "arn:${local.partition}:events:${local.arn_suffix}:rule/${local.failure_rule_name}"
  log_group_arn     = "arn:${local.partition}:logs:${local.arn_suffix}:log-group:${local.log_group_name}"

  glue_job_arn = var.glue_job_name == null ? null : "arn:${local.partition}:glue:${local.arn_suffix}:job/${var.glue_job_name}"
  emr_application_arn = (
    var.emr_serverless == null ? null :
    "arn:${local.partition}:emr-serverless:${local.arn_suffix}:/applications/${var.emr_serverless.application_id}"
  )
}

resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

# The provider calls ValidateStateMachineDefinition while planning whenever the definition is
# fully known. That call needs the real AWS API: offline plans (module tests, `--offline` env
# plans) cannot make it, and moto does not implement it. Passing the definition through
# terraform_data makes it known only at apply, when CreateStateMachine/UpdateStateMachine
# validate it anyway; the plan still shows every change of the definition, as this resource's
# input.
resource "terraform_data" "definition" {
  input = local.definition
}

resource "aws_sfn_state_machine" "this" {
  name       = local.name
  type       = "STANDARD"
  role_arn   = aws_iam_role.state_machine.arn
  definition = jsonencode(terraform_data.definition.output)

  logging_configuration {
    level                  = "ALL"
    include_execution_data = true
    log_destination        = "${aws_cloudwatch_log_group.this.arn}:*"
  }

  tracing_configuration {
    enabled = true
  }

  encryption_configuration {
    type                              = "CUSTOMER_MANAGED_KMS_KEY"
    kms_key_id                        = var.kms_key_arn
    kms_data_key_reuse_period_seconds = 300
  }

  # Step Functions checks at creation that the role may deliver logs and use the key.
  depends_on = [aws_iam_role_policy.state_machine]
}

# Starts one execution a day with an empty input: the workflow then processes yesterday (UTC).
resource "aws_scheduler_schedule" "this" {
  name                         = local.name
  group_name                   = "default"
  description                  = "Starts ${local.name} on ${var.schedule.expression} (${var.schedule.timezone}); each run processes yesterday (UTC)."
  schedule_expression          = var.schedule.expression
  schedule_expression_timezone = var.schedule.timezone
  state                        = var.schedule.enabled ? "ENABLED" : "DISABLED"
  kms_key_arn                  = var.kms_key_arn

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_sfn_state_machine.this.arn
    role_arn = aws_iam_role.scheduler.arn
    input    = jsonencode({})

    # A start that fails (throttling, a brief outage) is retried for up to an hour; later the
    # day is better started by hand with {"processing_date": "YYYY-MM-DD"}.
    retry_policy {
      maximum_retry_attempts       = 5
      maximum_event_age_in_seconds = 3600
    }
  }

  depends_on = [aws_iam_role_policy.scheduler]
}
