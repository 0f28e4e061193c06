locals {
  # Jobs log here when they are submitted with this group in their CloudWatch logging
  # configuration (the orchestration module does); EMR Serverless never creates it.
  log_group_name = "/aws/emr-serverless/${local.name}"
  # Built rather than read from the resource so the role policy is known at plan time.
  log_group_arn = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${local.log_group_name}"
}

resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}
