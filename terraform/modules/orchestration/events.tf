locals {
  # One rule for every way the batch path fails: the Glue job's runs and the EMR Serverless
  # application's job runs (also runs started by hand, outside this workflow) and executions of
  # this state machine that failed or timed out (including a failure to publish its own
  # message). A failed scheduled run is therefore reported twice: the workflow's own readable
  # message and the raw events.
  failure_patterns = [
    for pattern in [
      var.glue_job_name == null ? null : {
        source        = ["aws.glue"]
        "detail-type" = ["Glue Job State Change"]
        detail = {
          jobName = [var.glue_job_name]
          state   = ["FAILED", "TIMEOUT", "ERROR"]
        }
      },
      var.emr_serverless == null ? null : {
        source        = ["aws.emr-serverless"]
        "detail-type" = ["EMR Serverless Job Run State Change"]
        detail = {
          applicationId = [var.emr_serverless.application_id]
          state         = ["FAILED"]
        }
      },
      {
        source        = ["aws.states"]
        "detail-type" = ["Step Functions Execution Status Change"]
        detail = {
          stateMachineArn = [local.state_machine_arn]
          status          = ["FAILED", "TIMED_OUT"]
        }
      },
    ] : pattern if pattern != null
  ]

  # Statement IDs must be unique in the topic policy the monitoring module merges this into.
  topic_policy_sid = "${join("", [for part in split("-", local.name) : title(part)])}FailureRule"
}

resource "aws_cloudwatch_event_rule" "failures" {
  name          = local.failure_rule_name
  description   = "Failures of the ${local.name} batch path (Glue or EMR Serverless job runs, state machine executions) to the alarm topic."
  event_pattern = jsonencode({ "$or" = local.failure_patterns })
  state         = "ENABLED"
}

# The topic policy must let this rule publish (alarm_topic_policy_json), and, when the topic is
# encrypted with a customer managed key, the key policy must let events.amazonaws.com use it.
resource "aws_cloudwatch_event_target" "failures" {
  rule      = aws_cloudwatch_event_rule.failures.name
  target_id = "alarm-topic"
  arn       = var.alarm_topic_arn
}

# What the alarm topic's policy must allow for the rule to deliver; the monitoring module owns
# the topic and its policy and merges this document in (source_policy_documents).
data "aws_iam_policy_document" "alarm_topic" {
  statement {
    sid       = local.topic_policy_sid
    actions   = ["sns:Publish"]
    resources = [var.alarm_topic_arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.failure_rule_arn]
    }
  }
}
