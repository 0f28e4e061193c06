variable "prefix" {
  description = "Name prefix for every resource, e.g. \"clickstack-prod\"; the cluster, service, load balancer and repository are <prefix>-fleet."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.prefix))
    error_message = "prefix must start with a lowercase letter, end with a letter or digit, and contain only lowercase letters, digits and hyphens."
  }

  # Load balancer and target group names stop at 32 characters; the target group is the longest.
  validation {
    condition     = length("${var.prefix}-fleet-${var.container_port}") <= 32
    error_message = "prefix is too long: the target group name \"${var.prefix}-fleet-${var.container_port}\" must be at most 32 characters (an Elastic Load Balancing limit)."
  }

  # AWS refuses load balancer names starting with internal-, security group names starting with
  # sg- and capacity provider names starting with aws, ecs or fargate.
  validation {
    condition     = !can(regex("^(internal-|sg-|aws|ecs|fargate)", "${var.prefix}-"))
    error_message = "prefix must not start with \"internal-\", \"sg-\", \"aws\", \"ecs\" or \"fargate\": AWS refuses such load balancer, security group or capacity provider names."
  }
}

variable "account_id" {
  description = "AWS account id of the fleet; it builds the container-instance ARNs of the instance role, the Auto Scaling service-linked role ARN and the source account in the task role's trust policy."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "vpc_id" {
  description = "VPC of the subnets; the target group and the three security groups (load balancer, service, instances) are created in it."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id like vpc-0123456789abcdef0."
  }
}

variable "private_subnet_ids" {
  description = "Private subnets (at least two zones) of the EC2 instances and of the tasks' network interfaces."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.private_subnet_ids) >= 2 && length(distinct(var.private_subnet_ids)) == length(var.private_subnet_ids)
    error_message = "private_subnet_ids must list at least two distinct subnets (in different zones)."
  }

  validation {
    condition     = alltrue([for id in var.private_subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "private_subnet_ids must be subnet ids like subnet-0123456789abcdef0."
  }
}

variable "public_subnet_ids" {
  description = "Public subnets (at least two zones, routed to an internet gateway) of the internet-facing load balancer."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.public_subnet_ids) >= 2 && length(distinct(var.public_subnet_ids)) == length(var.public_subnet_ids)
    error_message = "public_subnet_ids must list at least two distinct subnets (an Application Load Balancer needs two zones)."
  }

  validation {
    condition     = alltrue([for id in var.public_subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "public_subnet_ids must be subnet ids like subnet-0123456789abcdef0."
  }

  validation {
    condition     = length(setintersection(var.public_subnet_ids, var.private_subnet_ids)) == 0
    error_message = "public_subnet_ids and private_subnet_ids must not share a subnet: the load balancer faces the internet, the instances and tasks must not."
  }
}

variable "stream_arn" {
  description = "ARN of the Kinesis data stream the collector writes to; the task role may put records on it and nothing else, and its name is passed to the container as STREAM_NAME."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[a-zA-Z0-9_.-]{1,128}$", var.stream_arn))
    error_message = "stream_arn must be a Kinesis stream ARN like arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-prod-events."
  }
}

variable "kms_key_arn" {
  description = "ARN of the platform's customer managed KMS key: it encrypts the repository, the instances' EBS volumes and the log groups, and the task role may generate data keys with it for the (encrypted) stream."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN like arn:aws:kms:eu-west-1:111111111111:key/<key-id> (an alias ARN is not accepted)."
  }
}

variable "image" {
  description = "Container image of the collector, by digest (<registry>/<repository>@sha256:<64 hex>, preferred) or by tag (<registry>/<repository>:<tag>, not latest). The execution role may pull from this module's repository (ecr_repository_url); public registries need no permission."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:[0-9]{1,5})?/[a-z0-9]+([._-]+[a-z0-9]+)*(/[a-z0-9]+([._-]+[a-z0-9]+)*)*(@sha256:[0-9a-f]{64}|:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$", var.image))
    error_message = "image must be <registry>/<repository>@sha256:<64 lowercase hex digits> or <registry>/<repository>:<tag>, with a registry host such as 111111111111.dkr.ecr.eu-west-1.amazonaws.com or public.ecr.aws."
  }

  # The repository's tags are immutable, but a "latest" reference still says nothing about what
  # runs and cannot be rolled back to.
  validation {
    condition     = !endswith(var.image, ":latest")
    error_message = "image must not use the tag latest: pin a version tag or, better, the digest (@sha256:...)."
  }
}

