variable "bucket_name" {
  description = "Name of the artifacts S3 bucket the objects are uploaded to (created by the data_lake module: <prefix>-<account_id>-artifacts)."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens), not an s3:// URL or ARN."
  }
}

variable "kms_key_arn" {
  description = "ARN of the platform's customer managed KMS key; every object is encrypted with it (SSE-KMS with an S3 Bucket Key), whatever the bucket's default encryption is at upload time."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "artifacts" {
  description = "The packaged artifacts to upload, by name as build/artifacts/manifest.json names them (\"lambda/profile_updater\", \"glue/sessionize\", \"flink/realtime_metrics\"): the local file (read at plan and apply time; relative paths are relative to the directory Terraform runs in), the content-addressed S3 key artifacts/<name>/<sha256>.<zip|py> and the file's SHA-256 as 64 hex digits."
  type = map(object({
    file   = string
    key    = string
    sha256 = string
  }))
  nullable = false

  validation {
    condition     = alltrue([for name in keys(var.artifacts) : can(regex("^(lambda|glue|flink)/[a-z0-9_]+$", name))])
    error_message = "artifacts keys must be <kind>/<name> as build/artifacts/manifest.json names them: kind lambda, glue or flink, name of lowercase letters, digits and underscores (e.g. \"lambda/profile_updater\")."
  }

  validation {
    condition     = alltrue([for artifact in values(var.artifacts) : can(regex("^[0-9a-f]{64}$", artifact.sha256))])
    error_message = "every artifacts sha256 must be the file's SHA-256 as 64 lowercase hex digits (the sha256 of build/artifacts/manifest.json), not base64."
  }

  # Content addressing: the key names the artifact and the digest of its bytes, so a new build
  # is a new object and an existing key never changes its content.
  validation {
    condition = alltrue([
      for name, artifact in var.artifacts : contains([
        "artifacts/${name}/${artifact.sha256}.zip",
        "artifacts/${name}/${artifact.sha256}.py",
      ], artifact.key)
    ])
    error_message = "every artifacts key must be artifacts/<name>/<sha256>.zip or .py with the entry's own name and sha256 (content addressing); wrong for: ${join(", ", [for name, artifact in var.artifacts : name if !contains(["artifacts/${name}/${artifact.sha256}.zip", "artifacts/${name}/${artifact.sha256}.py"], artifact.key)])}."
  }

  # try(): fileexists() fails instead of returning false for a path that is not a regular file.
  validation {
    condition     = alltrue([for artifact in values(var.artifacts) : try(fileexists(artifact.file), false)])
    error_message = "artifacts files not found or not regular files (build them with `make package`): ${join(", ", [for name, artifact in var.artifacts : "${name} -> ${artifact.file}" if !try(fileexists(artifact.file), false)])}."
  }

  # A missing file is reported by the validation above, so it passes here.
  validation {
    condition     = alltrue([for artifact in values(var.artifacts) : try(filesha256(artifact.file) == artifact.sha256, true)])
    error_message = "artifacts files whose content does not match their sha256 (a build newer or older than the manifest; run `make package`): ${join(", ", [for name, artifact in var.artifacts : name if !try(filesha256(artifact.file) == artifact.sha256, true)])}."
  }
}
