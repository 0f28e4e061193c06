# Optional guard on the value: every principal not listed is denied GetSecretValue, even one whose
# IAM policy allows secretsmanager:* (administrators, the deployer). Management actions
# (DescribeSecret, PutSecretValue, policy and rotation changes, delete) stay with IAM, so Terraform
# and the operators who fill values can still manage the secret without being able to read it.
data "aws_iam_policy_document" "guard" {
  for_each = local.guarded

  statement {
    sid       = "DenyReadOutsideAllowedPrincipals"
    effect    = "Deny"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.this[each.key].arn]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    # aws:PrincipalArn is the role ARN (not the session ARN) for assumed roles.
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = each.value
    }
  }
}

resource "aws_secretsmanager_secret_policy" "this" {
  for_each = local.guarded

  secret_arn = aws_secretsmanager_secret.this[each.key].arn
  policy     = data.aws_iam_policy_document.guard[each.key].json
  # Secrets Manager refuses the policy if it would grant access outside the account.
  block_public_policy = true
}

# What a consumer's role needs to read one secret: attach it (or merge it into the role's policy;
# the Sids carry the secret's key, so several read policies merge without replacing each other).
data "aws_iam_policy_document" "read" {
  for_each = var.secrets

  statement {
    sid       = "Read${local.sid_names[each.key]}Secret"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [local.arn_patterns[each.key]]
  }

  # Secrets Manager decrypts with the caller's credentials; the conditions limit the grant to
  # decrypting this secret through Secrets Manager, not any data under the platform key.
  statement {
    sid       = "Decrypt${local.sid_names[each.key]}Secret"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.${local.dns_suffix}"]
    }

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:SecretARN"
      values   = [local.arn_patterns[each.key]]
    }
  }
}
