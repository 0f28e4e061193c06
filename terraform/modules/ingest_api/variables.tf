variable "prefix" {
  description = "Prefix for resource names, e.g. \"clickstack-prod\"."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "stream_name" {
  description = "Name of the Kinesis data stream the API writes to."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-zA-Z0-9_.-]{1,128}$", var.stream_name))
    error_message = "stream_name must be 1-128 letters, digits, underscores, dots or hyphens."
  }
}

variable "stream_arn" {
  description = "ARN of the same stream; the API role may put records on it and nothing else."
  type        = string
  nullable    = false

  validation {
    condition = (
      can(regex("^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[a-zA-Z0-9_.-]+$", var.stream_arn)) &&
      endswith(var.stream_arn, ":stream/${var.stream_name}")
    )
    error_message = "stream_arn must be the Kinesis stream ARN of stream_name (arn:aws:kinesis:<region>:<account>:stream/<stream_name>)."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the stream; the API role gets kms:GenerateDataKey on it and the log groups are encrypted with it."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "request_model_schema" {
  description = "JSON Schema (draft-04) for the POST /collect body: an array of 1-500 events."
  type        = string
  nullable    = false

  validation {
    condition     = can(jsondecode(var.request_model_schema))
    error_message = "request_model_schema must be a valid JSON document."
  }

  validation {
    condition = try(
      jsondecode(var.request_model_schema).type == "array" &&
      jsondecode(var.request_model_schema).minItems >= 1 &&
      jsondecode(var.request_model_schema).maxItems <= 500,
      false
    )
    error_message = "request_model_schema must describe an array (\"type\": \"array\") with minItems of at least 1 and maxItems of at most 500, the Kinesis PutRecords limit."
  }
}

variable "throttling" {
  description = "Stage-wide throttling: steady requests per second (rate_limit) and bucket size (burst_limit)."
  type = object({
    rate_limit  = number
    burst_limit = number
  })
  nullable = false

  validation {
    condition     = var.throttling.rate_limit > 0
    error_message = "throttling.rate_limit must be greater than 0."
  }

  validation {
    condition     = var.throttling.burst_limit > 0 && floor(var.throttling.burst_limit) == var.throttling.burst_limit
    error_message = "throttling.burst_limit must be a whole number greater than 0."
  }
}

variable "cors_allow_origins" {
  description = "Browser origins allowed to call the API (e.g. \"https://www.example.com\"), or [\"*\"]. [] disables CORS. With several origins the caller's Origin is echoed when listed."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition = alltrue([
      for origin in var.cors_allow_origins : origin == "*" || can(regex("^https?://[a-zA-Z0-9.-]+(:[0-9]{1,5})?$", origin))
    ])
    error_message = "cors_allow_origins entries must be \"*\" or a scheme and host without path or trailing slash, e.g. \"https://www.example.com\"."
  }

  validation {
    condition     = !contains(var.cors_allow_origins, "*") || length(var.cors_allow_origins) == 1
    error_message = "cors_allow_origins may contain \"*\" only on its own."
  }
}

variable "stage_name" {
  description = "Name of the API stage; it is the first path segment of the invoke URL."
  type        = string
  default     = "v1"
  nullable    = false

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{1,128}$", var.stage_name))
    error_message = "stage_name must be 1-128 letters, digits, underscores or hyphens."
  }
}

variable "access_log_retention_days" {
  description = "Retention in days for the stage's access and execution log groups."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.access_log_retention_days)
    error_message = "access_log_retention_days must be a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "manage_account_logging_role" {
  description = "Create the CloudWatch Logs role and set it on the region's API Gateway account (a per-region singleton: enable in one env only)."
  type        = bool
  default     = false
  nullable    = false
}
