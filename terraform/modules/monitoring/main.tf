data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name

  topic_name     = "${var.prefix}-alarms"
  dashboard_name = "${var.prefix}-pipeline"
  # Built rather than read from the topic so the topic policy is known (and reviewable) at plan
  # time.
  topic_arn = "arn:${local.partition}:sns:${local.region}:${var.account_id}:${local.topic_name}"

  # Only this platform's alarms and rules (named <prefix>-...) in this account and region may
  # publish (confused deputy).
  alarm_source_arns = "arn:${local.partition}:cloudwatch:${local.region}:${var.account_id}:alarm:${var.prefix}-*"
  rule_source_arns  = "arn:${local.partition}:events:${local.region}:${var.account_id}:rule/${var.prefix}-*"
}

# Alarm notifications (ALARM and OK) of every alarm below, and of EventBridge rules that target it.
resource "aws_sns_topic" "this" {
  name              = local.topic_name
  display_name      = "${var.prefix} alarms"
  kms_master_key_id = var.kms_key_arn
}

data "aws_iam_policy_document" "topic" {
  # The callers' statements (validated not to reuse the Sids below).
  source_policy_documents = var.topic_policy_documents

  statement {
    sid       = "CloudWatchAlarmsPublish"
    actions   = ["sns:Publish"]
    resources = [local.topic_arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [local.alarm_source_arns]
    }
  }

  statement {
    sid       = "EventBridgeRulesPublish"
    actions   = ["sns:Publish"]
    resources = [local.topic_arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [local.rule_source_arns]
    }
  }
}

# Replaces the default topic policy. Principals of the account keep their access through IAM
# (same-account access needs no topic policy statement).
resource "aws_sns_topic_policy" "this" {
  arn    = aws_sns_topic.this.arn
  policy = data.aws_iam_policy_document.topic.json
}

# Each address must confirm the subscription from the mail SNS sends; until then it is
# "pending confirmation" and receives nothing.
resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alarm_emails)

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = each.value
}

# The statements the key policy of kms_key_arn needs for the topic to receive anything: services
# publishing to an encrypted topic must create and use a data key of its KMS key themselves
# (SNS: "compatibility between event sources from AWS services and encrypted topics"). Not
# applied here: the key policy belongs to the kms module; merge this document into it.
data "aws_iam_policy_document" "key" {
  # In a key policy "*" means the key the policy is attached to.
  statement {
    sid       = "CloudWatchAlarmsUseKeyForEncryptedTopic"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [local.alarm_source_arns]
    }
  }

  # Without source conditions: EventBridge's KMS requests for a target topic carry no
  # aws:SourceAccount or aws:SourceArn, so a conditioned grant would drop every event.
  statement {
    sid       = "EventBridgeUsesKeyForEncryptedTopic"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
  }
}
