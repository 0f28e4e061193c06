variable "prefix" {
  description = "Prefix for resource names, e.g. \"clickstack-prod\"; the application is <prefix>-<name>."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "name" {
  description = "Application name after the prefix; also names the IAM role (<prefix>-<name>-flink) and the log group."
  type        = string
  default     = "realtime-metrics"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.name))
    error_message = "name must start with a lowercase letter, end with a letter or digit, and contain only lowercase letters, digits and hyphens."
  }

  # The IAM role is <prefix>-<name>-flink and IAM role names stop at 64 characters.
  validation {
    condition     = length("${var.prefix}-${var.name}-flink") <= 64
    error_message = "prefix and name are too long together: \"<prefix>-<name>-flink\" (the IAM role name) must be at most 64 characters."
  }
}

variable "runtime_environment" {
  description = "Managed Flink runtime. Only FLINK-1_20: the job is written and tested against PyFlink 1.20 and the Kinesis connector 5.x built for Flink 1.20."
  type        = string
  default     = "FLINK-1_20"
  nullable    = false

  validation {
    condition     = contains(["FLINK-1_20"], var.runtime_environment)
    error_message = "runtime_environment must be FLINK-1_20: the job pins apache-flink 1.20 and the Kinesis connector for Flink 1.20."
  }
}

variable "code" {
  description = "The application zip in the artifacts bucket (main.py and realtime_metrics/ at its root, built by `make package`): bucket ARN, object key, optional object version, and optional jarfile, the path inside the zip of the jar with the Kinesis connector (added to the run options when set)."
  type = object({
    bucket_arn     = string
    key            = string
    object_version = optional(string)
    jarfile        = optional(string)
  })
  nullable = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.code.bucket_arn))
    error_message = "code.bucket_arn must be an S3 bucket ARN like arn:aws:s3:::my-bucket (no object path)."
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.*'()=-]+(/[A-Za-z0-9!_.*'()=-]+)*\\.zip$", var.code.key))
    error_message = "code.key must be the S3 key of a .zip file, without a leading slash, e.g. artifacts/flink/realtime_metrics/<sha256>.zip."
  }

  validation {
    condition     = var.code.object_version == null || try(length(var.code.object_version) > 0, false)
    error_message = "code.object_version must be a non-empty S3 version id, or null for the current version."
  }

  validation {
    condition     = var.code.jarfile == null || can(regex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*\\.jar$", var.code.jarfile))
    error_message = "code.jarfile must be a relative path inside the zip ending in .jar (e.g. lib/pyflink-dependencies.jar), or null."
  }
}

variable "input_stream_arn" {
  description = "ARN of the Kinesis data stream of collector envelopes the job reads (property group InputStream). It must be in the application's account and region: the log stream and application ARNs are built from it."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[A-Za-z0-9_.-]+$", var.input_stream_arn))
    error_message = "input_stream_arn must be a Kinesis stream ARN like arn:aws:kinesis:eu-west-1:111111111111:stream/my-stream."
  }
}

variable "input_start_position" {
  description = "Where the job starts reading when it has no restored state (source.init.position): LATEST or TRIM_HORIZON. A restored snapshot always wins."
  type        = string
  default     = "LATEST"
  nullable    = false

  validation {
    condition     = contains(["LATEST", "TRIM_HORIZON"], var.input_start_position)
    error_message = "input_start_position must be LATEST or TRIM_HORIZON."
  }
}

variable "output_stream_arns" {
  description = "ARNs of the Kinesis data streams the job writes: metrics (per-minute metrics, group MetricsOutputStream), errors (malformed envelopes, ErrorsOutputStream) and late_events (events whose window had fired, LateEventsOutputStream). Same account and region as input_stream_arn."
  type = object({
    metrics     = string
    errors      = string
    late_events = string
  })
  nullable = false

  validation {
    condition = alltrue([
      for arn in values(var.output_stream_arns) :
      can(regex("^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[A-Za-z0-9_.-]+$", arn))
    ])
    error_message = "output_stream_arns.metrics, .errors and .late_events must be Kinesis stream ARNs like arn:aws:kinesis:eu-west-1:111111111111:stream/my-stream."
  }

  validation {
    condition     = !contains(values(var.output_stream_arns), var.input_stream_arn)
    error_message = "output_stream_arns must not contain input_stream_arn: the job would read its own output."
  }

  # The role's KMS grants name the Kinesis endpoint of one region, and the log stream and
  # application ARNs are built from the input stream's account and region.
  validation {
    condition = alltrue([
      for arn in values(var.output_stream_arns) :
      try(join(":", slice(split(":", arn), 0, 5)) == join(":", slice(split(":", var.input_stream_arn), 0, 5)), false)
    ])
    error_message = "output_stream_arns must be in the same partition, account and region as input_stream_arn."
  }
}

