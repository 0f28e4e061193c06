variable "prefix" {
  description = "Name prefix for every resource, e.g. \"clickstack-prod\"; the cluster is <prefix>-users."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }

  # RDS identifiers (cluster, instances, snapshots, groups) refuse consecutive hyphens.
  validation {
    condition     = !strcontains(var.prefix, "--")
    error_message = "prefix must not contain two hyphens in a row: RDS refuses them in cluster, instance and snapshot identifiers."
  }

  # The security group is <prefix>-users and AWS refuses group names that begin with "sg-".
  validation {
    condition     = !startswith("${var.prefix}-", "sg-")
    error_message = "prefix must not be \"sg\" or start with \"sg-\": AWS refuses security group names that begin with sg-."
  }
}

variable "engine_version" {
  description = "Aurora PostgreSQL version as major.minor, e.g. \"16.4\"; the major version picks the parameter group family (aurora-postgresql16)."
  type        = string
  default     = "16.4"
  nullable    = false

  validation {
    condition     = can(regex("^(1[3-9]|[2-9][0-9])\\.[0-9]+$", var.engine_version))
    error_message = "engine_version must be an Aurora PostgreSQL version major.minor, 13 or later (Serverless v2), e.g. 16.4."
  }
}

variable "database_name" {
  description = "Name of the database created with the cluster (PGDATABASE of the consumers)."
  type        = string
  default     = "clickstack"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name)) && !contains(["postgres", "template0", "template1", "rdsadmin"], var.database_name)
    error_message = "database_name must be 1-63 lowercase letters, digits or underscores starting with a letter, and not postgres, template0, template1 or rdsadmin."
  }
}

variable "master_username" {
  description = "Name of the master user; its password is generated and rotated by RDS in Secrets Manager."
  type        = string
  default     = "clickstack_admin"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.master_username)) && !startswith(var.master_username, "rds") && !startswith(var.master_username, "pg_")
    error_message = "master_username must be 1-63 lowercase letters, digits or underscores starting with a letter, and must not start with rds or pg_ (reserved by RDS and PostgreSQL)."
  }
}

variable "min_acu" {
  description = "Smallest Serverless v2 capacity of each instance, in Aurora capacity units (0.5-256, steps of 0.5)."
  type        = number
  default     = 0.5
  nullable    = false

  validation {
    condition     = var.min_acu >= 0.5 && var.min_acu <= 256 && floor(var.min_acu * 2) == var.min_acu * 2
    error_message = "min_acu must be between 0.5 and 256 in steps of 0.5."
  }
}

variable "max_acu" {
  description = "Largest Serverless v2 capacity of each instance, in Aurora capacity units (1-256, steps of 0.5, at least min_acu)."
  type        = number
  default     = 4
  nullable    = false

  validation {
    condition     = var.max_acu >= 1 && var.max_acu <= 256 && floor(var.max_acu * 2) == var.max_acu * 2
    error_message = "max_acu must be between 1 and 256 in steps of 0.5."
  }

  validation {
    condition     = var.max_acu >= var.min_acu
    error_message = "max_acu must be at least min_acu."
  }
}

variable "instances" {
  description = "Number of db.serverless instances (1-15): one writer, the rest readers that take over when the writer fails."
  type        = number
  default     = 2
  nullable    = false

  validation {
    condition     = var.instances >= 1 && var.instances <= 15 && floor(var.instances) == var.instances
    error_message = "instances must be a whole number between 1 and 15."
  }
}

variable "subnet_ids" {
  description = "Private subnets (in at least two zones) of the DB subnet group."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.subnet_ids) >= 2 && length(distinct(var.subnet_ids)) == length(var.subnet_ids)
    error_message = "subnet_ids must list at least two distinct subnets (in different zones)."
  }

  validation {
    condition     = alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "subnet_ids must be subnet ids like subnet-0123456789abcdef0."
  }
}

variable "vpc_id" {
  description = "VPC of the subnets; the cluster's security group is created in it."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id like vpc-0123456789abcdef0."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups of the consumers by a stable name (e.g. { profile_updater = \"sg-...\" }); each is admitted on port 5432 and gets the matching egress rule. No CIDR is ever admitted."
  type        = map(string)
  nullable    = false

  validation {
    condition     = alltrue([for id in values(var.allowed_security_group_ids) : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "allowed_security_group_ids values must be security group ids like sg-0123456789abcdef0."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the storage, snapshots, master user secret, Performance Insights data and the log group."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN like arn:aws:kms:eu-west-1:111111111111:key/<key-id> (an alias ARN is not accepted)."
  }
}

variable "backup_retention_days" {
  description = "Days automated backups (point-in-time restore) are kept (1-35)."
  type        = number
  default     = 7
  nullable    = false

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35 && floor(var.backup_retention_days) == var.backup_retention_days
    error_message = "backup_retention_days must be a whole number between 1 and 35."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the cluster until this is set to false and applied."
  type        = bool
  default     = true
  nullable    = false
}

variable "skip_final_snapshot" {
  description = "Delete the cluster without a final snapshot; when false the snapshot is <prefix>-users-final."
  type        = bool
  default     = false
  nullable    = false
}

variable "performance_insights" {
  description = "Enable Performance Insights (7 days, the free tier) on every instance, encrypted with kms_key_arn."
  type        = bool
  default     = true
  nullable    = false
}

variable "enhanced_monitoring_interval" {
  description = "Seconds between Enhanced Monitoring OS metrics (1, 5, 10, 15, 30 or 60); 0 turns it off and creates no monitoring role."
  type        = number
  default     = 60
  nullable    = false

  validation {
    condition     = contains([0, 1, 5, 10, 15, 30, 60], var.enhanced_monitoring_interval)
    error_message = "enhanced_monitoring_interval must be one of 0, 1, 5, 10, 15, 30, 60."
  }
}

variable "iam_auth" {
  description = "Allow IAM database authentication (rds-db:connect with a token instead of a password) for users granted rds_iam."
  type        = bool
  default     = true
  nullable    = false
}

variable "log_retention_days" {
  description = "Retention of the postgresql log group (connections, DDL, slow statements), in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 365
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}
