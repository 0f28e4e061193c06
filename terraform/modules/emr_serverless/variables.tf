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
  description = "Application name suffix; the application is \"<prefix>-<name>\", its job role \"<prefix>-<name>-emr-job\" and its log group \"/aws/emr-serverless/<prefix>-<name>\"."
  type        = string
  default     = "spark"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.name))
    error_message = "name must start with a lowercase letter, end with a letter or digit, and contain only lowercase letters, digits and hyphens."
  }

  # IAM role names stop at 64 characters.
  validation {
    condition     = length("${var.prefix}-${var.name}-emr-job") <= 64
    error_message = "prefix and name are too long together: \"<prefix>-<name>-emr-job\" (the IAM role name) must be at most 64 characters."
  }
}

variable "kms_key_arn" {
  description = "ARN of the platform's customer managed KMS key (in the application's account and region): encrypts the log group and what the jobs write to S3, and decrypts the lake buckets and scripts they read."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "release_label" {
  description = "Amazon EMR release of the application, emr-7.<minor>.<patch> (Spark 3.5). Changing it updates the application in place, which EMR Serverless only allows while the application is stopped (auto stop makes that the normal state between runs)."
  type        = string
  default     = "emr-7.8.0"
  nullable    = false

  validation {
    condition     = can(regex("^emr-7\\.[0-9]+\\.[0-9]+$", var.release_label))
    error_message = "release_label must be an EMR 7 release such as \"emr-7.8.0\" (emr-7.<minor>.<patch>)."
  }
}

variable "architecture" {
  description = "CPU architecture of the workers: ARM64 (Graviton, cheaper per vCPU-hour) or X86_64."
  type        = string
  default     = "ARM64"
  nullable    = false

  validation {
    condition     = contains(["ARM64", "X86_64"], var.architecture)
    error_message = "architecture must be ARM64 or X86_64."
  }
}

variable "initial_capacity" {
  description = "Pre-initialized workers, kept warm while the application is started so a job starts in seconds: a driver and executors, each with a worker count and a size (cpu in vCPU: 1, 2, 4, 8 or 16; memory_gb within 2-8 GB per vCPU as EMR Serverless allows; disk_gb 20-200). Set workers = 0 for none of a kind."
  type = object({
    driver = optional(object({
      workers   = optional(number, 1)
      cpu       = optional(number, 2)
      memory_gb = optional(number, 8)
      disk_gb   = optional(number, 20)
    }), {})
    executor = optional(object({
      workers   = optional(number, 2)
      cpu       = optional(number, 4)
      memory_gb = optional(number, 16)
      disk_gb   = optional(number, 20)
    }), {})
  })
  default  = {}
  nullable = false

  validation {
    condition = alltrue([
      for worker in [var.initial_capacity.driver, var.initial_capacity.executor] :
      worker.workers >= 0 && floor(worker.workers) == worker.workers
    ])
    error_message = "initial_capacity.driver.workers and executor.workers must be whole numbers, 0 or more."
  }

  validation {
    condition = alltrue([
      for worker in [var.initial_capacity.driver, var.initial_capacity.executor] :
      contains([1, 2, 4, 8, 16], worker.cpu)
    ])
    error_message = "initial_capacity cpu must be 1, 2, 4, 8 or 16 (vCPU per worker)."
  }

  # EMR Serverless worker sizes: 1 vCPU 2-8 GB, 2 vCPU 4-16 GB, 4 vCPU 8-30 GB (1 GB steps),
  # 8 vCPU 16-60 GB (4 GB steps), 16 vCPU 32-120 GB (8 GB steps).
  validation {
    condition = alltrue([
      for worker in [var.initial_capacity.driver, var.initial_capacity.executor] :
      !contains([1, 2, 4, 8, 16], worker.cpu) || (
        worker.memory_gb >= 2 * worker.cpu &&
        worker.memory_gb <= lookup({ "1" = 8, "2" = 16, "4" = 30, "8" = 60, "16" = 120 }, tostring(worker.cpu), 0) &&
        worker.memory_gb % lookup({ "8" = 4, "16" = 8 }, tostring(worker.cpu), 1) == 0
      )
    ])
    error_message = "initial_capacity memory_gb does not fit the worker's cpu: 1 vCPU takes 2-8 GB, 2 vCPU 4-16 GB, 4 vCPU 8-30 GB, 8 vCPU 16-60 GB in steps of 4, 16 vCPU 32-120 GB in steps of 8."
  }

  validation {
    condition = alltrue([
      for worker in [var.initial_capacity.driver, var.initial_capacity.executor] :
      worker.disk_gb >= 20 && worker.disk_gb <= 200 && floor(worker.disk_gb) == worker.disk_gb
    ])
    error_message = "initial_capacity disk_gb must be a whole number of GB between 20 and 200."
  }
}

variable "maximum_capacity" {
  description = "Upper limit of what all running jobs of the application may use together (pre-initialized workers included): cpu in vCPU, memory_gb and disk_gb. Jobs asking for more wait. The default matches the account's default EMR Serverless quota of 16 vCPU."
  type = object({
    cpu       = optional(number, 16)
    memory_gb = optional(number, 64)
    disk_gb   = optional(number, 200)
  })
  default  = {}
  nullable = false

  validation {
    condition = alltrue([
      for value in [var.maximum_capacity.cpu, var.maximum_capacity.memory_gb, var.maximum_capacity.disk_gb] :
      value >= 1 && floor(value) == value
    ])
    error_message = "maximum_capacity cpu, memory_gb and disk_gb must be whole numbers of 1 or more."
  }

  validation {
    condition = (
      var.initial_capacity.driver.workers * var.initial_capacity.driver.cpu + var.initial_capacity.executor.workers * var.initial_capacity.executor.cpu <= var.maximum_capacity.cpu &&
      var.initial_capacity.driver.workers * var.initial_capacity.driver.memory_gb + var.initial_capacity.executor.workers * var.initial_capacity.executor.memory_gb <= var.maximum_capacity.memory_gb &&
      var.initial_capacity.driver.workers * var.initial_capacity.driver.disk_gb + var.initial_capacity.executor.workers * var.initial_capacity.executor.disk_gb <= var.maximum_capacity.disk_gb
    )
    error_message = "maximum_capacity (${var.maximum_capacity.cpu} vCPU, ${var.maximum_capacity.memory_gb} GB memory, ${var.maximum_capacity.disk_gb} GB disk) is smaller than initial_capacity, which needs ${var.initial_capacity.driver.workers * var.initial_capacity.driver.cpu + var.initial_capacity.executor.workers * var.initial_capacity.executor.cpu} vCPU, ${var.initial_capacity.driver.workers * var.initial_capacity.driver.memory_gb + var.initial_capacity.executor.workers * var.initial_capacity.executor.memory_gb} GB memory and ${var.initial_capacity.driver.workers * var.initial_capacity.driver.disk_gb + var.initial_capacity.executor.workers * var.initial_capacity.executor.disk_gb} GB disk."
  }
}

variable "auto_stop_idle_minutes" {
  description = "Minutes without a running job after which the application stops and releases its pre-initialized workers (1-10080). It starts again by itself when a job is submitted."
  type        = number
  default     = 15
  nullable    = false

  validation {
    condition     = var.auto_stop_idle_minutes >= 1 && var.auto_stop_idle_minutes <= 10080 && floor(var.auto_stop_idle_minutes) == var.auto_stop_idle_minutes
    error_message = "auto_stop_idle_minutes must be a whole number between 1 and 10080 (one week)."
  }
}

variable "network" {
  description = "Private subnets and security groups the workers run in, so jobs reach AWS through the VPC's endpoints (S3 gateway; Glue, CloudWatch Logs, KMS and STS interface endpoints, or a NAT). null runs the workers outside any VPC of yours."
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  default = null

  validation {
    condition = var.network == null ? true : (
      length(var.network.subnet_ids) > 0 &&
      alltrue([for id in var.network.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    )
    error_message = "network.subnet_ids must list at least one subnet ID (subnet-...)."
  }

  validation {
    condition = var.network == null ? true : (
      length(var.network.security_group_ids) > 0 &&
      alltrue([for id in var.network.security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))])
    )
    error_message = "network.security_group_ids must list at least one security group ID (sg-...)."
  }
}

variable "raw" {
  description = "Raw zone the jobs read: bucket name and the key prefix (no slashes at either end) under which Firehose writes dt=YYYY-MM-DD/hr=HH/ folders."
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
  description = "Curated zone the jobs write: bucket name and the key prefixes (no slashes at either end) they may replace objects under."
  type = object({
    bucket   = string
    prefixes = optional(list(string), ["events", "sessions", "errors"])
  })
  nullable = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.curated.bucket))
    error_message = "curated.bucket must be an S3 bucket name (3 to 63 lowercase letters, digits, dots or hyphens), not an ARN or s3:// URL."
  }

  validation {
    condition = length(var.curated.prefixes) > 0 && alltrue([
      for prefix in var.curated.prefixes : can(regex("^[A-Za-z0-9_.=-]+(/[A-Za-z0-9_.=-]+)*$", prefix))
    ])
    error_message = "curated.prefixes must list at least one S3 key prefix such as \"sessions\" or \"daily/sessions\", each without leading or trailing slash."
  }
}

variable "job_scripts" {
  description = "Where the job scripts are: the artifacts bucket and the key prefix (no slashes at either end) the packager uploads them under; the job role may read every object below it."
  type = object({
    bucket = string
    prefix = string
  })
  nullable = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.job_scripts.bucket))
    error_message = "job_scripts.bucket must be an S3 bucket name (3 to 63 lowercase letters, digits, dots or hyphens), not an ARN or s3:// URL."
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9_.=-]+(/[A-Za-z0-9_.=-]+)*$", var.job_scripts.prefix))
    error_message = "job_scripts.prefix must be a non-empty S3 key prefix such as \"artifacts/glue/sessionize\", without leading or trailing slash."
  }
}

variable "glue_database_name" {
  description = "Glue Data Catalog database whose tables the jobs read and update (table definitions and partitions); the catalog module creates it and its tables."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.glue_database_name))
    error_message = "glue_database_name must be 1 to 255 lowercase letters, digits or underscores."
  }
}

variable "log_retention_days" {
  description = "Retention of the jobs' log group, in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}
