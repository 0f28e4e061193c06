variable "prefix" {
  description = "Name prefix for every resource, e.g. \"clickstack-prod\"; the VPC is named <prefix>."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }

  # Security groups are named <prefix>-<name> and AWS refuses group names that begin with "sg-".
  validation {
    condition     = !startswith("${var.prefix}-", "sg-")
    error_message = "prefix must not be \"sg\" or start with \"sg-\": AWS refuses security group names that begin with sg-."
  }
}

variable "account_id" {
  description = "AWS account id of the VPC; limits who may assume the flow log role (confused deputy) and builds the log group ARN."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "availability_zones" {
  description = "2-6 distinct zones of the provider's region, e.g. [\"eu-west-1a\", \"eu-west-1b\"]; one private and one public subnet each. The zone letter (a-h) picks the subnet ranges, so the list order does not matter."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 6
    error_message = "availability_zones must list between 2 and 6 zones."
  }

  validation {
    condition     = length(distinct(var.availability_zones)) == length(var.availability_zones)
    error_message = "availability_zones must not repeat a zone."
  }

  validation {
    condition     = alltrue([for zone in var.availability_zones : can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9][a-h]$", zone))])
    error_message = "availability_zones must be zone names like eu-west-1a: a region name followed by one letter from a to h (Local Zones and Wavelength Zones are not supported)."
  }

  validation {
    condition     = length(distinct([for zone in var.availability_zones : substr(zone, 0, length(zone) - 1)])) == 1
    error_message = "availability_zones must all be in the same region."
  }
}

variable "cidr_block" {
  description = "IPv4 range of the VPC, /16 to /24, e.g. \"10.20.0.0/16\". It is cut into 16 equal blocks: private subnets take blocks 0-7 and public subnets blocks 8-15, by zone letter."
  type        = string
  nullable    = false

  validation {
    condition     = can(cidrnetmask(var.cidr_block)) && try(tonumber(split("/", var.cidr_block)[1]) >= 16 && tonumber(split("/", var.cidr_block)[1]) <= 24, false)
    error_message = "cidr_block must be an IPv4 CIDR block with a prefix length from /16 to /24, e.g. 10.20.0.0/16."
  }

  validation {
    condition     = try(cidrhost(var.cidr_block, 0) == split("/", var.cidr_block)[0], false)
    error_message = "cidr_block must start at its network address (e.g. 10.20.0.0/16, not 10.20.1.0/16)."
  }
}

variable "nat" {
  description = "NAT for private subnets: \"none\" (no default route; AWS services are reached through the VPC endpoints), \"single\" (one NAT gateway in the first zone in alphabetical order) or \"per_az\" (one per zone, no cross-zone dependency)."
  type = object({
    mode = optional(string, "none")
  })
  default  = {}
  nullable = false

  validation {
    condition     = contains(["none", "single", "per_az"], var.nat.mode)
    error_message = "nat.mode must be none, single or per_az."
  }
}

variable "interface_endpoints" {
  description = "Interface VPC endpoints to create in the private subnets (private DNS on); each is on unless set to false."
  type = object({
    kinesis_streams = optional(bool, true)
    secretsmanager  = optional(bool, true)
    logs            = optional(bool, true)
    glue            = optional(bool, true)
  })
  default  = {}
  nullable = false
}

variable "consumers" {
  description = "Workloads that run in the private subnets, name => security group description, e.g. { flink = \"Managed Flink application\" }. Each gets its own security group that data stores admit by id. Changing a description replaces the group."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for name in keys(var.consumers) : can(regex("^[a-z][a-z0-9_]{0,31}$", name))])
    error_message = "consumers names must be 1-32 lowercase letters, digits or underscores and start with a letter (e.g. profile_updater)."
  }

  validation {
    condition     = alltrue([for description in values(var.consumers) : can(regex("^[A-Za-z0-9 ._:/()#,@+=&;{}!$*\\[\\]-]{1,255}$", description))])
    error_message = "consumers descriptions must be 1-255 characters from letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* (the characters AWS allows in a security group description)."
  }
}

variable "self_referencing_consumers" {
  description = "Names from consumers whose members must reach each other on every TCP port. AWS Glue needs this for a job in a VPC (its workers talk to each other and Glue refuses a connection without it)."
  type        = set(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for name in var.self_referencing_consumers : contains(keys(var.consumers), name)])
    error_message = "self_referencing_consumers may only name keys of consumers."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the flow log group; its key policy must let CloudWatch Logs use it."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "flow_log_retention_days" {
  description = "Retention of the VPC flow log group, in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 365
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}
