locals {
  # Glue 5.0 writes driver/executor logs to "<prefix>/error" and the script's stdout/stderr to
  # "<prefix>/output". With CloudWatch encryption in the security configuration it inserts
  # "<security configuration>-role/<role name>" (AWS Glue Developer Guide, "Logging for AWS Glue
  # jobs"); the groups are created here so they have a retention and the key before the first run.
  log_group_prefix = "/aws-glue/jobs/${local.name}"
  log_groups = {
    for stream in ["error", "output"] :
    stream => "${local.log_group_prefix}/${local.security_configuration_name}-role/${local.role_name}/${stream}"
  }
  # Built rather than read from the log groups so the role policy is known at plan time.
  log_group_arns = {
    for stream, name in local.log_groups :
    stream => "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${name}"
  }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = local.log_groups

  name              = each.value
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}