variable "metrics_settings" {
  description = "Event-time settings of the job (property group MetricsSettings): watermark delay, largest client clock skew accepted before received_at is used, number of top pages per window, and source idle timeout (0 = off). Defaults are the job's own."
  type = object({
    watermark_delay_ms     = optional(number, 5000)
    max_clock_skew_ms      = optional(number, 600000)
    top_pages_limit        = optional(number, 10)
    source_idle_timeout_ms = optional(number, 0)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.metrics_settings.watermark_delay_ms >= 0 && floor(var.metrics_settings.watermark_delay_ms) == var.metrics_settings.watermark_delay_ms
    error_message = "metrics_settings.watermark_delay_ms must be a whole number of milliseconds, 0 or more."
  }

  validation {
    condition     = var.metrics_settings.max_clock_skew_ms >= 1 && floor(var.metrics_settings.max_clock_skew_ms) == var.metrics_settings.max_clock_skew_ms
    error_message = "metrics_settings.max_clock_skew_ms must be a whole number of milliseconds, 1 or more."
  }

  validation {
    condition     = var.metrics_settings.top_pages_limit >= 1 && floor(var.metrics_settings.top_pages_limit) == var.metrics_settings.top_pages_limit
    error_message = "metrics_settings.top_pages_limit must be a whole number, 1 or more."
  }

  validation {
    condition     = var.metrics_settings.source_idle_timeout_ms >= 0 && floor(var.metrics_settings.source_idle_timeout_ms) == var.metrics_settings.source_idle_timeout_ms
    error_message = "metrics_settings.source_idle_timeout_ms must be a whole number of milliseconds, 0 (off) or more."
  }
}

variable "parallelism" {
  description = "Parallelism: initial (number of parallel tasks, 1 or more), per_kpu (tasks per KPU, 1-8; KPUs = ceil(initial / per_kpu)) and autoscaling (let Managed Flink raise and lower parallelism with CPU use)."
  type = object({
    initial     = optional(number, 1)
    per_kpu     = optional(number, 1)
    autoscaling = optional(bool, false)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.parallelism.initial >= 1 && floor(var.parallelism.initial) == var.parallelism.initial
    error_message = "parallelism.initial must be a whole number, 1 or more."
  }

  validation {
    condition     = var.parallelism.per_kpu >= 1 && var.parallelism.per_kpu <= 8 && floor(var.parallelism.per_kpu) == var.parallelism.per_kpu
    error_message = "parallelism.per_kpu must be a whole number between 1 and 8."
  }
}

variable "checkpointing" {
  description = "Checkpoints (always on): interval_ms between checkpoints (1000 or more) and min_pause_ms, the least time between the end of one checkpoint and the start of the next (0 to interval_ms). Defaults are Managed Flink's."
  type = object({
    interval_ms  = optional(number, 60000)
    min_pause_ms = optional(number, 5000)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.checkpointing.interval_ms >= 1000 && floor(var.checkpointing.interval_ms) == var.checkpointing.interval_ms
    error_message = "checkpointing.interval_ms must be a whole number of milliseconds, at least 1000 (1 second)."
  }

  validation {
    condition     = var.checkpointing.min_pause_ms >= 0 && var.checkpointing.min_pause_ms <= var.checkpointing.interval_ms && floor(var.checkpointing.min_pause_ms) == var.checkpointing.min_pause_ms
    error_message = "checkpointing.min_pause_ms must be a whole number of milliseconds between 0 and checkpointing.interval_ms."
  }
}

variable "vpc" {
  description = "Run the application in a VPC: subnet_ids (1-16) and security_group_ids (1-5), in the application's account and region. null runs it without VPC access."
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  default = null

  validation {
    condition = var.vpc == null || try(
      length(var.vpc.subnet_ids) >= 1 && length(var.vpc.subnet_ids) <= 16 &&
      alltrue([for id in var.vpc.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))]),
      false
    )
    error_message = "vpc.subnet_ids must hold 1-16 subnet ids like subnet-0123456789abcdef0."
  }

  validation {
    condition = var.vpc == null || try(
      length(var.vpc.security_group_ids) >= 1 && length(var.vpc.security_group_ids) <= 5 &&
      alltrue([for id in var.vpc.security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))]),
      false
    )
    error_message = "vpc.security_group_ids must hold 1-5 security group ids like sg-0123456789abcdef0."
  }
}

variable "log_retention_days" {
  description = "Retention of the application log group, in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "log_level" {
  description = "Application log level sent to CloudWatch: INFO (AWS's recommendation; Flink logs some failures at INFO), WARN, ERROR or DEBUG (troubleshooting only: it slows the job)."
  type        = string
  default     = "INFO"
  nullable    = false

  validation {
    condition     = contains(["INFO", "WARN", "ERROR", "DEBUG"], var.log_level)
    error_message = "log_level must be one of INFO, WARN, ERROR, DEBUG."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the streams, the artifacts bucket and the application log group."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>); an alias ARN is not accepted."
  }
}

variable "start_application" {
  description = "Run the job after apply (true) or leave the application READY (false, e.g. in dev to save KPU hours). Changing it starts or stops the job. Starting needs code.jarfile: without the Kinesis connector the job fails at its first read."
  type        = bool
  default     = false
  nullable    = false

  # A PyFlink job reading Kinesis needs the connector jar on its classpath; started without
  # one it would restart in a loop, billing KPUs and never producing a metric.
  validation {
    condition     = !var.start_application || try(var.code.jarfile != null, false)
    error_message = "start_application = true needs code.jarfile, the Kinesis connector jar inside the application zip (put flink-sql-connector-aws-kinesis-streams for Flink 1.20 into flink/lib/ and run `make package`)."
  }
}

variable "snapshots_enabled" {
  description = "Take a snapshot when the application stops or is updated, and restore window state from the latest one on start."
  type        = bool
  default     = false
  nullable    = false
}