variable "container_port" {
  description = "Port the collector listens on inside the container (also passed to it as PORT); the load balancer sends /collect and health checks there."
  type        = number
  default     = 8080
  nullable    = false

  validation {
    condition     = var.container_port >= 1024 && var.container_port <= 65535 && floor(var.container_port) == var.container_port
    error_message = "container_port must be a whole number between 1024 and 65535 (the container runs without privileges to bind lower ports)."
  }
}

variable "task_cpu" {
  description = "CPU units of one task (1024 = one vCPU)."
  type        = number
  default     = 512
  nullable    = false

  validation {
    condition     = var.task_cpu >= 128 && var.task_cpu <= 16384 && floor(var.task_cpu) == var.task_cpu
    error_message = "task_cpu must be a whole number of CPU units between 128 and 16384 (1024 = one vCPU)."
  }
}

variable "task_memory" {
  description = "Memory of one task in MiB; it must fit on one instance next to the ECS agent."
  type        = number
  default     = 1024
  nullable    = false

  validation {
    condition     = var.task_memory >= 256 && var.task_memory <= 122880 && floor(var.task_memory) == var.task_memory
    error_message = "task_memory must be a whole number of MiB between 256 and 122880."
  }
}

variable "environment" {
  description = "Extra environment variables of the collector container by name. STREAM_NAME, AWS_REGION, AWS_DEFAULT_REGION and PORT are set by the module and cannot be overridden."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for name in keys(var.environment) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", name))])
    error_message = "environment names must be letters, digits and underscores, not starting with a digit."
  }

  validation {
    condition     = length(setintersection(keys(var.environment), ["STREAM_NAME", "AWS_REGION", "AWS_DEFAULT_REGION", "PORT"])) == 0
    error_message = "environment must not set STREAM_NAME, AWS_REGION, AWS_DEFAULT_REGION or PORT: the module sets them from stream_arn, the provider's region and container_port."
  }
}

variable "health_check_path" {
  description = "HTTP path the load balancer checks on each task (200 = healthy); it is not reachable from the internet, only /collect and /collect/sdk are routed."
  type        = string
  default     = "/health"
  nullable    = false

  validation {
    condition     = length(var.health_check_path) <= 1024 && can(regex("^/[A-Za-z0-9._~/-]*$", var.health_check_path))
    error_message = "health_check_path must start with /, be at most 1024 characters and contain only letters, digits and . _ ~ / - (no query string)."
  }
}

variable "container_health_check_command" {
  description = "Docker health check of the container; ECS replaces a task whose check fails 3 times in a row. The default is the project's collector image (ingest/collector), which checks GET /health on PORT without curl. null runs no container check (the load balancer's health check still replaces unhealthy tasks)."
  type        = list(string)
  default     = ["CMD", "python", "-m", "collector", "healthcheck"]

  validation {
    condition     = var.container_health_check_command == null || try(contains(["CMD", "CMD-SHELL"], var.container_health_check_command[0]) && length(var.container_health_check_command) >= 2, false)
    error_message = "container_health_check_command must start with \"CMD\" or \"CMD-SHELL\" followed by the command, e.g. [\"CMD-SHELL\", \"wget -qO- http://localhost:8080/health || exit 1\"], or be null."
  }
}

