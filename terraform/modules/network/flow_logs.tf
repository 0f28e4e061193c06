locals {
  flow_log_group_name = "/aws/vpc/flow-logs/${var.prefix}"
  # Built rather than read from the log group so the role policy is known at plan time.
  flow_log_group_arn = "arn:${local.partition}:logs:${local.region}:${var.account_id}:log-group:${local.flow_log_group_name}"
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = local.flow_log_group_name
  retention_in_days = var.flow_log_retention_days
  kms_key_id        = var.kms_key_arn
}

data "aws_iam_policy_document" "flow_logs_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }

    # Only flow logs of this account and region may use the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:ec2:${local.region}:${var.account_id}:vpc-flow-log/*"]
    }
  }
}

# The log group exists (created above), so logs:CreateLogGroup is not granted. DescribeLogGroups
# is a list action (it finds groups by name prefix), so it is scoped to this account's log groups
# in the region rather than to the one group.
data "aws_iam_policy_document" "flow_logs" {
  statement {
    sid = "WriteFlowLogs"
    actions = [
      "logs:CreateLogStream",
      "logs:DescribeLogStreams",
      "logs:PutLogEvents",
    ]
    resources = [
      local.flow_log_group_arn,
      "${local.flow_log_group_arn}:log-stream:*",
    ]
  }

  statement {
    sid       = "FindLogGroup"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["arn:${local.partition}:logs:${local.region}:${var.account_id}:log-group:*"]
  }
}

resource "aws_iam_role" "flow_logs" {
  name               = "${var.prefix}-vpc-flow-logs"
  description        = "Delivers the flow logs of VPC ${var.prefix} to ${local.flow_log_group_name}."
  assume_role_policy = data.aws_iam_policy_document.flow_logs_assume.json
}

resource "aws_iam_role_policy" "flow_logs" {
  name   = "delivery"
  role   = aws_iam_role.flow_logs.id
  policy = data.aws_iam_policy_document.flow_logs.json
}

resource "aws_flow_log" "this" {
  vpc_id               = aws_vpc.this.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn         = aws_iam_role.flow_logs.arn

  tags = {
    Name = var.prefix
  }

  # The service checks the role's permissions when the flow log is created.
  depends_on = [aws_iam_role_policy.flow_logs]
}
