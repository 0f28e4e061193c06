variable "prefix" {
  description = "Name prefix for every resource, e.g. \"clickstack-prod\"; buckets are <prefix>-<account_id>-<bucket>."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.prefix))
    error_message = "prefix must start with a lowercase letter, end with a letter or digit, and contain only lowercase letters, digits and hyphens."
  }

  # The longest bucket name is <prefix>-<account_id>-query-results; S3 allows 63 characters.
  validation {
    condition     = length("${var.prefix}-${var.account_id}-query-results") <= 63
    error_message = "prefix is too long: the bucket name \"${var.prefix}-${var.account_id}-query-results\" must be at most 63 characters, so prefix can have at most 36."
  }
}

variable "account_id" {
  description = "AWS account id; it makes bucket names globally unique and scopes access log delivery."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the data buckets (SSE-KMS)."
  type        = string
  nullable    = false

  validation {
    condition     = startswith(var.kms_key_arn, "arn:")
    error_message = "kms_key_arn must be a KMS key ARN starting with \"arn:\"."
  }
}

variable "retention" {
  description = "Days after which S3 lifecycle expires current objects per bucket (artifacts never expire), noncurrent versions in every bucket."
  type = object({
    raw_days                = optional(number, 365)
    curated_days            = optional(number, 730)
    query_results_days      = optional(number, 30)
    access_logs_days        = optional(number, 90)
    noncurrent_version_days = optional(number, 30)
  })
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for name, days in var.retention : days >= 1 && floor(days) == days])
    error_message = "every retention value (raw_days, curated_days, query_results_days, access_logs_days, noncurrent_version_days) must be a whole number of days, at least 1."
  }
}

variable "force_destroy" {
  description = "Allow Terraform to delete buckets that still hold objects. Keep false outside throwaway environments."
  type        = bool
  default     = false
  nullable    = false
}

variable "load_balancer_log_prefixes" {
  description = "Key prefixes in access_logs under which Elastic Load Balancing may write this account's load balancer access logs (<prefix>/AWSLogs/<account_id>/...), e.g. [\"alb/clickstack-prod-fleet\"]; [] admits none."
  type        = list(string)
  default     = []
  nullable    = false

  # "*" and "?" would be wildcards in the policy's resource ARN, widening the grant.
  validation {
    condition     = alltrue([for prefix in var.load_balancer_log_prefixes : can(regex("^[A-Za-z0-9!_.'()-]+(/[A-Za-z0-9!_.'()-]+)*$", prefix)) && !strcontains(prefix, "AWSLogs")])
    error_message = "every load_balancer_log_prefixes entry must be a key prefix of letters, digits and !_.'()- segments separated by single slashes, without leading or trailing slash, \"*\" or AWSLogs (Elastic Load Balancing adds AWSLogs/<account_id>/ itself)."
  }

  # The data buckets' server access logs live under <bucket>/ (raw/, curated/, ...).
  validation {
    condition     = alltrue([for prefix in var.load_balancer_log_prefixes : !contains(["raw", "curated", "query_results", "artifacts"], split("/", prefix)[0])])
    error_message = "load_balancer_log_prefixes must not start with raw, curated, query_results or artifacts: those prefixes hold the lake buckets' S3 server access logs."
  }
}
