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
  description = "Workflow name suffix; the state machine and its schedule are \"<prefix>-<name>\", the roles \"<prefix>-<name>-sfn\" and \"<prefix>-<name>-scheduler\", the failure rule \"<prefix>-<name>-failures\"."
  type        = string
  default     = "daily-transform"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.name))
    error_message = "name must start with a lowercase letter, end with a letter or digit, and contain only lowercase letters, digits and hyphens."
  }

  # IAM role names stop at 64 characters.
  validation {
    condition     = length("${var.prefix}-${var.name}-scheduler") <= 64
    error_message = "prefix and name are too long together: \"<prefix>-<name>-scheduler\" (an IAM role name) must be at most 64 characters."
  }
}

variable "kms_key_arn" {
  description = "ARN of the platform's customer managed KMS key (in the workflow's account and region): encrypts the state machine's definition and execution history, its log group and the schedule's input."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "engine" {
  description = "What runs the daily transform: \"glue\" (the glue_etl job, glue_job_name) or \"emr_serverless\" (a job on the emr_serverless application, emr_serverless)."
  type        = string
  default     = "glue"
  nullable    = false

  validation {
    condition     = contains(["glue", "emr_serverless"], var.engine)
    error_message = "engine must be \"glue\" or \"emr_serverless\"."
  }
}

variable "glue_job_name" {
  description = "Name of the Glue job that runs the transform (the glue_etl module's job_name); required when engine is \"glue\". Its failures (FAILED, TIMEOUT, ERROR) also go to the alarm topic, whoever started the run."
  type        = string
  default     = null

  validation {
    condition     = var.glue_job_name == null || can(regex("^[A-Za-z0-9_.-]{1,255}$", var.glue_job_name))
    error_message = "glue_job_name must be a Glue job name (letters, digits, dots, hyphens, underscores)."
  }

  validation {
    condition     = var.engine != "glue" || var.glue_job_name != null
    error_message = "glue_job_name is required when engine is \"glue\"."
  }
}

variable "emr_serverless" {
  description = "The EMR Serverless job that runs the transform; required when engine is \"emr_serverless\". application_id and job_role_arn come from the emr_serverless module; entry_point is the s3:// URI of the PySpark script; entry_point_arguments come before the date argument; log_group_name (the module's log_group_name) turns on CloudWatch logging of the job; execution_timeout_minutes stops a job that runs longer. Its failed job runs also go to the alarm topic, whoever started them."
  type = object({
    application_id            = string
    job_role_arn              = string
    entry_point               = string
    entry_point_arguments     = optional(list(string), [])
    spark_submit_parameters   = optional(string)
    log_group_name            = optional(string)
    execution_timeout_minutes = optional(number, 120)
  })
  default = null

  validation {
    condition     = var.engine != "emr_serverless" || var.emr_serverless != null
    error_message = "emr_serverless is required when engine is \"emr_serverless\"."
  }

  validation {
    condition     = var.emr_serverless == null ? true : can(regex("^[0-9a-z]{1,64}$", var.emr_serverless.application_id))
    error_message = "emr_serverless.application_id must be an EMR Serverless application ID (lowercase letters and digits), not its name or ARN."
  }

  validation {
    condition     = var.emr_serverless == null ? true : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", var.emr_serverless.job_role_arn))
    error_message = "emr_serverless.job_role_arn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)."
  }

  validation {
    condition     = var.emr_serverless == null ? true : can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[^/].*$", var.emr_serverless.entry_point))
    error_message = "emr_serverless.entry_point must be the s3://<bucket>/<key> URI of the job script."
  }

  validation {
    condition = var.emr_serverless == null ? true : (
      var.emr_serverless.execution_timeout_minutes >= 1 &&
      var.emr_serverless.execution_timeout_minutes <= 2880 &&
      floor(var.emr_serverless.execution_timeout_minutes) == var.emr_serverless.execution_timeout_minutes
    )
    error_message = "emr_serverless.execution_timeout_minutes must be a whole number between 1 and 2880."
  }
}

variable "date_argument" {
  description = "Job argument that carries the day to process (YYYY-MM-DD): passed as Glue argument, or appended to the EMR Serverless entry point arguments as \"<date_argument> <day>\". The default matches glue/jobs/sessionize.py."
  type        = string
  default     = "--dt"
  nullable    = false

  validation {
    condition     = can(regex("^--[A-Za-z][A-Za-z0-9_-]*$", var.date_argument))
    error_message = "date_argument must be a job argument name such as \"--dt\" or \"--processing_date\"."
  }
}

variable "redshift" {
  description = "Loads or refreshes the warehouse after the transform with one SQL statement through the Redshift Data API (as the state machine's role, with IAM credentials for the workgroup), then polls until it has FINISHED or FAILED. A statement that contains :processing_date gets the day as that named parameter. null skips the step."
  type = object({
    workgroup_name        = string
    workgroup_arn         = string
    database              = string
    sql                   = string
    poll_interval_seconds = optional(number, 30)
  })
  default = null

  validation {
    condition     = var.redshift == null ? true : can(regex("^arn:aws[a-z-]*:redshift-serverless:[a-z0-9-]+:[0-9]{12}:workgroup/[0-9a-f-]+$", var.redshift.workgroup_arn))
    error_message = "redshift.workgroup_arn must be a Redshift Serverless workgroup ARN (arn:aws:redshift-serverless:<region>:<account>:workgroup/<id>)."
  }

  validation {
    condition     = var.redshift == null ? true : can(regex("^[a-z0-9-]{3,64}$", var.redshift.workgroup_name)) && can(regex("^[a-z_][a-z0-9_$]{0,126}$", var.redshift.database))
    error_message = "redshift.workgroup_name must be a workgroup name (3-64 lowercase letters, digits, hyphens) and redshift.database a database name."
  }

  validation {
    condition     = var.redshift == null ? true : trimspace(var.redshift.sql) != ""
    error_message = "redshift.sql must not be empty."
  }

  validation {
    condition = var.redshift == null ? true : (
      var.redshift.poll_interval_seconds >= 5 &&
      var.redshift.poll_interval_seconds <= 900 &&
      floor(var.redshift.poll_interval_seconds) == var.redshift.poll_interval_seconds
    )
    error_message = "redshift.poll_interval_seconds must be a whole number between 5 and 900."
  }
}

variable "alarm_topic_arn" {
  description = "SNS topic (the monitoring module's) that receives the workflow's failure message and the failure rule's events. Its topic policy must include alarm_topic_policy_json."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", var.alarm_topic_arn))
    error_message = "alarm_topic_arn must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)."
  }
}

