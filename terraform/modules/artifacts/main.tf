data "aws_partition" "current" {}

locals {
  bucket_arn = "arn:${data.aws_partition.current.partition}:s3:::${var.bucket_name}"

  content_types = {
    zip = "application/zip"
    py  = "text/x-python"
  }

  # The hex SHA-256 as base64 (what S3 reports as ChecksumSHA256 and Lambda as CodeSha256),
  # computed here because Terraform has no hex decoder: 21 groups of 3 hex digits (12 bits)
  # give 2 base64 digits each, the last hex digit (4 bits, padded with 2 zero bits) one more,
  # then the padding "=" of a 32-byte value.
  base64_digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  sha256_base64 = {
    for name, artifact in var.artifacts : name => join("", concat(
      [
        for group in range(21) : join("", [
          substr(local.base64_digits, floor(parseint(substr(artifact.sha256, group * 3, 3), 16) / 64), 1),
          substr(local.base64_digits, parseint(substr(artifact.sha256, group * 3, 3), 16) % 64, 1),
        ])
      ],
      [substr(local.base64_digits, parseint(substr(artifact.sha256, 63, 1), 16) * 4, 1), "="],
    ))
  }
}

resource "aws_s3_object" "this" {
  for_each = var.artifacts

  bucket = var.bucket_name
  key    = each.value.key
  source = each.value.file
  # No source_hash (and no etag, which is not an MD5 under SSE-KMS): the key is content-addressed
  # and the variable's validation proves at plan time that the file's SHA-256 is the one the key
  # names, so new content is always a new key, which replaces the object. A source_hash could only
  # repeat that, while re-reading every artifact in every plan.
  content_type = local.content_types[regex("[a-z]+$", each.value.key)]

  # S3 verifies the SHA-256 the provider computes over the bytes it sends; the postcondition
  # below compares what S3 stored with the digest of the manifest.
  checksum_algorithm = "SHA256"

  # Explicit rather than the bucket default: the upload must not depend on whether the bucket's
  # encryption configuration has been applied yet in the same apply.
  server_side_encryption = "aws:kms"
  kms_key_id             = var.kms_key_arn
  bucket_key_enabled     = true

  metadata = {
    artifact = each.key
    sha256   = each.value.sha256
  }

  lifecycle {
    # A new build's object exists before the Lambda functions, Glue job and Flink app switch to
    # it; only then is the previous build's key removed.
    create_before_destroy = true
    # The file path only says where this machine found the bytes the key names (clickstack
    # passes absolute paths, which differ between clones and CI runners): a new path with the
    # same key is the same content and must not re-upload it as a new object version.
    ignore_changes = [source]

    # What S3 stores is the artifact the key names. Checked whenever the object stays as it is;
    # while this apply (re-)writes it, version_id is unknown, which defers the check until after
    # the upload.
    postcondition {
      condition     = (self.version_id == null ? self.checksum_sha256 : self.checksum_sha256) == local.sha256_base64[each.key]
      error_message = "s3://${var.bucket_name}/${each.value.key}: S3 stores SHA-256 ${coalesce(self.checksum_sha256, "none")}, expected ${local.sha256_base64[each.key]} (the sha256 of ${each.key}): the object is not the built artifact. Delete it from the bucket; the next apply uploads the artifact again."
    }
  }
}
