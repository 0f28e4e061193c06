# The group RDS exports the postgresql log to, created here so retention and encryption are set.
# The key policy of kms_key_arn must let CloudWatch Logs use the key.
resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}
