data "aws_partition" "current" {}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["firehose.amazonaws.com"]
    }

    # Firehose passes the owning account as the external id; this keeps another account's
    # delivery stream from assuming the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [local.account_id]
    }
  }
}

data "aws_iam_policy_document" "this" {
  statement {
    sid = "ReadSourceStream"
    actions = [
      "kinesis:DescribeStream",
      "kinesis:GetShardIterator",
      "kinesis:GetRecords",
      "kinesis:ListShards",
    ]
    resources = [var.source_stream_arn]
  }

  statement {
    sid = "LocateBucket"
    actions = [
      "s3:GetBucketLocation",
      "s3:ListBucket",
      "s3:ListBucketMultipartUploads",
    ]
    resources = [var.destination_bucket_arn]
  }

  # Objects only under the two prefixes this stream writes to.
  statement {
    sid = "WriteObjects"
    actions = [
      "s3:AbortMultipartUpload",
      "s3:GetObject",
      "s3:PutObject",
    ]
    resources = [
      "${var.destination_bucket_arn}/${var.events_prefix}/*",
      "${var.destination_bucket_arn}/${var.errors_prefix}/*",
    ]
  }

  # The key is shared by the stream and the lake: each use is limited to the service and the
  # resource it is for. With S3 Bucket Keys the encryption context is the bucket ARN.
  statement {
    sid       = "EncryptObjects"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.${data.aws_partition.current.dns_suffix}"]
    }

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values = [
        var.destination_bucket_arn,
        "${var.destination_bucket_arn}/${var.events_prefix}/*",
        "${var.destination_bucket_arn}/${var.errors_prefix}/*",
      ]
    }
  }

  statement {
    sid       = "DecryptSourceStream"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["kinesis.${local.region}.${data.aws_partition.current.dns_suffix}"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:kinesis:arn"
      values   = [var.source_stream_arn]
    }
  }

  statement {
    sid       = "WriteDeliveryLogs"
    actions   = ["logs:PutLogEvents"]
    resources = [local.log_stream_arn]
  }

  # Firehose reads the function configuration when the stream is created or updated, then
  # invokes it for every batch.
  dynamic "statement" {
    for_each = var.processor_lambda_arn == null ? [] : [var.processor_lambda_arn]
    content {
      sid       = "InvokeProcessor"
      actions   = ["lambda:InvokeFunction", "lambda:GetFunctionConfiguration"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${local.name}-firehose"
  description        = "Firehose delivery from ${var.source_stream_arn} to ${var.destination_bucket_arn}."
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "this" {
  name   = "delivery"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}
