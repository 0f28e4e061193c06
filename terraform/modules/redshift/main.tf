locals {
  name = var.prefix
  port = 5439

  # The key is the platform key of the warehouse's own account and region, so its ARN tells
  # partition, region and account without an AWS call (plans run offline).
  key_arn_parts = split(":", var.kms_key_arn)
  partition     = local.key_arn_parts[1]
  region        = local.key_arn_parts[3]
  account_id    = local.key_arn_parts[4]

  log_exports = ["connectionlog", "useractivitylog", "userlog"]

  # GetWorkgroup returns every parameter with its current value; any key left out comes back as
  # a diff on every plan (hashicorp/terraform-provider-aws#33916). So all of them are written,
  # at AWS's defaults except the two this module requires.
  config_parameters = {
    auto_mv                          = "true"
    datestyle                        = "ISO, MDY"
    enable_case_sensitive_identifier = "false"
    enable_user_activity_logging     = "true"
    max_query_execution_time         = "14400"
    query_group                      = "default"
    require_ssl                      = "true"
    search_path                      = "$user, public"
    use_fips_ssl                     = "false"
  }

  external_schema_sql = join(" ", [
    "CREATE EXTERNAL SCHEMA IF NOT EXISTS ${var.external_schema_name}",
    "FROM DATA CATALOG DATABASE '${var.glue_database_name}'",
    "IAM_ROLE '${aws_iam_role.spectrum.arn}'",
  ])
}

resource "aws_redshiftserverless_namespace" "this" {
  namespace_name = local.name
  db_name        = var.database_name
  admin_username = var.admin_username

  # Redshift generates the admin password and keeps it in a Secrets Manager secret encrypted with
  # the platform key; it never appears in Terraform state.
  manage_admin_password            = true
  admin_password_secret_kms_key_id = var.kms_key_arn
  kms_key_id                       = var.kms_key_arn

  iam_roles            = [aws_iam_role.spectrum.arn]
  default_iam_role_arn = aws_iam_role.spectrum.arn
  log_exports          = local.log_exports

  # Redshift exports into existing groups of these names; created first, they get the key and
  # the retention instead of never-expiring unencrypted groups.
  depends_on = [aws_cloudwatch_log_group.this]
}

resource "aws_redshiftserverless_workgroup" "this" {
  namespace_name = aws_redshiftserverless_namespace.this.namespace_name
  workgroup_name = local.name
  base_capacity  = var.base_capacity
  max_capacity   = var.max_capacity
  port           = local.port
  subnet_ids     = var.subnet_ids
  # Exactly one of the two is non-empty (variable validation): the caller's groups or the module's.
  security_group_ids   = concat(var.security_group_ids, aws_security_group.this[*].id)
  enhanced_vpc_routing = var.enhanced_vpc_routing
  publicly_accessible  = false

  dynamic "config_parameter" {
    for_each = local.config_parameters
    content {
      parameter_key   = config_parameter.key
      parameter_value = config_parameter.value
    }
  }
}

resource "aws_redshiftserverless_usage_limit" "this" {
  count = var.usage_limit == null ? 0 : 1

  resource_arn  = aws_redshiftserverless_workgroup.this.arn
  usage_type    = "serverless-compute"
  period        = "daily"
  amount        = var.usage_limit.rpu_hours_per_day
  breach_action = var.usage_limit.breach_action
}

# The external schema is created through the Data API as the namespace admin (the generated
# secret), because only a user with CREATE on the database may create it. IF NOT EXISTS makes a
# re-run harmless; destroying this resource does not drop the schema.
resource "aws_redshiftdata_statement" "external_schema" {
  workgroup_name = aws_redshiftserverless_workgroup.this.workgroup_name
  database       = aws_redshiftserverless_namespace.this.db_name
  secret_arn     = aws_redshiftserverless_namespace.this.admin_password_secret_arn
  statement_name = "${local.name}-external-schema-${var.external_schema_name}"
  sql            = local.external_schema_sql

  # CREATE EXTERNAL SCHEMA reads the Glue database through the role, so its policy must be in place.
  depends_on = [aws_iam_role_policy.spectrum]
}
