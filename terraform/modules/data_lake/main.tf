data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  # The four buckets holding platform data; their server access logs go to access_logs.
  # expiration_days = null keeps current objects forever: artifacts are content-addressed
  # code packages that Terraform still references.
  data_buckets = {
    raw           = { sse_algorithm = "aws:kms", expiration_days = var.retention.raw_days }
    curated       = { sse_algorithm = "aws:kms", expiration_days = var.retention.curated_days }
    query_results = { sse_algorithm = "aws:kms", expiration_days = var.retention.query_results_days }
    artifacts     = { sse_algorithm = "aws:kms", expiration_days = null }
  }
  # access_logs uses SSE-S3: S3 server access log delivery supports default encryption of the
  # target bucket only with SSE-S3 (AES256), not SSE-KMS (S3 User Guide, "Enabling Amazon S3
  # server access logging"), and so does Elastic Load Balancing access log delivery (ALB Guide,
  # "Enable access logs for your Application Load Balancer").
  buckets = merge(local.data_buckets, {
    access_logs = { sse_algorithm = "AES256", expiration_days = var.retention.access_logs_days }
  })
  bucket_names = {
    for key, _ in local.buckets : key => "${var.prefix}-${var.account_id}-${replace(key, "_", "-")}"
  }
  bucket_arns = {
    for key, name in local.bucket_names : key => "arn:${data.aws_partition.current.partition}:s3:::${name}"
  }
}

resource "aws_s3_bucket" "this" {
  for_each      = local.buckets
  bucket        = local.bucket_names[each.key]
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].bucket

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each                = local.buckets
  bucket                  = aws_s3_bucket.this[each.key].bucket
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].bucket

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].bucket

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = each.value.sse_algorithm
      kms_master_key_id = each.value.sse_algorithm == "aws:kms" ? var.kms_key_arn : null
    }
    # Bucket keys cut KMS request costs for the many small objects Firehose and Athena write.
    bucket_key_enabled = each.value.sse_algorithm == "aws:kms"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].bucket

  rule {
    id     = "retention"
    status = "Enabled"

    filter {}

    # Without current-object expiration (artifacts), delete markers of removed objects are
    # cleaned up once their noncurrent versions have expired.
    expiration {
      days                         = each.value.expiration_days
      expired_object_delete_marker = each.value.expiration_days == null ? true : null
    }

    noncurrent_version_expiration {
      noncurrent_days = var.retention.noncurrent_version_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  # Lifecycle rules on a bucket whose versioning is still being set up are rejected.
  depends_on = [aws_s3_bucket_versioning.this]
}

resource "aws_s3_bucket_logging" "this" {
  for_each      = local.data_buckets
  bucket        = aws_s3_bucket.this[each.key].bucket
  target_bucket = aws_s3_bucket.this["access_logs"].bucket
  target_prefix = "${each.key}/"

  # Log delivery is checked against the target bucket policy.
  depends_on = [aws_s3_bucket_policy.this]
}
