variable "prefix" {
  description = "Name prefix for every resource, e.g. \"clickstack-prod\"; the replication group is <prefix>-cache."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }

  # ElastiCache identifiers (replication group, users, user group) refuse consecutive hyphens.
  validation {
    condition     = !strcontains(var.prefix, "--")
    error_message = "prefix must not contain two hyphens in a row: ElastiCache refuses them in replication group and user ids."
  }

  # The security group is <prefix>-cache and AWS refuses group names that begin with "sg-".
  validation {
    condition     = !startswith("${var.prefix}-", "sg-")
    error_message = "prefix must not be \"sg\" or start with \"sg-\": AWS refuses security group names that begin with sg-."
  }
}

variable "engine" {
  description = "Cache engine: \"valkey\" (default) or \"redis\" (Redis OSS). Both run the profile updater's Lua script unchanged."
  type        = string
  default     = "valkey"
  nullable    = false

  validation {
    condition     = contains(["valkey", "redis"], var.engine)
    error_message = "engine must be \"valkey\" or \"redis\" (lowercase)."
  }
}

variable "engine_version" {
  description = "Engine version as major.minor: 7.2 or 8.x for valkey, 7.0 or 7.1 for redis (IAM authentication needs Valkey 7.2+ or Redis OSS 7.0+). null picks 8.0 for valkey and 7.1 for redis."
  type        = string
  default     = null

  validation {
    condition = var.engine_version == null || (
      var.engine == "valkey"
      ? can(regex("^(7\\.2|[89]\\.[0-9]+)$", var.engine_version))
      : can(regex("^7\\.[01]$", var.engine_version))
    )
    error_message = "engine_version must be 7.2 or 8.x for engine valkey, or 7.0 or 7.1 for engine redis: IAM authentication needs Valkey 7.2+ or Redis OSS 7.0+."
  }
}

variable "node_type" {
  description = "Node type of the primary and every replica, e.g. \"cache.t4g.micro\" (dev) or \"cache.r7g.large\" (prod)."
  type        = string
  default     = "cache.t4g.micro"
  nullable    = false

  validation {
    condition     = can(regex("^cache\\.[a-z0-9]+\\.[a-z0-9]+$", var.node_type))
    error_message = "node_type must be an ElastiCache node type like cache.t4g.micro or cache.r7g.large."
  }
}

variable "replicas" {
  description = "Read replicas next to the primary (0-5). Replicas take over when the primary fails and serve the reader endpoint."
  type        = number
  default     = 1
  nullable    = false

  validation {
    condition     = var.replicas >= 0 && var.replicas <= 5 && floor(var.replicas) == var.replicas
    error_message = "replicas must be a whole number between 0 and 5."
  }
}

variable "multi_az" {
  description = "Place replicas in other zones than the primary and fail over to one automatically; needs replicas >= 1."
  type        = bool
  default     = true
  nullable    = false

  validation {
    condition     = !var.multi_az || var.replicas >= 1
    error_message = "multi_az needs at least one replica: set replicas to 1 or more, or multi_az to false."
  }
}

variable "subnet_ids" {
  description = "Private subnets (in at least two zones) the nodes may be placed in."
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
  description = "VPC of the subnets; the cache's security group is created in it."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id like vpc-0123456789abcdef0."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups of the consumers by a stable name (e.g. { profile_updater = \"sg-...\" }); each is admitted on port 6379 and gets the matching egress rule. No CIDR is ever admitted."
  type        = map(string)
  nullable    = false

  validation {
    condition     = alltrue([for id in values(var.allowed_security_group_ids) : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "allowed_security_group_ids values must be security group ids like sg-0123456789abcdef0."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the cache at rest (data, snapshots) and its log groups."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN like arn:aws:kms:eu-west-1:111111111111:key/<key-id> (an alias ARN is not accepted)."
  }
}

variable "access_string" {
  description = "ACL of the IAM-authenticated application user (Valkey/Redis ACL syntax). The default allows reads, writes, Lua scripts and connection commands on every key, without the dangerous commands (KEYS, FLUSHALL, CONFIG, ...)."
  type        = string
  default     = "on ~* -@all +@read +@write +@scripting +@connection -@dangerous"
  nullable    = false

  validation {
    condition     = can(regex("^on( [^ ]+)+$", var.access_string))
    error_message = "access_string must start with \"on\" followed by ACL rules separated by single spaces, e.g. \"on ~* -@all +@read +@write\"."
  }
}

variable "maxmemory_policy" {
  description = "What the engine does when memory is full. noeviction (default) makes writes fail, so the updater retries and alarms, instead of silently evicting profiles or the dedup markers that keep counts exact."
  type        = string
  default     = "noeviction"
  nullable    = false

  validation {
    condition     = contains(["noeviction", "allkeys-lru", "volatile-lru", "allkeys-lfu", "volatile-lfu", "allkeys-random", "volatile-random", "volatile-ttl"], var.maxmemory_policy)
    error_message = "maxmemory_policy must be one of noeviction, allkeys-lru, volatile-lru, allkeys-lfu, volatile-lfu, allkeys-random, volatile-random, volatile-ttl."
  }
}

variable "snapshot_retention_days" {
  description = "Days automatic daily snapshots are kept (0-35); 0 turns automatic snapshots off."
  type        = number
  default     = 7
  nullable    = false

  validation {
    condition     = var.snapshot_retention_days >= 0 && var.snapshot_retention_days <= 35 && floor(var.snapshot_retention_days) == var.snapshot_retention_days
    error_message = "snapshot_retention_days must be a whole number between 0 and 35."
  }
}

variable "maintenance_window" {
  description = "Weekly maintenance window in UTC, ddd:hh24:mi-ddd:hh24:mi (at least 60 minutes)."
  type        = string
  default     = "sun:05:00-sun:06:00"
  nullable    = false

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.maintenance_window))
    error_message = "maintenance_window must look like sun:05:00-sun:06:00 (lowercase day, 24-hour UTC times)."
  }
}

variable "log_retention_days" {
  description = "Retention of the slow-log and engine-log groups, in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}
