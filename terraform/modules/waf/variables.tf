variable "prefix" {
  description = "Prefix for resource names, e.g. \"clickstack-prod\"."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "resource_arns" {
  description = "Entry points the web ACL protects, keyed by a stable name known at plan time (e.g. api = ingest_api's stage_arn, alb = ingest_fleet's ALB ARN): API Gateway REST API stage ARNs or Application Load Balancer ARNs."
  type        = map(string)
  nullable    = false

  validation {
    condition     = length(var.resource_arns) > 0
    error_message = "resource_arns must name at least one entry point, or the web ACL protects nothing."
  }

  # anytrue, not alltrue: a known bad ARN fails the plan even while another entry is still unknown.
  validation {
    condition = !anytrue([
      for arn in values(var.resource_arns) : !can(regex("^arn:aws[a-z-]*:apigateway:[a-z0-9-]+::/restapis/[^/]+/stages/[^/]+$", arn)) && !can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:loadbalancer/app/[a-zA-Z0-9-]+/[0-9a-f]+$", arn))
    ])
    error_message = join("; ", [
      for name, arn in var.resource_arns : "resource_arns[\"${name}\"] is neither an API Gateway REST API stage ARN (arn:aws:apigateway:<region>::/restapis/<api id>/stages/<stage>) nor an Application Load Balancer ARN (arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>)"
      if !can(regex("^arn:aws[a-z-]*:apigateway:[a-z0-9-]+::/restapis/[^/]+/stages/[^/]+$", arn)) && !can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:loadbalancer/app/[a-zA-Z0-9-]+/[0-9a-f]+$", arn))
    ])
  }
}

variable "rate_limit_per_ip" {
  description = "Requests one IP may make in any 5-minute window before it is blocked."
  type        = number
  nullable    = false

  validation {
    condition     = var.rate_limit_per_ip >= 10 && var.rate_limit_per_ip <= 2000000000 && floor(var.rate_limit_per_ip) == var.rate_limit_per_ip
    error_message = "rate_limit_per_ip must be a whole number between 10 and 2000000000."
  }
}

variable "max_body_bytes" {
  description = "Largest request body allowed, in bytes; larger requests are blocked. At most 8192 when resource_arns holds an Application Load Balancer (WAF sees only a body's first 8 KB there). Above 8192 the web ACL sets the API Gateway body inspection limit that covers it (KB_16..KB_64)."
  type        = number
  default     = 16384
  nullable    = false

  validation {
    condition     = var.max_body_bytes >= 1 && var.max_body_bytes <= 65536 && floor(var.max_body_bytes) == var.max_body_bytes
    error_message = "max_body_bytes must be a whole number between 1 and 65536."
  }

  # An ALB forwards only a body's first 8 KB to WAF, so a larger cap would be a promise rule 1
  # cannot keep there: oversize bodies match and are blocked at 8 KB, not at max_body_bytes.
  # While the ALB's ARN is unknown (first plan) this is checked at the end of apply instead.
  validation {
    condition = var.max_body_bytes <= 8192 || !anytrue([
      for arn in values(var.resource_arns) : can(regex("^arn:aws[a-z-]*:elasticloadbalancing:", arn))
    ])
    error_message = "max_body_bytes is ${var.max_body_bytes}, but resource_arns holds an Application Load Balancer, which forwards only the first 8192 bytes of a body to WAF: set max_body_bytes to 8192 or less."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the WAF log group."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "log_retention_days" {
  description = "Retention in days for the WAF log group."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}
