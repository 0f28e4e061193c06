locals {
  bucket_arn = {
    for bucket in distinct([var.script.bucket, var.raw.bucket, var.curated.bucket, var.artifacts_bucket]) :
    bucket => "arn:${local.partition}:s3:::${bucket}"
  }
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["glue.amazonaws.com"]
    }

    # No aws:SourceAccount condition: Glue does not document passing it when it assumes a job
    # role, and a role can only be given to a job in its own account (iam:PassRole).
  }
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "ReadScript"
    actions   = ["s3:GetObject"]
    resources = ["${local.bucket_arn[var.script.bucket]}/${var.script.key}"]
  }

  statement {
    sid       = "LocateBuckets"
    actions   = ["s3:GetBucketLocation"]
    resources = values(local.bucket_arn)
  }

  # Listing is limited to the job's folders. It also makes a HEAD of a missing key there answer
  # 404 instead of 403, which Spark relies on to test whether a folder exists. "<folder>_$folder$"
  # is the empty marker object Glue's S3 file system writes for a folder.
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
    sid       = "ListOutputs"
    actions   = ["s3:ListBucket"]
    resources = [local.bucket_arn[var.curated.bucket]]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values = flatten([
        for prefix in values(local.output_prefixes) : [prefix, "${prefix}/*", "${prefix}_$folder$"]
      ])
    }
  }

  # Delete: the job replaces a day's folder (dynamic partition overwrite) and removes a day
  # whose output is now empty; Spark's commit renames (copy + delete) staged files.
  statement {
    sid = "WriteOutputs"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = flatten([
      for prefix in values(local.output_prefixes) : [
        "${local.bucket_arn[var.curated.bucket]}/${prefix}/*",
        "${local.bucket_arn[var.curated.bucket]}/${prefix}_$folder$",
      ]
    ])
  }

  statement {
    sid       = "ListTempDir"
    actions   = ["s3:ListBucket"]
    resources = [local.bucket_arn[var.artifacts_bucket]]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [local.temp_prefix, "${local.temp_prefix}/*", "${local.temp_prefix}_$folder$"]
    }
  }

  statement {
    sid = "UseTempDir"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = [
      "${local.bucket_arn[var.artifacts_bucket]}/${local.temp_prefix}/*",
      "${local.bucket_arn[var.artifacts_bucket]}/${local.temp_prefix}_$folder$",
    ]
  }

  # The lake buckets and the objects the job writes (security configuration SSE-KMS) use the key
  # through S3; the job bookmark is encrypted client-side (CSE-KMS) by the job itself, which calls
  # KMS directly, so no kms:ViaService condition can apply.
  statement {
    sid       = "UseKey"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
  }

  # CreateLogGroup only answers "already exists" for the groups created in logs.tf;
  # AssociateKmsKey is how Glue applies the security configuration's key to them.
  statement {
    sid = "WriteJobLogs"
    actions = [
      "logs:CreateLogGroup",
      "logs:AssociateKmsKey",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = flatten([
      for arn in values(local.log_group_arns) : [arn, "${arn}:*"]
    ])
  }

  # --enable-metrics: PutMetricData has no resource type; the namespace is Glue's own.
  statement {
    sid       = "PublishJobMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["Glue"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = local.role_name
  description        = "Glue job ${local.name}: reads s3://${var.raw.bucket}/${var.raw.prefix}/, writes its outputs in s3://${var.curated.bucket}/."
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "this" {
  name   = "job"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}
