# Created before the function (which names it in logging_config) so Lambda never creates it
# itself without encryption and with infinite retention; the role cannot create log groups.
resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}
