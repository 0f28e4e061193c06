locals {
  bucket_arn = {
    for bucket in distinct([var.raw.bucket, var.curated.bucket, var.job_scripts.bucket]) :
    bucket => "arn:${local.partition}:s3:::${bucket}"
  }

  catalog_arn  = "arn:${local.partition}:glue:${local.region}:${local.account_id}:catalog"
  database_arn = "arn:${local.partition}:glue:${local.region}:${local.account_id}:database/${var.glue_database_name}"
  tables_arn   = "arn:${local.partition}:glue:${local.region}:${local.account_id}:table/${var.glue_database_name}/*"
  # Spark's Hive client looks up the "default" database when a session starts, even if no
  # query uses it; without this it fails with AccessDenied on database/default.
  default_database_arn = "arn:${local.partition}:glue:${local.region}:${local.account_id}:database/default"
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["emr-serverless.amazonaws.com"]
    }

    # Only jobs of this application may assume the role (confused deputy protection).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_emrserverless_application.this.arn]
    }
  }
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "LocateBuckets"
    actions   = ["s3:GetBucketLocation"]
    resources = values(local.bucket_arn)
  }

  # Listing is limited to the job's folders. It also makes a HEAD of a missing key there answer
  # 404 instead of 403, which Spark relies on to test whether a folder exists. "<folder>_$folder$"
  # is the empty marker object EMRFS writes for a folder.
  statement {
    sid       = "ListRawEvents"
    actions   = ["s3:ListBucket"]
    resources = [local.bucket_arn[var.raw.bucket]]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [var.raw.prefix, "${var.raw.prefix}/*", "${var.raw.prefix}_$folder$"]
    }
  }

  statement {
    sid       = "ReadRawEvents"
    actions   = ["s3:GetObject"]
    resources = ["${local.bucket_arn[var.raw.bucket]}/${var.raw.prefix}/*"]
  }

  statement {
    sid       = "ListCurated"
    actions   = ["s3:ListBucket"]
    resources = [local.bucket_arn[var.curated.bucket]]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values = flatten([
        for prefix in var.curated.prefixes : [prefix, "${prefix}/*", "${prefix}_$folder$"]
      ])
    }
  }

  # Delete: a job replaces a day's folder (dynamic partition overwrite), and Spark's commit
  # moves (copy + delete) staged files.
  statement {
    sid = "WriteCurated"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = flatten([
      for prefix in var.curated.prefixes : [
        "${local.bucket_arn[var.curated.bucket]}/${prefix}/*",
        "${local.bucket_arn[var.curated.bucket]}/${prefix}_$folder$",
      ]
    ])
  }

  # spark-submit downloads the entry point (and any --py-files) with the job role.
  statement {
    sid       = "ReadJobScripts"
    actions   = ["s3:GetObject"]
    resources = ["${local.bucket_arn[var.job_scripts.bucket]}/${var.job_scripts.prefix}/*"]
  }

  # The lake and artifacts buckets are SSE-KMS with the platform key; the job only uses it
  # through S3.
  statement {
    sid       = "UseKeyThroughS3"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.amazonaws.com"]
    }
  }

  statement {
    sid = "ReadCatalog"
    actions = [
      "glue:GetDatabase",
      "glue:GetTable",
      "glue:GetTables",
      "glue:GetPartition",
      "glue:GetPartitions",
      "glue:BatchGetPartition",
    ]
    resources = [local.catalog_arn, local.database_arn, local.tables_arn]
  }

  statement {
    sid       = "FindDefaultDatabase"
    actions   = ["glue:GetDatabase"]
    resources = [local.catalog_arn, local.default_database_arn]
  }

  # Table definitions and partitions change; creating and dropping tables is the catalog
  # module's job, so CreateTable/DeleteTable are not granted.
  statement {
    sid = "UpdateCatalog"
    actions = [
      "glue:UpdateTable",
      "glue:CreatePartition",
      "glue:BatchCreatePartition",
      "glue:UpdatePartition",
      "glue:BatchUpdatePartition",
      "glue:DeletePartition",
      "glue:BatchDeletePartition",
    ]
    resources = [local.catalog_arn, local.database_arn, local.tables_arn]
  }

  # EMR Serverless checks that the job's log group exists with DescribeLogGroups, which
  # CloudWatch Logs authorizes on the account's log-group:* only.
  statement {
    sid       = "FindLogGroup"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
  }

  statement {
    sid       = "WriteJobLogs"
    actions   = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
    resources = [local.log_group_arn, "${local.log_group_arn}:*"]
  }
}

resource "aws_iam_role" "this" {
  name               = local.role_name
  description        = "EMR Serverless jobs of ${local.name}: read s3://${var.raw.bucket}/${var.raw.prefix}/, write s3://${var.curated.bucket}/, update Glue database ${var.glue_database_name}."
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "this" {
  name   = "job"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}