variable "schedule" {
  description = "When EventBridge Scheduler starts the workflow: a six-field cron expression evaluated in timezone (an IANA name). Each run processes yesterday (UTC), so the default runs at 01:30 UTC, after Firehose has flushed the last hour of the day. enabled = false keeps the schedule but pauses it."
  type = object({
    expression = optional(string, "cron(30 1 * * ? *)")
    timezone   = optional(string, "UTC")
    enabled    = optional(bool, true)
  })
  default  = {}
  nullable = false

  validation {
    condition     = can(regex("^cron\\(\\S+( \\S+){5}\\)$", var.schedule.expression))
    error_message = "schedule.expression must be a cron expression with six fields, e.g. \"cron(30 1 * * ? *)\" (minutes hours day-of-month month day-of-week year)."
  }

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$", var.schedule.timezone))
    error_message = "schedule.timezone must be an IANA time zone name such as \"UTC\" or \"Europe/Berlin\"."
  }
}

variable "timeout_minutes" {
  description = "An execution that runs longer is stopped and counts as failed (TIMED_OUT), in minutes (1-2880); it bounds the transform, the warehouse load and its polling together."
  type        = number
  default     = 240
  nullable    = false

  validation {
    condition     = var.timeout_minutes >= 1 && var.timeout_minutes <= 2880 && floor(var.timeout_minutes) == var.timeout_minutes
    error_message = "timeout_minutes must be a whole number between 1 and 2880."
  }
}

variable "log_retention_days" {
  description = "Retention of the state machine's log group, in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}
