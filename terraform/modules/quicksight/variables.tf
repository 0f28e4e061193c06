variable "prefix" {
  description = "Prefix for resource names, e.g. \"clickstack-prod\"; the data source id is <prefix>-athena."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "account_id" {
  description = "AWS account id of the existing QuickSight subscription (the data source's aws_account_id)."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "athena_workgroup_name" {
  description = "Athena workgroup QuickSight runs its queries in (the athena module's workgroup_name); its settings fix the result location, encryption and scan limit."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-zA-Z0-9._-]{1,128}$", var.athena_workgroup_name))
    error_message = "athena_workgroup_name must be 1-128 letters, digits, dots, underscores or hyphens."
  }
}

variable "principals" {
  description = "QuickSight users or groups given access to the data source, keyed by a stable name: arn (arn:aws:quicksight:<region>:<account_id>:user/<namespace>/<name> or :group/<namespace>/<name>) and actions \"owner\" (use, edit, share, delete) or \"viewer\" (use in datasets)."
  type = map(object({
    arn     = string
    actions = optional(string, "owner")
  }))
  nullable = false

  validation {
    condition     = alltrue([for p in values(var.principals) : can(regex("^arn:aws[a-z-]*:quicksight:[a-z0-9-]+:[0-9]{12}:(user|group)/[A-Za-z0-9._-]+/.+$", p.arn))])
    error_message = "principals arn must be a QuickSight user or group ARN like arn:aws:quicksight:us-east-1:111111111111:user/default/jane or arn:aws:quicksight:us-east-1:111111111111:group/default/analysts."
  }

  validation {
    condition     = alltrue([for p in values(var.principals) : try(split(":", p.arn)[4], "") == var.account_id])
    error_message = "principals arn must be in account_id's account: QuickSight users and groups belong to the subscription's account."
  }

  validation {
    condition     = alltrue([for p in values(var.principals) : contains(["owner", "viewer"], p.actions)])
    error_message = "principals actions must be \"owner\" or \"viewer\"."
  }

  validation {
    condition     = contains([for p in values(var.principals) : p.actions], "owner")
    error_message = "principals must include at least one \"owner\": without one nobody in QuickSight can edit, share or delete the data source."
  }

  validation {
    condition     = length(var.principals) <= 64
    error_message = "principals may hold at most 64 entries (the QuickSight limit of permissions per data source)."
  }
}

variable "ssl" {
  description = "Connect to Athena over TLS. Keep true; false only exists because QuickSight has the switch."
  type        = bool
  default     = true
  nullable    = false
}

variable "service_role_access" {
  description = "What the QuickSight service role must reach through Athena, to render service_role_policy_json: the Glue database, the lake buckets, the query results bucket and key prefix (the athena module writes under athena/) and the KMS key of the lake and results. null renders no policy."
  type = object({
    glue_database_name = string
    lake_bucket_arns   = list(string)
    results_bucket_arn = string
    results_prefix     = optional(string, "athena")
    kms_key_arn        = string
  })
  default = null

  validation {
    condition     = var.service_role_access == null || try(can(regex("^[a-z0-9_]{1,255}$", var.service_role_access.glue_database_name)), false)
    error_message = "service_role_access.glue_database_name must be 1 to 255 lowercase letters, digits or underscores."
  }

  validation {
    condition = var.service_role_access == null || try(
      length(var.service_role_access.lake_bucket_arns) > 0 &&
      alltrue([for arn in concat(var.service_role_access.lake_bucket_arns, [var.service_role_access.results_bucket_arn]) : can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", arn))]),
      false
    )
    error_message = "service_role_access.lake_bucket_arns (at least one) and results_bucket_arn must be S3 bucket ARNs like arn:aws:s3:::my-bucket (no object path)."
  }

  validation {
    condition     = var.service_role_access == null || try(can(regex("^[A-Za-z0-9_.=-]+(/[A-Za-z0-9_.=-]+)*$", var.service_role_access.results_prefix)), false)
    error_message = "service_role_access.results_prefix must be a non-empty S3 key prefix such as \"athena\", without leading or trailing slash."
  }

  validation {
    condition     = var.service_role_access == null || try(can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.service_role_access.kms_key_arn)), false)
    error_message = "service_role_access.kms_key_arn must be a KMS key ARN like arn:aws:kms:eu-west-1:111111111111:key/<key-id> (an alias ARN is not accepted)."
  }
}
