data "aws_partition" "current" {}

# Enhanced Monitoring: RDS publishes OS metrics to the RDSOSMetrics log group with this role.
data "aws_iam_policy_document" "monitoring_assume" {
  count = var.enhanced_monitoring_interval > 0 ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }

    # Only RDS acting for this account may assume the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "monitoring" {
  count = var.enhanced_monitoring_interval > 0 ? 1 : 0

  name               = "${local.name}-monitoring"
  description        = "Enhanced Monitoring of the ${local.name} Aurora instances."
  assume_role_policy = data.aws_iam_policy_document.monitoring_assume[0].json
}

# The AWS managed policy made for this role: create and write the RDS* log groups only.
resource "aws_iam_role_policy_attachment" "monitoring" {
  count = var.enhanced_monitoring_interval > 0 ? 1 : 0

  role       = aws_iam_role.monitoring[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

# What a consumer's role needs to read the master user credentials RDS keeps in Secrets
# Manager (DATABASE_SECRET_ARN of the profile updater).
data "aws_iam_policy_document" "secret_read" {
  statement {
    sid       = "ReadMasterUserSecret"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [local.master_user_secret_arn]
  }

  statement {
    sid       = "DecryptMasterUserSecret"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.${data.aws_partition.current.dns_suffix}"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:SecretARN"
      values   = [local.master_user_secret_arn]
    }
  }
}
