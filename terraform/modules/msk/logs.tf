# Broker logs of a provisioned cluster, in a group created here so retention and encryption are
# set; the key policy of kms_key_arn must let CloudWatch Logs use the key. MSK Serverless has no
# broker logs.
resource "aws_cloudwatch_log_group" "broker" {
  count = local.provisioned ? 1 : 0

  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}
