# The built single-page application (index.html, JS, CSS). Private: only the distribution reads
# it, through origin access control; the deployment writes it with its own role.
resource "aws_s3_bucket" "web" {
  bucket        = local.web_bucket_name
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_ownership_controls" "web" {
  bucket = aws_s3_bucket.web.bucket

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "web" {
  bucket                  = aws_s3_bucket.web.bucket
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Versioned, so a bad deployment can be rolled back to the previous objects.
resource "aws_s3_bucket_versioning" "web" {
  bucket = aws_s3_bucket.web.bucket

  versioning_configuration {
    status = "Enabled"
  }
}

# SSE-S3, not the platform key: CloudFront (OAC) can read SSE-KMS objects only if the key policy
# lets the cloudfront.amazonaws.com service principal decrypt for this distribution. That key
# policy belongs to the kms module, and a statement naming this distribution's ARN there would
# make the key depend on the distribution, which depends on this bucket, which would depend on
# the key. The objects are the public web application that the distribution serves to anyone,
# so a customer managed key would not keep them from anyone who can reach them.
resource "aws_s3_bucket_server_side_encryption_configuration" "web" {
  bucket = aws_s3_bucket.web.bucket

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "web" {
  bucket = aws_s3_bucket.web.bucket

  rule {
    id     = "noncurrent-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.web_noncurrent_version_days
    }

    expiration {
      expired_object_delete_marker = true
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  # Lifecycle rules on a bucket whose versioning is still being set up are rejected.
  depends_on = [aws_s3_bucket_versioning.web]
}

data "aws_iam_policy_document" "web" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.web_bucket_arn, "${local.web_bucket_arn}/*"]

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

  # Origin access control: CloudFront signs its requests as the service principal, and only
  # requests on behalf of this distribution may read. Without s3:ListBucket a missing key
  # answers 403, not 404; the SPA fallback does not depend on either (see cdn.tf).
  statement {
    sid       = "AllowCloudFrontRead"
    actions   = ["s3:GetObject"]
    resources = ["${local.web_bucket_arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.this.arn]
    }
  }
}

resource "aws_s3_bucket_policy" "web" {
  bucket = aws_s3_bucket.web.bucket
  policy = data.aws_iam_policy_document.web.json

  # S3 rejects concurrent policy and public access block changes on one bucket.
  depends_on = [aws_s3_bucket_public_access_block.web]
}
