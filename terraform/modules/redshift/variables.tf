variable "prefix" {
  description = "Prefix for resource names, e.g. \"clickstack-prod\"; the namespace and the workgroup are named <prefix>."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }

  # Redshift Serverless namespace and workgroup names are 3-64 characters.
  validation {
    condition     = length(var.prefix) >= 3
    error_message = "prefix must be at least 3 characters here: it is the Redshift Serverless namespace and workgroup name (3-64 characters)."
  }
}

variable "base_capacity" {
  description = "Base compute capacity of the workgroup in RPUs: 8 to 512 in steps of 8. 8-24 RPU suit less than 128 TB of managed storage."
  type        = number
  default     = 8
  nullable    = false

  validation {
    condition     = var.base_capacity >= 8 && var.base_capacity <= 512 && var.base_capacity % 8 == 0
    error_message = "base_capacity must be a multiple of 8 between 8 and 512 (RPUs)."
  }
}

variable "max_capacity" {
  description = "Optional upper bound of the RPUs the workgroup may scale to (a multiple of 8, at least base_capacity); null lets Redshift Serverless scale without a cap."
  type        = number
  default     = null

  validation {
    condition     = var.max_capacity == null || try(var.max_capacity % 8 == 0 && var.max_capacity >= var.base_capacity, false)
    error_message = "max_capacity must be a multiple of 8 and at least base_capacity, or null."
  }
}

variable "database_name" {
  description = "Name of the first database created in the namespace, where the external schema lives."
  type        = string
  default     = "analytics"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,63}$", var.database_name)) && var.database_name != "dev"
    error_message = "database_name must be 1-64 lowercase letters, digits or underscores, start with a letter, and not be \"dev\" (the database Redshift always creates)."
  }
}

variable "admin_username" {
  description = "User name of the namespace admin. Its password is generated and kept by Redshift in Secrets Manager (manage_admin_password)."
  type        = string
  default     = "clickstack_admin"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,127}$", var.admin_username)) && var.admin_username != "rdsdb"
    error_message = "admin_username must be 1-128 lowercase letters, digits or underscores, start with a letter, and not be rdsdb (Redshift's internal user)."
  }
}

variable "enhanced_vpc_routing" {
  description = "Route COPY, UNLOAD and Spectrum traffic through the VPC (its routes, endpoints and security groups) instead of the public internet."
  type        = bool
  default     = true
  nullable    = false
}

variable "subnet_ids" {
  description = "Private subnets of the workgroup, each in a different Availability Zone: at least 3 with enhanced VPC routing, at least 2 without (Redshift Serverless usage considerations)."
  type        = list(string)
  nullable    = false

  validation {
    condition     = alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "subnet_ids must contain subnet ids like subnet-0123456789abcdef0."
  }

  validation {
    condition     = length(distinct(var.subnet_ids)) == length(var.subnet_ids)
    error_message = "subnet_ids must not contain the same subnet twice."
  }

  validation {
    condition     = length(var.subnet_ids) >= (var.enhanced_vpc_routing ? 3 : 2)
    error_message = "subnet_ids needs at least 3 subnets in 3 Availability Zones when enhanced_vpc_routing is true (at least 2 in 2 zones without it)."
  }
}

variable "security_group_ids" {
  description = "Existing security groups to attach to the workgroup instead of the module's own; leave empty and set vpc_id to have the module create one."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for id in var.security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))])
    error_message = "security_group_ids must contain security group ids like sg-0123456789abcdef0."
  }

  validation {
    condition     = length(var.security_group_ids) <= 5
    error_message = "security_group_ids may hold at most 5 security groups."
  }
}

variable "vpc_id" {
  description = "VPC of the subnets; when set (and security_group_ids is empty) the module creates the workgroup's security group there, open on 5439 only to allowed_security_group_ids."
  type        = string
  default     = null

  validation {
    condition     = var.vpc_id == null || can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must be a VPC id like vpc-0123456789abcdef0, or null."
  }

  validation {
    condition     = (var.vpc_id == null) != (length(var.security_group_ids) == 0)
    error_message = "set exactly one of vpc_id (the module creates the security group) or security_group_ids (bring your own)."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups allowed to connect on port 5439, keyed by a stable name (e.g. bi_tools = \"sg-...\"); only used with vpc_id."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for id in values(var.allowed_security_group_ids) : can(regex("^sg-[0-9a-f]{8,17}$", id))])
    error_message = "allowed_security_group_ids values must be security group ids like sg-0123456789abcdef0."
  }

  validation {
    condition     = alltrue([for name in keys(var.allowed_security_group_ids) : can(regex("^[a-z][a-z0-9_]{0,62}$", name))])
    error_message = "allowed_security_group_ids keys must be 1-63 lowercase letters, digits or underscores, starting with a letter."
  }

  validation {
    condition     = var.vpc_id != null || length(var.allowed_security_group_ids) == 0
    error_message = "allowed_security_group_ids needs vpc_id: with security_group_ids the module creates no security group to add rules to."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key (same account and region) that encrypts the namespace, the admin secret and the audit log groups, and that the lake objects are encrypted with."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN like arn:aws:kms:eu-west-1:111111111111:key/<key-id> (an alias ARN is not accepted)."
  }
}

variable "glue_database_name" {
  description = "Glue Data Catalog database of the lake (the catalog module's database_name) that the external schema maps."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.glue_database_name))
    error_message = "glue_database_name must be 1 to 255 lowercase letters, digits or underscores."
  }
}

variable "lake" {
  description = "The lake Spectrum reads: bucket_arns are the S3 buckets of the tables in glue_database_name (raw and curated)."
  type = object({
    bucket_arns = list(string)
  })
  nullable = false

  validation {
    condition     = length(var.lake.bucket_arns) > 0
    error_message = "lake.bucket_arns must name at least one bucket."
  }

  validation {
    condition     = alltrue([for arn in var.lake.bucket_arns : can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", arn))])
    error_message = "lake.bucket_arns must be S3 bucket ARNs like arn:aws:s3:::my-bucket (no object path)."
  }
}

variable "external_schema_name" {
  description = "Name of the Redshift external schema that maps glue_database_name."
  type        = string
  default     = "lake"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_]{0,126}$", var.external_schema_name)) && !contains(["public", "information_schema", "pg_catalog", "pg_internal"], var.external_schema_name)
    error_message = "external_schema_name must be 1-127 lowercase letters, digits or underscores, not start with a digit, and not be a system schema (public, information_schema, pg_catalog, pg_internal)."
  }
}

variable "usage_limit" {
  description = "Optional daily cap on compute: rpu_hours_per_day and the breach_action when it is reached (\"log\" records it in a system table, \"deactivate\" stops user queries until the next day). null sets no limit."
  type = object({
    rpu_hours_per_day = number
    breach_action     = optional(string, "log")
  })
  default = null

  validation {
    condition     = var.usage_limit == null || try(var.usage_limit.rpu_hours_per_day >= 1 && floor(var.usage_limit.rpu_hours_per_day) == var.usage_limit.rpu_hours_per_day, false)
    error_message = "usage_limit.rpu_hours_per_day must be a whole number of RPU-hours, at least 1."
  }

  validation {
    condition     = var.usage_limit == null || try(contains(["log", "deactivate"], var.usage_limit.breach_action), false)
    error_message = "usage_limit.breach_action must be \"log\" or \"deactivate\"."
  }
}

variable "log_retention_days" {
  description = "Retention of the connection, user and user-activity audit log groups, in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 365
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}