variable "log_retention_days" {
  description = "Retention of the collector's log group and of the Container Insights performance log group, in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "image_retention" {
  description = "Lifecycle of the ECR repository: keep the newest keep_images images (tagged or not) and expire untagged images untagged_days days after their push. Keep enough images to cover the one running and a rollback."
  type = object({
    keep_images   = optional(number, 30)
    untagged_days = optional(number, 3)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.image_retention.keep_images >= 2 && var.image_retention.keep_images <= 1000 && floor(var.image_retention.keep_images) == var.image_retention.keep_images
    error_message = "image_retention.keep_images must be a whole number between 2 and 1000 (the running image and at least one to roll back to)."
  }

  validation {
    condition     = var.image_retention.untagged_days >= 1 && floor(var.image_retention.untagged_days) == var.image_retention.untagged_days
    error_message = "image_retention.untagged_days must be a whole number of days, at least 1."
  }
}

variable "instance_type" {
  description = "EC2 instance type of the container instances. Graviton types (c7g, m7g, t4g, ...) run arm64 and need an arm64 image; the others run x86_64. Each task takes one network interface (awsvpc), which limits tasks per instance unless ENI trunking is on for the account."
  type        = string
  default     = "c7g.large"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.instance_type))
    error_message = "instance_type must be an EC2 instance type like c7g.large or m7i.xlarge."
  }
}

variable "ami_id" {
  description = "ID of the ECS-optimised AMI of the instances. null (default) resolves ami_ssm_parameter each time an instance launches, so new instances get the current AMI without a Terraform change."
  type        = string
  default     = null

  validation {
    condition     = var.ami_id == null || can(regex("^ami-[0-9a-f]{8,17}$", var.ami_id))
    error_message = "ami_id must be an AMI id like ami-0123456789abcdef0, or null."
  }

  validation {
    condition     = var.ami_id == null || var.ami_ssm_parameter == null
    error_message = "set either ami_id or ami_ssm_parameter, not both: ami_id pins one AMI, ami_ssm_parameter resolves one at each launch."
  }
}

variable "ami_ssm_parameter" {
  description = "SSM parameter holding the AMI id, resolved by EC2 at each launch (resolve:ssm:, no data source). null picks the Amazon Linux 2023 ECS-optimised \"recommended\" parameter of the instance type's architecture. Ignored when ami_id is set."
  type        = string
  default     = null

  validation {
    condition     = var.ami_ssm_parameter == null || can(regex("^/[A-Za-z0-9_./-]+$", var.ami_ssm_parameter))
    error_message = "ami_ssm_parameter must be an SSM parameter name starting with /, e.g. /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id."
  }
}

variable "instances" {
  description = "The Auto Scaling group of container instances: min_size and max_size bound it, desired_capacity (default min_size) is only the starting size because ECS managed scaling moves it to keep the instances target_capacity percent used. root_volume_size is the encrypted gp3 root volume in GiB (the ECS-optimised AMI needs 30)."
  type = object({
    min_size         = optional(number, 1)
    max_size         = optional(number, 4)
    desired_capacity = optional(number)
    target_capacity  = optional(number, 100)
    root_volume_size = optional(number, 30)
  })
  default  = {}
  nullable = false

  validation {
    condition = (
      var.instances.min_size >= 0 && floor(var.instances.min_size) == var.instances.min_size &&
      var.instances.max_size >= 1 && floor(var.instances.max_size) == var.instances.max_size &&
      var.instances.min_size <= var.instances.max_size
    )
    error_message = "instances.min_size and instances.max_size must be whole numbers with 0 <= min_size <= max_size and max_size >= 1."
  }

  validation {
    condition = var.instances.desired_capacity == null || try(
      var.instances.desired_capacity >= var.instances.min_size && var.instances.desired_capacity <= var.instances.max_size && floor(var.instances.desired_capacity) == var.instances.desired_capacity,
      false
    )
    error_message = "instances.desired_capacity must be a whole number between instances.min_size and instances.max_size, or null."
  }

  validation {
    condition     = var.instances.target_capacity >= 1 && var.instances.target_capacity <= 100 && floor(var.instances.target_capacity) == var.instances.target_capacity
    error_message = "instances.target_capacity must be a whole percentage between 1 and 100 (100 = no idle instances; lower keeps headroom for new tasks)."
  }

  validation {
    condition     = var.instances.root_volume_size >= 30 && var.instances.root_volume_size <= 16384 && floor(var.instances.root_volume_size) == var.instances.root_volume_size
    error_message = "instances.root_volume_size must be a whole number of GiB between 30 (the ECS-optimised AMI's snapshot size) and 16384."
  }
}

