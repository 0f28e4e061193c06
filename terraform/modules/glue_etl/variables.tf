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
  description = "Job name suffix; the job, its trigger and security configuration are named \"<prefix>-<name>\", the IAM role \"<prefix>-<name>-glue\"."
  type        = string
  default     = "sessionize"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.name))
    error_message = "name must start with a lowercase letter, end with a letter or digit, and contain only lowercase letters, digits and hyphens."
  }

  # IAM role names stop at 64 characters.
  validation {
    condition     = length("${var.prefix}-${var.name}-glue") <= 64
    error_message = "prefix and name are too long together: \"<prefix>-<name>-glue\" (the IAM role name) must be at most 64 characters."
  }
}

variable "script" {
  description = "S3 location of the job script (glue/jobs/sessionize.py as uploaded by the packager): bucket name and object key."
  type = object({
    bucket = string
    key    = string
  })
  nullable = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.script.bucket))
    error_message = "script.bucket must be an S3 bucket name (3 to 63 lowercase letters, digits, dots or hyphens), not an ARN or s3:// URL."
  }

  validation {
    condition     = can(regex("^[^/].*\\.py$", var.script.key))
    error_message = "script.key must be the object key of a .py file, without a leading slash."
  }
}

variable "raw" {
  description = "Raw zone the job reads: bucket name and the key prefix (no slashes at either end) under which Firehose writes dt=YYYY-MM-DD/hr=HH/ folders."
  type = object({
    bucket = string
    prefix = optional(string, "events")
  })
  nullable = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.raw.bucket))
    error_message = "raw.bucket must be an S3 bucket name (3 to 63 lowercase letters, digits, dots or hyphens), not an ARN or s3:// URL."
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9_.=-]+(/[A-Za-z0-9_.=-]+)*$", var.raw.prefix))
    error_message = "raw.prefix must be a non-empty S3 key prefix such as \"events\" or \"raw/events\", without leading or trailing slash."
  }
}

variable "curated" {
  description = "Curated zone the job writes Parquet to: bucket name and one key prefix (no slashes at either end) per output; each gets dt=YYYY-MM-DD/ folders."
  type = object({
    bucket          = string
    events_prefix   = optional(string, "events")
    sessions_prefix = optional(string, "sessions")
    errors_prefix   = optional(string, "errors")
  })
  nullable = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.curated.bucket))
    error_message = "curated.bucket must be an S3 bucket name (3 to 63 lowercase letters, digits, dots or hyphens), not an ARN or s3:// URL."
  }

  validation {
    condition = alltrue([
      for p in [var.curated.events_prefix, var.curated.sessions_prefix, var.curated.errors_prefix] :
      can(regex("^[A-Za-z0-9_.=-]+(/[A-Za-z0-9_.=-]+)*$", p))
    ])
    error_message = "curated.events_prefix, sessions_prefix and errors_prefix must be non-empty S3 key prefixes such as \"sessions\" or \"daily/sessions\", without leading or trailing slash."
  }

  # The job replaces dt= folders under each prefix: one output inside another would be
  # overwritten or read as part of it.
  validation {
    condition = alltrue([
      for pair in setproduct(
        [var.curated.events_prefix, var.curated.sessions_prefix, var.curated.errors_prefix],
        [var.curated.events_prefix, var.curated.sessions_prefix, var.curated.errors_prefix],
      ) : pair[0] == pair[1] || !startswith("${pair[0]}/", "${pair[1]}/")
    ]) && length(distinct([var.curated.events_prefix, var.curated.sessions_prefix, var.curated.errors_prefix])) == 3
    error_message = "curated.events_prefix, sessions_prefix and errors_prefix must be three different folders, none inside another."
  }
}

variable "artifacts_bucket" {
  description = "Name of the artifacts bucket; the job's temporary directory is s3://<artifacts_bucket>/glue-temp/<prefix>-<name>/."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.artifacts_bucket))
    error_message = "artifacts_bucket must be an S3 bucket name (3 to 63 lowercase letters, digits, dots or hyphens), not an ARN or s3:// URL."
  }
}

