variable "prefix" {
  description = "Name prefix for every resource, e.g. \"clickstack-prod\"; the delivery stream is <prefix>-<name>."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.prefix))
    error_message = "prefix must start with a lowercase letter, end with a letter or digit, and contain only lowercase letters, digits and hyphens."
  }
}

variable "name" {
  description = "Delivery stream name after the prefix; also names the IAM role and the log group."
  type        = string
  default     = "raw-events"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.name))
    error_message = "name must start with a lowercase letter, end with a letter or digit, and contain only lowercase letters, digits and hyphens."
  }

  # The IAM role is <prefix>-<name>-firehose and IAM role names stop at 64 characters.
  validation {
    condition     = length("${var.prefix}-${var.name}-firehose") <= 64
    error_message = "prefix and name are too long together: \"<prefix>-<name>-firehose\" (the IAM role name) must be at most 64 characters."
  }
}

variable "source_stream_arn" {
  description = "ARN of the Kinesis data stream Firehose reads from (same account and region as the delivery stream)."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[A-Za-z0-9_.-]+$", var.source_stream_arn))
    error_message = "source_stream_arn must be a Kinesis stream ARN like arn:aws:kinesis:eu-west-1:111111111111:stream/my-stream."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the source stream, the lake objects Firehose writes and the delivery log group."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN like arn:aws:kms:eu-west-1:111111111111:key/<key-id> (an alias ARN is not accepted)."
  }
}

variable "destination_bucket_arn" {
  description = "ARN of the S3 bucket of the raw zone that receives the events."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.destination_bucket_arn))
    error_message = "destination_bucket_arn must be an S3 bucket ARN like arn:aws:s3:::my-bucket (no object path)."
  }
}

variable "events_prefix" {
  description = "Key prefix of delivered events in the bucket, without leading or trailing slash; dt=/hr= partitions go below it."
  type        = string
  default     = "events"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_.=-]+(/[A-Za-z0-9_.=-]+)*$", var.events_prefix))
    error_message = "events_prefix must be a non-empty S3 key prefix such as \"events\" or \"raw/events\", without leading or trailing slash."
  }
}

variable "errors_prefix" {
  description = "Key prefix of records Firehose could not process or deliver, without leading or trailing slash."
  type        = string
  default     = "errors"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_.=-]+(/[A-Za-z0-9_.=-]+)*$", var.errors_prefix))
    error_message = "errors_prefix must be a non-empty S3 key prefix such as \"errors\" or \"raw/errors\", without leading or trailing slash."
  }
}

variable "buffering" {
  description = "S3 delivery buffering: an object is written when size_mb is reached or interval_seconds has passed, whichever comes first."
  type = object({
    size_mb          = optional(number, 64)
    interval_seconds = optional(number, 300)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.buffering.size_mb >= 1 && var.buffering.size_mb <= 128 && floor(var.buffering.size_mb) == var.buffering.size_mb
    error_message = "buffering.size_mb must be a whole number between 1 and 128."
  }

  validation {
    condition     = var.buffering.interval_seconds >= 0 && var.buffering.interval_seconds <= 900 && floor(var.buffering.interval_seconds) == var.buffering.interval_seconds
    error_message = "buffering.interval_seconds must be a whole number between 0 and 900."
  }
}

variable "compression" {
  description = "Compression of the delivered objects: UNCOMPRESSED, GZIP, ZIP, Snappy or HADOOP_SNAPPY. The Glue raw table expects GZIP."
  type        = string
  default     = "GZIP"
  nullable    = false

  validation {
    condition     = contains(["UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY"], var.compression)
    error_message = "compression must be one of UNCOMPRESSED, GZIP, ZIP, Snappy, HADOOP_SNAPPY (case as written)."
  }
}

variable "processor_lambda_arn" {
  description = "Optional ARN of a record-transformation Lambda function run before delivery; null delivers records unchanged."
  type        = string
  default     = null

  validation {
    condition     = var.processor_lambda_arn == null || can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$", var.processor_lambda_arn))
    error_message = "processor_lambda_arn must be a Lambda function ARN like arn:aws:lambda:eu-west-1:111111111111:function:my-fn (optionally with :alias or :version), or null."
  }
}

variable "log_retention_days" {
  description = "Retention of the delivery error log group, in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}
