data "aws_iam_policy_document" "this" {
  for_each = local.buckets

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.bucket_arns[each.key], "${local.bucket_arns[each.key]}/*"]

    # {"AWS": "*"} means everyone, exactly like "*", and local S3 emulators parse it.
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # Bucket owner enforced ownership disables ACLs, so the logging service principal is granted
  # through the policy: one statement per source bucket, which may write only under its own
  # prefix and only when the delivery is for that bucket of this account.
  dynamic "statement" {
    for_each = each.key == "access_logs" ? local.data_buckets : {}
    content {
      sid       = "AllowAccessLogDeliveryFrom${replace(title(replace(statement.key, "_", " ")), " ", "")}"
      actions   = ["s3:PutObject"]
      resources = ["${local.bucket_arns[each.key]}/${statement.key}/*"]

      principals {
        type        = "Service"
        identifiers = ["logging.s3.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [var.account_id]
      }

      condition {
        test     = "ArnLike"
        variable = "aws:SourceArn"
        values   = [local.bucket_arns[statement.key]]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].bucket
  policy   = data.aws_iam_policy_document.this[each.key].json

  # S3 rejects concurrent policy and public access block changes on one bucket.
  depends_on = [aws_s3_bucket_public_access_block.this]
}
