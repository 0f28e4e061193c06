variable "prefix" {
  description = "Name prefix for every resource, e.g. \"clickstack-prod\"; the cluster and its security group are <prefix>-kafka."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }

  # The security group is <prefix>-kafka and AWS refuses group names that begin with "sg-".
  validation {
    condition     = !startswith("${var.prefix}-", "sg-")
    error_message = "prefix must not be \"sg\" or start with \"sg-\": AWS refuses security group names that begin with sg-."
  }
}

variable "mode" {
  description = "\"serverless\" (aws_msk_serverless_cluster: MSK sizes and scales it, key managed by MSK) or \"provisioned\" (aws_msk_cluster sized by the provisioned input, encrypted with kms_key_arn, broker logs in CloudWatch)."
  type        = string
  default     = "serverless"
  nullable    = false

  validation {
    condition     = contains(["serverless", "provisioned"], var.mode)
    error_message = "mode must be \"serverless\" or \"provisioned\"."
  }
}

variable "topic_name" {
  description = "Name of the Kafka topic the events go to; null means <prefix>-events. The module cannot create it (see README); it scopes the producer and consumer policies to it."
  type        = string
  default     = null

  validation {
    condition     = var.topic_name == null || (can(regex("^[A-Za-z0-9._-]{1,249}$", var.topic_name)) && !contains([".", ".."], coalesce(var.topic_name, "-")))
    error_message = "topic_name must be 1-249 letters, digits, dots, underscores or hyphens (Kafka's topic name rules), and not \".\" or \"..\"."
  }
}

variable "consumer_group_pattern" {
  description = "Consumer group ids the consumer policy allows: one group id, or a prefix ending in * (IAM wildcard). null means <prefix>-*, e.g. clickstack-prod-flink."
  type        = string
  default     = null

  validation {
    condition     = var.consumer_group_pattern == null || can(regex("^[A-Za-z0-9._-]+\\*?$", var.consumer_group_pattern))
    error_message = "consumer_group_pattern must be a group id of letters, digits, dots, underscores or hyphens, optionally ending in * (a bare * is not allowed)."
  }
}

variable "producer_creates_topic" {
  description = "Add kafka-cluster:CreateTopic on the topic (that topic only) to the producer policy, so the producer can create the topic at start-up when it is missing. false leaves creation to an operator (see README)."
  type        = bool
  default     = false
  nullable    = false
}

variable "subnet_ids" {
  description = "Private subnets, one per zone, for the cluster's network interfaces: 2 or 3 in provisioned mode (brokers are spread evenly over them), at least 2 in serverless mode."
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

  validation {
    condition     = var.mode != "provisioned" || length(var.subnet_ids) <= 3
    error_message = "subnet_ids must list 2 or 3 subnets in provisioned mode: MSK places provisioned brokers in two or three zones."
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
  description = "Security groups of the producers and consumers by a stable name (e.g. { ingest = \"sg-...\", flink = \"sg-...\" }); each is admitted on port 9098 (SASL/IAM over TLS) and gets the matching egress rule. No CIDR is ever admitted."
  type        = map(string)
  nullable    = false

  validation {
    condition     = alltrue([for id in values(var.allowed_security_group_ids) : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "allowed_security_group_ids values must be security group ids like sg-0123456789abcdef0."
  }

  validation {
    condition     = alltrue([for name in keys(var.allowed_security_group_ids) : can(regex("^[a-z][a-z0-9_-]{0,62}$", name))])
    error_message = "allowed_security_group_ids keys must be short stable names: lowercase letters, digits, _ or -, starting with a letter."
  }
}

variable "kms_key_arn" {
  description = "ARN of the platform's customer managed KMS key. In provisioned mode it encrypts the brokers' storage and the broker log group (its key policy must let CloudWatch Logs use it); a serverless cluster is always encrypted with a key MSK manages."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN like arn:aws:kms:eu-west-1:111111111111:key/<key id> (not an alias)."
  }
}

variable "provisioned" {
  description = "Sizing and settings of a provisioned cluster (ignored in serverless mode). kafka_version as MSK names it (3.6.0 or later, e.g. 3.8.x or 3.7.x.kraft); instance_type a Standard broker type (kafka.*); brokers_per_az brokers in each subnet's zone; ebs_volume_size GiB per broker; enhanced_monitoring DEFAULT, PER_BROKER, PER_TOPIC_PER_BROKER or PER_TOPIC_PER_PARTITION; server_properties overrides the module's broker settings (auto.create.topics.enable stays false)."
  type = object({
    kafka_version       = optional(string, "3.8.x")
    instance_type       = optional(string, "kafka.t3.small")
    brokers_per_az      = optional(number, 1)
    ebs_volume_size     = optional(number, 100)
    enhanced_monitoring = optional(string, "PER_BROKER")
    server_properties   = optional(map(string), {})
  })
  default  = {}
  nullable = false

  validation {
    condition     = can(regex("^(3\\.([6-9]|[1-9][0-9])|[4-9]\\.[0-9]+)\\.([0-9]+|x)(\\.kraft)?$", var.provisioned.kafka_version))
    error_message = "provisioned.kafka_version must be an MSK Kafka version 3.6.0 or later as MSK names it, e.g. 3.6.0, 3.8.x, 3.7.x.kraft or 4.0.x."
  }

  validation {
    condition     = can(regex("^kafka\\.[a-z0-9]+\\.[a-z0-9]+$", var.provisioned.instance_type))
    error_message = "provisioned.instance_type must be a Standard broker type like kafka.t3.small or kafka.m7g.large (Express brokers, express.*, have no EBS volume to size)."
  }

  validation {
    condition     = var.provisioned.brokers_per_az >= 1 && var.provisioned.brokers_per_az <= 10 && floor(var.provisioned.brokers_per_az) == var.provisioned.brokers_per_az
    error_message = "provisioned.brokers_per_az must be a whole number between 1 and 10."
  }

  validation {
    condition     = var.provisioned.ebs_volume_size >= 1 && var.provisioned.ebs_volume_size <= 16384 && floor(var.provisioned.ebs_volume_size) == var.provisioned.ebs_volume_size
    error_message = "provisioned.ebs_volume_size must be a whole number of GiB between 1 and 16384."
  }

  validation {
    condition     = contains(["DEFAULT", "PER_BROKER", "PER_TOPIC_PER_BROKER", "PER_TOPIC_PER_PARTITION"], var.provisioned.enhanced_monitoring)
    error_message = "provisioned.enhanced_monitoring must be DEFAULT, PER_BROKER, PER_TOPIC_PER_BROKER or PER_TOPIC_PER_PARTITION."
  }

  validation {
    condition     = !contains(keys(var.provisioned.server_properties), "auto.create.topics.enable")
    error_message = "provisioned.server_properties must not set auto.create.topics.enable: the module keeps it false so a mistyped topic name fails instead of creating a topic nobody reads."
  }

  validation {
    condition     = alltrue([for key in keys(var.provisioned.server_properties) : can(regex("^[a-z][a-z0-9.]*[a-z0-9]$", key))])
    error_message = "provisioned.server_properties keys must be Kafka broker property names like log.retention.hours."
  }
}

variable "log_retention_days" {
  description = "Retention of the broker log group (provisioned mode), in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}
