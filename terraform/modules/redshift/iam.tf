data "aws_partition" "current" {}

locals {
  glue_catalog_arn  = "arn:${local.partition}:glue:${local.region}:${local.account_id}:catalog"
  glue_database_arn = "arn:${local.partition}:glue:${local.region}:${local.account_id}:database/${var.glue_database_name}"
  glue_tables_arn   = "arn:${local.partition}:glue:${local.region}:${local.account_id}:table/${var.glue_database_name}/*"
}

# Redshift Serverless assumes namespace roles as either principal; AWS asks for both in the trust
# policy (Redshift Management Guide, "Granting permissions to Amazon Redshift Serverless").
data "aws_iam_policy_document" "spectrum_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["redshift.amazonaws.com", "redshift-serverless.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "spectrum" {
  statement {
    sid = "ReadLakeCatalog"
    actions = [
      "glue:GetDatabase",
      "glue:GetTable",
      "glue:GetTables",
      "glue:GetPartition",
      "glue:GetPartitions",
      "glue:BatchGetPartition",
    ]
    resources = [
      local.glue_catalog_arn,
      local.glue_database_arn,
      local.glue_tables_arn,
    ]
  }

  # Spectrum looks up each bucket's region before it lists and reads it.
  statement {
    sid       = "ListLakeBuckets"
    actions   = ["s3:GetBucketLocation", "s3:ListBucket"]
    resources = var.lake.bucket_arns
  }

  statement {
    sid       = "ReadLakeObjects"
    actions   = ["s3:GetObject"]
    resources = [for arn in var.lake.bucket_arns : "${arn}/*"]
  }

  # The lake objects are SSE-KMS with the platform key, and the Glue catalog may be encrypted with
  # it too (catalog module, manage_catalog_encryption): decrypt only through those two services.
  statement {
    sid       = "DecryptLake"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values = [
        "s3.${local.region}.${data.aws_partition.current.dns_suffix}",
        "glue.${local.region}.${data.aws_partition.current.dns_suffix}",
      ]
    }
  }
}

resource "aws_iam_role" "spectrum" {
  name               = "${local.name}-redshift-spectrum"
  description        = "Redshift Serverless ${local.name}: Spectrum reads of Glue database ${var.glue_database_name} and its lake buckets."
  assume_role_policy = data.aws_iam_policy_document.spectrum_assume.json
}

resource "aws_iam_role_policy" "spectrum" {
  name   = "spectrum-read-lake"
  role   = aws_iam_role.spectrum.id
  policy = data.aws_iam_policy_document.spectrum.json
}
