output "objects" {
  description = "The uploaded artifacts by name: bucket, bucket_arn, key, version_id (the S3 version of the object), sha256 (hex) and sha256_base64 (Lambda's source_code_hash). Built from the objects, so a consumer of an entry is created or updated only after that upload."
  value = {
    for name, object in aws_s3_object.this : name => {
      bucket        = object.bucket
      bucket_arn    = "arn:${data.aws_partition.current.partition}:s3:::${object.bucket}"
      key           = object.key
      version_id    = object.version_id
      sha256        = object.metadata["sha256"]
      sha256_base64 = local.sha256_base64[name]
    }
  }
}

output "bucket_arn" {
  description = "ARN of the artifacts bucket (for IAM policies that read the artifacts)."
  value       = local.bucket_arn
}