variable "kms_key_arn" {
  description = "ARN of the platform's customer managed KMS key (in the job's account and region): encrypts what the job writes to S3, its log groups and its job bookmark, and decrypts the lake buckets it reads."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "worker_type" {
  description = "Glue worker type: G.1X (4 vCPU, 16 GB), G.2X (8 vCPU, 32 GB), G.4X or G.8X."
  type        = string
  default     = "G.1X"
  nullable    = false

  validation {
    condition     = contains(["G.1X", "G.2X", "G.4X", "G.8X"], var.worker_type)
    error_message = "worker_type must be one of G.1X, G.2X, G.4X, G.8X."
  }
}

variable "number_of_workers" {
  description = "Number of workers of worker_type, the driver included (2-299)."
  type        = number
  default     = 2
  nullable    = false

  validation {
    condition     = var.number_of_workers >= 2 && var.number_of_workers <= 299 && floor(var.number_of_workers) == var.number_of_workers
    error_message = "number_of_workers must be a whole number between 2 and 299."
  }
}

variable "timeout_minutes" {
  description = "A run that takes longer is stopped and counts as failed, in minutes (1-2880)."
  type        = number
  default     = 60
  nullable    = false

  validation {
    condition     = var.timeout_minutes >= 1 && var.timeout_minutes <= 2880 && floor(var.timeout_minutes) == var.timeout_minutes
    error_message = "timeout_minutes must be a whole number between 1 and 2880."
  }
}

variable "max_retries" {
  description = "How often Glue retries a failed run (0-10). Safe because the job replaces only the processed day."
  type        = number
  default     = 1
  nullable    = false

  validation {
    condition     = var.max_retries >= 0 && var.max_retries <= 10 && floor(var.max_retries) == var.max_retries
    error_message = "max_retries must be a whole number between 0 and 10."
  }
}

variable "session_gap_minutes" {
  description = "Inactivity gap that starts a new session, in minutes (--session_gap_minutes of the script, 1-1440)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = var.session_gap_minutes >= 1 && var.session_gap_minutes <= 1440 && floor(var.session_gap_minutes) == var.session_gap_minutes
    error_message = "session_gap_minutes must be a whole number between 1 and 1440."
  }
}

variable "schedule" {
  description = "Glue cron expression (UTC) of the scheduled trigger; each run processes yesterday (UTC). The default runs at 01:15, after Firehose has flushed the last hour. null creates no trigger."
  type        = string
  default     = "cron(15 1 * * ? *)"

  # Glue triggers take cron expressions only (six fields); rate() is an EventBridge form that
  # CreateTrigger rejects.
  validation {
    condition     = var.schedule == null || can(regex("^cron\\(\\S+( \\S+){5}\\)$", var.schedule))
    error_message = "schedule must be a Glue cron expression with six fields, e.g. \"cron(15 1 * * ? *)\", or null for no trigger (Glue triggers do not accept rate() expressions)."
  }
}

variable "log_retention_days" {
  description = "Retention of the job's log groups, in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "glue_database_name" {
  description = "Glue database of the curated tables, named in the job description; null leaves it out. The job reads and writes S3 only and gets no Data Catalog permission."
  type        = string
  default     = null

  validation {
    condition     = var.glue_database_name == null || can(regex("^[a-z0-9_]{1,255}$", var.glue_database_name))
    error_message = "glue_database_name must be 1 to 255 lowercase letters, digits or underscores, or null."
  }
}

variable "curated_table_names" {
  description = "Names of the catalog tables over the three outputs (as the catalog module creates them), named in the job description."
  type = object({
    events   = optional(string, "curated_events")
    sessions = optional(string, "sessions")
    errors   = optional(string, "processing_errors")
  })
  default  = {}
  nullable = false

  validation {
    condition = alltrue([
      for t in [var.curated_table_names.events, var.curated_table_names.sessions, var.curated_table_names.errors] :
      can(regex("^[a-z][a-z0-9_]{0,254}$", t))
    ])
    error_message = "curated_table_names.events, sessions and errors must be table names of lowercase letters, digits and underscores starting with a letter."
  }
}
