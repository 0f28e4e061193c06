resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

# Firehose only writes to an existing stream; it never creates one.
resource "aws_cloudwatch_log_stream" "this" {
  name           = local.log_stream_name
  log_group_name = aws_cloudwatch_log_group.this.name
}