variable "autoscaling_service_role_arn" {
  description = "Service-linked role Auto Scaling launches the instances with; it gets a KMS grant to encrypt their volumes with kms_key_arn. null means the account's default AWSServiceRoleForAutoScaling, which must already exist (AWS creates it with the account's first Auto Scaling group)."
  type        = string
  default     = null

  validation {
    condition     = var.autoscaling_service_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/aws-service-role/autoscaling\\.amazonaws\\.com/AWSServiceRoleForAutoScaling(_[A-Za-z0-9+=,.@-]+)?$", var.autoscaling_service_role_arn))
    error_message = "autoscaling_service_role_arn must be an Auto Scaling service-linked role ARN: arn:aws:iam::<account>:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling[_<suffix>]."
  }
}

variable "tasks" {
  description = "Service auto scaling: between min and max tasks, tracking target_requests_per_task requests per task per minute (the ALBRequestCountPerTarget metric). min is also the starting count."
  type = object({
    min                      = optional(number, 2)
    max                      = optional(number, 10)
    target_requests_per_task = optional(number, 6000)
  })
  default  = {}
  nullable = false

  validation {
    condition = (
      var.tasks.min >= 1 && floor(var.tasks.min) == var.tasks.min &&
      floor(var.tasks.max) == var.tasks.max && var.tasks.min <= var.tasks.max
    )
    error_message = "tasks.min and tasks.max must be whole numbers with 1 <= min <= max (a public collector never scales to zero)."
  }

  validation {
    condition     = var.tasks.target_requests_per_task > 0
    error_message = "tasks.target_requests_per_task must be greater than 0 (requests per task per minute)."
  }
}

variable "certificate_arn" {
  description = "ACM certificate of the HTTPS listener, in the load balancer's region; it must cover domain_name."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[a-zA-Z0-9-]+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN like arn:aws:acm:eu-west-1:111111111111:certificate/<id>."
  }
}

variable "domain_name" {
  description = "Host name clients use (a DNS alias of the load balancer, created outside this module with alb_dns_name and alb_zone_id); collect_url is built from it. null uses the load balancer's own DNS name, which the certificate does not cover."
  type        = string
  default     = null

  validation {
    condition     = var.domain_name == null || can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name must be a lowercase host name like collect.example.com (no scheme, port or path), or null."
  }
}

variable "allowed_cidrs" {
  description = "IPv4 ranges admitted on ports 443 and 80 (80 only redirects to HTTPS), by a stable name. The default admits the whole internet: browsers and apps post from anywhere."
  type        = map(string)
  default     = { internet = "0.0.0.0/0" }
  nullable    = false

  validation {
    condition     = length(var.allowed_cidrs) >= 1
    error_message = "allowed_cidrs must admit at least one range, or nobody could reach the collector."
  }

  validation {
    condition     = alltrue([for name, cidr in var.allowed_cidrs : can(regex("^[a-z0-9_-]+$", name)) && can(cidrnetmask(cidr)) && cidrhost(cidr, 0) == split("/", cidr)[0]])
    error_message = "allowed_cidrs must map lowercase names (letters, digits, _ or -) to IPv4 ranges in CIDR notation with no host bits set, e.g. { office = \"203.0.113.0/24\" }."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the load balancer (its DNS name is what clients are configured with). Switch off, apply, then destroy."
  type        = bool
  default     = true
  nullable    = false
}

variable "access_logs" {
  description = "S3 bucket (name, not ARN) and key prefix of the load balancer's access logs. The bucket must use SSE-S3 (access logs cannot be written with SSE-KMS) and its policy must let Elastic Load Balancing log delivery write under the prefix. null prefix = \"alb/<prefix>-fleet\"."
  type = object({
    bucket = string
    prefix = optional(string)
  })
  nullable = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.access_logs.bucket))
    error_message = "access_logs.bucket must be an S3 bucket name (3-63 lowercase letters, digits, dots or hyphens), not an ARN or s3:// URL."
  }

  validation {
    condition     = var.access_logs.prefix == null || can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*$", coalesce(var.access_logs.prefix, "-"))) && !strcontains(coalesce(var.access_logs.prefix, "-"), "AWSLogs")
    error_message = "access_logs.prefix must be a key prefix without leading or trailing slash and must not contain AWSLogs (Elastic Load Balancing adds that part itself)."
  }
}
