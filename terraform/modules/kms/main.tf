data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  partition      = data.aws_partition.current.partition
  region         = data.aws_region.current.name
  account_root   = "arn:${local.partition}:iam::${var.account_id}:root"
  logs_principal = "logs.${local.region}.amazonaws.com"
  # CloudWatch Logs may only use the key for log groups of this account and region.
  log_group_arns = "arn:${local.partition}:logs:${local.region}:${var.account_id}:log-group:*"
}

data "aws_iam_policy_document" "this" {
  # Callers' statements first: the module's own statements are written after them.
  source_policy_documents = [for name in sort(keys(var.extra_policy_documents)) : var.extra_policy_documents[name]]

  # The account root statement hands key access to IAM, so each service role is granted
  # the key in its own IAM policy instead of here.
  statement {
    sid       = "AccountAdministersKeyThroughIam"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }
  }

  # CloudWatch Logs encrypts log groups with the key as its own service principal, not
  # through a role, so it needs a key policy grant.
  statement {
    sid = "CloudWatchLogsEncryptsLogGroups"
    actions = [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = [local.logs_principal]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = [local.log_group_arns]
    }
  }
}

resource "aws_kms_key" "this" {
  description             = "${var.prefix} platform key: lake buckets, streams, Athena results and logs"
  deletion_window_in_days = var.deletion_window_in_days
  enable_key_rotation     = true
  policy                  = data.aws_iam_policy_document.this.json
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.prefix}"
  target_key_id = aws_kms_key.this.key_id
}
