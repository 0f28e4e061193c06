data "aws_iam_policy_document" "this" {
  for_each = local.buckets

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.bucket_arns[each.key], "${local.bucket_arns[each.key]}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # Bucket owner enforced ownership disables ACLs, so the logging service principal is granted
  # through the policy: only under each source bucket's prefix, and only for this account's
  # lake buckets.
  dynamic "statement" {
    for_each = each.key == "access_logs" ? [true] : []
    content {
      sid       = "AllowServerAccessLogDelivery"
      actions   = ["s3:PutObject"]
      resources = [for key, _ in local.data_buckets : "${local.bucket_arns[each.key]}/${key}/*"]

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
        values   = [for key, _ in local.data_buckets : local.bucket_arns[key]]
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
