locals {
  # The group name the Managed Flink console uses, so operators find the logs where they expect.
  log_group_name  = "/aws/kinesis-analytics/${local.name}"
  log_stream_name = "kinesis-analytics-log-stream"
  # Built rather than read from the resources so the role policy is known at plan time.
  log_group_arn  = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${local.log_group_name}"
  log_stream_arn = "${local.log_group_arn}:log-stream:${local.log_stream_name}"
}

resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

# Managed Flink only writes to an existing stream; it never creates one.
resource "aws_cloudwatch_log_stream" "this" {
  name           = local.log_stream_name
  log_group_name = aws_cloudwatch_log_group.this.name
}
