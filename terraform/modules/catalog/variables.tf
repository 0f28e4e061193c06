variable "prefix" {
  description = "Name prefix, e.g. \"clickstack-prod\"; the default database name is the prefix with underscores."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.prefix))
    error_message = "prefix must start with a lowercase letter, end with a letter or digit, and contain only lowercase letters, digits and hyphens."
  }
}

variable "database_name" {
  description = "Glue database name; null uses the prefix with hyphens replaced by underscores (Athena does not accept hyphens unquoted)."
  type        = string
  default     = null

  validation {
    condition     = var.database_name == null || can(regex("^[a-z0-9_]{1,255}$", var.database_name))
    error_message = "database_name must be 1 to 255 lowercase letters, digits or underscores."
  }
}

variable "raw_bucket_name" {
  description = "Name of the S3 bucket of the raw zone that Firehose writes the events to."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.raw_bucket_name))
    error_message = "raw_bucket_name must be an S3 bucket name (3 to 63 lowercase letters, digits, dots or hyphens), not an ARN or s3:// URL."
  }
}

variable "events_prefix" {
  description = "Key prefix of the events in the raw bucket, without leading or trailing slash; must match the Firehose events_prefix."
  type        = string
  default     = "events"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_.=-]+(/[A-Za-z0-9_.=-]+)*$", var.events_prefix))
    error_message = "events_prefix must be a non-empty S3 key prefix such as \"events\" or \"raw/events\", without leading or trailing slash."
  }
}

variable "columns" {
  description = "Columns of the raw events table, in order: Hive type strings such as bigint or struct<a:string>. dt and hr are added as partition keys."
  type = list(object({
    name    = string
    type    = string
    comment = optional(string, "")
  }))
  nullable = false

  validation {
    condition     = length(var.columns) > 0
    error_message = "columns must list at least one column."
  }

  validation {
    condition     = length(distinct([for c in var.columns : lower(c.name)])) == length(var.columns)
    error_message = "columns must have unique names (compared case-insensitively, as Athena does)."
  }

  validation {
    condition     = alltrue([for c in var.columns : !contains(["dt", "hr"], lower(c.name))])
    error_message = "columns must not be named dt or hr: those are the table's partition keys."
  }

  validation {
    condition     = alltrue([for c in var.columns : trimspace(c.name) != "" && trimspace(c.type) != ""])
    error_message = "every column needs a non-empty name and type."
  }
}

variable "curated_bucket_name" {
  description = "Name of the S3 bucket of the curated zone that the Glue job writes Parquet to; required when curated_tables is not empty."
  type        = string
  default     = null

  validation {
    condition     = var.curated_bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.curated_bucket_name))
    error_message = "curated_bucket_name must be an S3 bucket name (3 to 63 lowercase letters, digits, dots or hyphens), not an ARN or s3:// URL."
  }
}

variable "curated_tables" {
  description = "Parquet tables in the curated bucket by table name: key prefix (no slashes at either end), description and columns in order. Each is partitioned by a projected dt (yyyy-MM-dd)."
  type = map(object({
    prefix      = string
    description = string
    columns = list(object({
      name    = string
      type    = string
      comment = optional(string, "")
    }))
  }))
  default  = {}
  nullable = false

  validation {
    condition     = length(var.curated_tables) == 0 || var.curated_bucket_name != null
    error_message = "curated_bucket_name must be set when curated_tables is not empty."
  }

  validation {
    condition     = alltrue([for name, _ in var.curated_tables : can(regex("^[a-z][a-z0-9_]{0,254}$", name)) && name != "raw_events"])
    error_message = "curated_tables keys must be table names of lowercase letters, digits and underscores starting with a letter, and not raw_events."
  }

  validation {
    condition     = alltrue([for t in var.curated_tables : can(regex("^[A-Za-z0-9_.=-]+(/[A-Za-z0-9_.=-]+)*$", t.prefix))])
    error_message = "every curated table prefix must be a non-empty S3 key prefix such as \"sessions\", without leading or trailing slash."
  }

  validation {
    condition     = length(distinct([for t in var.curated_tables : t.prefix])) == length(var.curated_tables)
    error_message = "curated tables must have distinct prefixes: two tables over one folder would read each other's files."
  }

  validation {
    condition = alltrue([
      for t in var.curated_tables :
      length(t.columns) > 0
      && length(distinct([for c in t.columns : lower(c.name)])) == length(t.columns)
      && alltrue([for c in t.columns : lower(c.name) != "dt" && trimspace(c.name) != "" && trimspace(c.type) != ""])
    ])
    error_message = "every curated table needs at least one column, unique non-empty names and types, and no column named dt (the partition key)."
  }
}

variable "projection_start_date" {
  description = "First day (YYYY-MM-DD, UTC) of the dt partition projection; Athena projects days from it up to today."
  type        = string
  default     = "2026-01-01"
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", var.projection_start_date)) && can(formatdate("YYYY-MM-DD", "${var.projection_start_date}T00:00:00Z"))
    error_message = "projection_start_date must be a real calendar date written YYYY-MM-DD, e.g. \"2026-01-01\"."
  }
}

variable "manage_catalog_encryption" {
  description = "Whether this module owns the account/region Glue Data Catalog encryption settings (a singleton: enable it in one stack per account and region only)."
  type        = bool
  default     = false
  nullable    = false
}

variable "catalog_kms_key_arn" {
  description = "KMS key ARN that encrypts the Data Catalog metadata and connection passwords; required when manage_catalog_encryption is true."
  type        = string
  default     = null

  validation {
    condition     = var.catalog_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.catalog_kms_key_arn))
    error_message = "catalog_kms_key_arn must be a KMS key ARN like arn:aws:kms:eu-west-1:111111111111:key/<key-id>, or null."
  }

  validation {
    condition     = !var.manage_catalog_encryption || var.catalog_kms_key_arn != null
    error_message = "catalog_kms_key_arn must be set when manage_catalog_encryption is true."
  }
}
