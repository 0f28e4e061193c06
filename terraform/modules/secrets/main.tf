data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  dns_suffix = data.aws_partition.current.dns_suffix

  names = { for key in keys(var.secrets) : key => "${var.prefix}/${key}" }
  # Secrets Manager appends "-" and six random characters to a secret's name in its ARN. IAM
  # documents name a secret as <name>-?????? so they are known at plan time and survive the
  # secret being recreated; keys have no hyphen, so one key's pattern never matches another's.
  arn_patterns = {
    for key, name in local.names : key => "arn:${local.partition}:secretsmanager:${local.region}:${var.account_id}:secret:${name}-??????"
  }

  generated = { for key, secret in var.secrets : key => secret.generated_password if secret.generated_password != null }
  rotated   = { for key, secret in var.secrets : key => secret.rotation if secret.rotation != null }
  guarded   = { for key, secret in var.secrets : key => secret.allowed_principal_arns if length(secret.allowed_principal_arns) > 0 }

  # bi_user -> BiUser: unique per key (validated), so read policies of several secrets can be
  # merged (source_policy_documents) without one statement replacing another with the same Sid.
  sid_names = { for key in keys(var.secrets) : key => join("", [for word in split("_", key) : title(word)]) }
}

resource "aws_secretsmanager_secret" "this" {
  for_each = var.secrets

  name                    = local.names[each.key]
  description             = each.value.description
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.recovery_window_days
}

# A generated password never passes through Terraform's state or plan: Secrets Manager generates
# it (GetRandomPassword) in an ephemeral resource, and the secret version receives it through the
# write-only argument secret_string_wo (Terraform >= 1.11). Only secret_string_wo_version is
# stored; raising it writes a newly generated password.
#
# exclude_characters reads the secret's ARN, which is unknown until the secret exists, so on the
# plan that creates the secret Terraform defers opening the generator to the apply ("an input
# argument ... Terraform does not know yet" defers an ephemeral resource). That first plan then
# makes no AWS call, which keeps offline plans (tests, generated env roots) working. Later plans
# open it and call GetRandomPassword; the deployer needs secretsmanager:GetRandomPassword, and the
# value is discarded unless version changed.
ephemeral "aws_secretsmanager_random_password" "this" {
  for_each = local.generated

  password_length            = each.value.length
  exclude_characters         = aws_secretsmanager_secret.this[each.key].arn == "" ? "" : each.value.exclude_characters
  exclude_punctuation        = each.value.exclude_punctuation
  include_space              = false
  require_each_included_type = true
}

resource "aws_secretsmanager_secret_version" "generated" {
  for_each = local.generated

  secret_id = aws_secretsmanager_secret.this[each.key].id
  secret_string_wo = (
    each.value.json_key == null
    ? ephemeral.aws_secretsmanager_random_password.this[each.key].random_password
    : jsonencode(merge(each.value.json_fields, { (each.value.json_key) = ephemeral.aws_secretsmanager_random_password.this[each.key].random_password }))
  )
  secret_string_wo_version = each.value.version
}

# Rotation replaces the value on a schedule with the given Lambda, which needs a resource policy
# letting secretsmanager.amazonaws.com invoke it (source_arn = the secret's ARN) and a role that
# may read and write this secret and use kms_key_arn through Secrets Manager.
resource "aws_secretsmanager_secret_rotation" "this" {
  for_each = local.rotated

  secret_id           = aws_secretsmanager_secret.this[each.key].id
  rotation_lambda_arn = each.value.lambda_arn
  # false by default: a secret an operator fills later has no value to rotate yet, and a
  # generated one has just been written.
  rotate_immediately = each.value.rotate_immediately

  rotation_rules {
    automatically_after_days = each.value.automatically_after_days
    schedule_expression      = each.value.schedule_expression
    duration                 = each.value.duration
  }

  # The first version must exist before a rotation can start from it.
  depends_on = [aws_secretsmanager_secret_version.generated]
}
