# Created here, not by ElastiCache, so retention and encryption are set. The key policy of
# kms_key_arn must let CloudWatch Logs use the key.
resource "aws_cloudwatch_log_group" "this" {
  for_each = local.log_types

  name              = "/aws/elasticache/${local.name}/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}
