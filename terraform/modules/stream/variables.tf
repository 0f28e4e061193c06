variable "prefix" {
  description = "Prefix for resource names, e.g. \"clickstack-prod\"."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "name" {
  description = "Stream name suffix; the stream is named \"<prefix>-<name>\"."
  type        = string
  default     = "events"
  nullable    = false

  validation {
    condition     = can(regex("^[a-zA-Z0-9_.-]{1,64}$", var.name))
    error_message = "name must be 1-64 letters, digits, underscores, dots or hyphens."
  }
}

variable "capacity" {
  description = "Capacity mode. ON_DEMAND scales shards automatically; PROVISIONED needs shard_count (1-500)."
  type = object({
    mode        = optional(string, "ON_DEMAND")
    shard_count = optional(number)
  })
  default  = {}
  nullable = false

  validation {
    condition     = contains(["ON_DEMAND", "PROVISIONED"], var.capacity.mode)
    error_message = "capacity.mode must be ON_DEMAND or PROVISIONED."
  }

  validation {
    condition = (
      var.capacity.mode != "PROVISIONED" ||
      try(var.capacity.shard_count >= 1 && var.capacity.shard_count <= 500 && floor(var.capacity.shard_count) == var.capacity.shard_count, false)
    )
    error_message = "capacity.shard_count must be a whole number between 1 and 500 when capacity.mode is PROVISIONED."
  }

  validation {
    condition     = var.capacity.mode != "ON_DEMAND" || var.capacity.shard_count == null
    error_message = "capacity.shard_count must not be set when capacity.mode is ON_DEMAND."
  }
}

variable "retention_hours" {
  description = "How long records stay readable in the stream, in hours (24-8760)."
  type        = number
  default     = 24
  nullable    = false

  validation {
    condition     = var.retention_hours >= 24 && var.retention_hours <= 8760 && floor(var.retention_hours) == var.retention_hours
    error_message = "retention_hours must be a whole number between 24 and 8760."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the stream at rest."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "shard_level_metrics" {
  description = "Enhanced shard-level CloudWatch metrics to enable; [] turns them off."
  type        = list(string)
  default = [
    "IncomingBytes",
    "IncomingRecords",
    "OutgoingBytes",
    "OutgoingRecords",
    "WriteProvisionedThroughputExceeded",
    "ReadProvisionedThroughputExceeded",
    "IteratorAgeMilliseconds",
  ]
  nullable = false

  validation {
    condition = alltrue([
      for metric in var.shard_level_metrics : contains([
        "IncomingBytes",
        "IncomingRecords",
        "OutgoingBytes",
        "OutgoingRecords",
        "WriteProvisionedThroughputExceeded",
        "ReadProvisionedThroughputExceeded",
        "IteratorAgeMilliseconds",
        "ALL",
      ], metric)
    ])
    error_message = "shard_level_metrics may only contain IncomingBytes, IncomingRecords, OutgoingBytes, OutgoingRecords, WriteProvisionedThroughputExceeded, ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds or ALL."
  }
}
