variable "prefix" {
  description = "Name prefix for every resource, e.g. \"clickstack-prod\"; the key alias is alias/<prefix>."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.prefix))
    error_message = "prefix must start with a lowercase letter, end with a letter or digit, and contain only lowercase letters, digits and hyphens."
  }
}

variable "account_id" {
  description = "AWS account id that owns the key; its root principal administers the key."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "deletion_window_in_days" {
  description = "Days the key waits in PendingDeletion before it is deleted; data encrypted with it is lost after that."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30 && floor(var.deletion_window_in_days) == var.deletion_window_in_days
    error_message = "deletion_window_in_days must be a whole number between 7 and 30."
  }
}

variable "extra_policy_documents" {
  description = "Key policy documents (JSON) of services that use the key as their own service principal, not through a role, keyed by a stable name - e.g. the monitoring module's kms_key_policy_json, so CloudWatch alarms and EventBridge can publish to an encrypted SNS topic. Merged into the key policy."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for document in values(var.extra_policy_documents) : can(jsondecode(document).Statement)])
    error_message = "extra_policy_documents values must be IAM policy documents in JSON with a Statement (e.g. data.aws_iam_policy_document.x.json)."
  }

  # Statements with the same Sid replace each other when documents are merged: a caller's
  # statement must never silently replace the account's administration of the key.
  validation {
    condition = alltrue([
      for document in values(var.extra_policy_documents) : alltrue([
        for statement in flatten([try(jsondecode(document).Statement, [])]) :
        !contains(["AccountAdministersKeyThroughIam", "CloudWatchLogsEncryptsLogGroups"], try(statement.Sid, ""))
      ])
    ])
    error_message = "extra_policy_documents must not use the module's statement Sids (AccountAdministersKeyThroughIam, CloudWatchLogsEncryptsLogGroups)."
  }
}
