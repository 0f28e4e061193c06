variable "prefix" {
  description = "Name prefix for every resource, e.g. \"clickstack-prod\"; the accelerator is <prefix>-ingest."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "alb_arn" {
  description = "ARN of the ingestion fleet's Application Load Balancer, the accelerator's only endpoint. It may be internet-facing or internal."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:loadbalancer/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}$", var.alb_arn))
    error_message = "alb_arn must be an Application Load Balancer ARN like arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/<name>/<16 hex digits> (not a target group, listener or Network Load Balancer ARN)."
  }
}

variable "alb_region" {
  description = "AWS Region of the ALB, e.g. \"eu-west-1\"; the endpoint group is created there. Given explicitly so plans need no AWS call; it must match the region in alb_arn."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.alb_region))
    error_message = "alb_region must be an AWS Region name like eu-west-1."
  }

  validation {
    condition     = !can(regex("^arn:[^:]+:elasticloadbalancing:[^:]+:", var.alb_arn)) || split(":", var.alb_arn)[3] == var.alb_region
    error_message = "alb_region must be the region in alb_arn: an endpoint group only reaches load balancers in its own region."
  }
}

variable "ports" {
  description = "TCP ports the accelerator listens on and forwards unchanged to the ALB: 443 always, 80 as well when the ALB answers plain HTTP (e.g. to redirect to HTTPS)."
  type        = list(number)
  default     = [443]
  nullable    = false

  validation {
    condition     = contains(var.ports, 443) && alltrue([for port in var.ports : contains([80, 443], port)])
    error_message = "ports must contain 443 and may add 80, nothing else: the ingestion ALB serves HTTPS on 443 and, at most, plain HTTP on 80."
  }
}

variable "client_affinity" {
  description = "NONE spreads a client's connections over the endpoints by 5-tuple; SOURCE_IP sends every connection from one client IP to the same endpoint. The collector is stateless, so NONE is the default."
  type        = string
  default     = "NONE"
  nullable    = false

  validation {
    condition     = contains(["NONE", "SOURCE_IP"], var.client_affinity)
    error_message = "client_affinity must be \"NONE\" or \"SOURCE_IP\"."
  }
}

variable "traffic_dial_percentage" {
  description = "Share of the traffic for the ALB's region that is sent to it (0-100); lower it to drain the region, e.g. before maintenance."
  type        = number
  default     = 100
  nullable    = false

  validation {
    condition     = var.traffic_dial_percentage >= 0 && var.traffic_dial_percentage <= 100
    error_message = "traffic_dial_percentage must be between 0 and 100."
  }
}

variable "health_check" {
  description = "Health check settings of the endpoint group. Global Accelerator applies them to EC2 instance and Elastic IP endpoints only; an ALB endpoint follows the health its target groups report (tune their health checks). path is used with HTTP and HTTPS only."
  type = object({
    protocol         = optional(string, "TCP")
    port             = optional(number, 443)
    path             = optional(string, "/")
    interval_seconds = optional(number, 30)
    threshold_count  = optional(number, 3)
  })
  default  = {}
  nullable = false

  validation {
    condition     = contains(["TCP", "HTTP", "HTTPS"], var.health_check.protocol)
    error_message = "health_check.protocol must be \"TCP\", \"HTTP\" or \"HTTPS\"."
  }

  validation {
    condition     = var.health_check.port >= 1 && var.health_check.port <= 65535 && floor(var.health_check.port) == var.health_check.port
    error_message = "health_check.port must be a whole number between 1 and 65535."
  }

  validation {
    condition     = var.health_check.path == null || can(regex("^/[^ ]{0,254}$", var.health_check.path))
    error_message = "health_check.path must start with / and have no spaces (at most 255 characters)."
  }

  validation {
    condition     = contains([10, 30], var.health_check.interval_seconds)
    error_message = "health_check.interval_seconds must be 10 or 30."
  }

  validation {
    condition     = var.health_check.threshold_count >= 1 && var.health_check.threshold_count <= 10 && floor(var.health_check.threshold_count) == var.health_check.threshold_count
    error_message = "health_check.threshold_count must be a whole number between 1 and 10."
  }
}

variable "flow_logs" {
  description = "Flow logs of the accelerator (records of the traffic through it: client and accelerator addresses and ports, endpoint, bytes, packets) to an existing S3 bucket under s3_prefix (null: global-accelerator/<prefix>/). The bucket policy must let delivery.logs.amazonaws.com write there."
  type = object({
    enabled   = optional(bool, false)
    s3_bucket = optional(string)
    s3_prefix = optional(string)
  })
  default  = {}
  nullable = false

  validation {
    condition     = !var.flow_logs.enabled || var.flow_logs.s3_bucket != null
    error_message = "flow_logs.s3_bucket is required when flow_logs.enabled is true."
  }

  validation {
    condition     = var.flow_logs.s3_bucket == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.flow_logs.s3_bucket))
    error_message = "flow_logs.s3_bucket must be an S3 bucket name (3-63 lowercase letters, digits, dots or hyphens), not an ARN or s3:// URL."
  }

  validation {
    condition     = var.flow_logs.s3_prefix == null || can(regex("^[A-Za-z0-9!_.*'()/-]{1,256}$", var.flow_logs.s3_prefix))
    error_message = "flow_logs.s3_prefix must be 1-256 characters of letters, digits and !_.*'()/-."
  }
}
