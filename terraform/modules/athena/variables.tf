variable "prefix" {
  description = "Name prefix for every resource, e.g. \"clickstack-prod\"; the workgroup is named <prefix>."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.prefix))
    error_message = "prefix must start with a lowercase letter, end with a letter or digit, and contain only lowercase letters, digits and hyphens."
  }
}

variable "results_bucket_name" {
  description = "Name of the S3 bucket for query results; results go under athena/ and the bucket lifecycle expires them."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.results_bucket_name))
    error_message = "results_bucket_name must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens), not an s3:// URL or ARN."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts query results (SSE_KMS)."
  type        = string
  nullable    = false

  validation {
    condition     = startswith(var.kms_key_arn, "arn:")
    error_message = "kms_key_arn must be a KMS key ARN starting with \"arn:\"."
  }
}

variable "bytes_scanned_cutoff_per_query" {
  description = "Athena cancels a query in this workgroup once it has scanned this many bytes (default 10 GiB)."
  type        = number
  default     = 10737418240
  nullable    = false

  validation {
    condition     = var.bytes_scanned_cutoff_per_query >= 10485760 && floor(var.bytes_scanned_cutoff_per_query) == var.bytes_scanned_cutoff_per_query
    error_message = "bytes_scanned_cutoff_per_query must be a whole number of bytes, at least 10485760 (10 MiB, the Athena minimum)."
  }
}

variable "database_name" {
  description = "Glue database the named queries run in."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9_-]{1,255}$", var.database_name))
    error_message = "database_name must be 1-255 lowercase letters, digits, underscores or hyphens."
  }
}

variable "named_queries" {
  description = "Saved queries by name (1-128 characters): a description and the SQL. Names are used as given, so the workgroup shows them as they are written."
  type = map(object({
    description = string
    query       = string
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for name, q in var.named_queries : length(name) <= 128 && can(regex("^[A-Za-z0-9_.-]+$", name))])
    error_message = "named_queries keys must be 1-128 letters, digits, underscores, dots or hyphens."
  }

  validation {
    condition     = alltrue([for q in var.named_queries : length(trimspace(q.query)) > 0 && length(q.query) <= 262144])
    error_message = "every named query needs SQL of 1 to 262144 characters (the Athena limit)."
  }

  validation {
    condition     = alltrue([for q in var.named_queries : length(q.description) <= 1024])
    error_message = "named query descriptions must be at most 1024 characters (the Athena limit)."
  }
}
