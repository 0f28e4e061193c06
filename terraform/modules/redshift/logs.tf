# Redshift Serverless exports audit logs to /aws/redshift/<namespace>/<log_type> and writes into
# a group of that name when it exists (Redshift Management Guide, "Audit logging for Amazon
# Redshift Serverless").
resource "aws_cloudwatch_log_group" "this" {
  for_each = toset(local.log_exports)

  name              = "/aws/redshift/${local.name}/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}
