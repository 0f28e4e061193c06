variable "prefix" {
  description = "Name prefix for every resource, e.g. \"clickstack-prod\"; most resources are <prefix>-console, the web bucket is <prefix>-<account_id>-console-web."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "account_id" {
  description = "AWS account id of the environment; it makes the web bucket name globally unique and must own the backend function."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "kms_key_arn" {
  description = "ARN of the platform's customer managed KMS key: it encrypts the DynamoDB table and the API access log group, and the backend policy may use it through DynamoDB. (The web bucket uses SSE-S3, see the README.)"
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN like arn:aws:kms:eu-west-1:111111111111:key/<key-id> (an alias ARN is not accepted)."
  }
}

variable "backend_function_name" {
  description = "Name of the console's backend Lambda function (lambda/console_api, deployed with the lambda_function module); the HTTP API gets permission to invoke it."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{1,64}$", var.backend_function_name))
    error_message = "backend_function_name must be a Lambda function name: 1-64 letters, digits, hyphens or underscores."
  }
}

variable "backend_function_arn" {
  description = "Unqualified ARN of the same function; /api/* requests are proxied to it (payload format 2.0)."
  type        = string
  nullable    = false

  validation {
    condition = (
      can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[a-zA-Z0-9_-]{1,64}$", var.backend_function_arn)) &&
      endswith(var.backend_function_arn, ":function:${var.backend_function_name}")
    )
    error_message = "backend_function_arn must be the unqualified Lambda ARN of backend_function_name (arn:aws:lambda:<region>:<account>:function:${var.backend_function_name}, no version or alias)."
  }

  validation {
    condition     = try(split(":", var.backend_function_arn)[4], "") == var.account_id
    error_message = "backend_function_arn must be a function of account_id (${var.account_id})."
  }
}

variable "custom_domain" {
  description = "Serve the console on your own host names: aliases (e.g. [\"console.example.com\"]) and the ARN of an ACM certificate in us-east-1 that covers them (CloudFront only uses us-east-1 certificates). null serves it on the distribution's *.cloudfront.net name with the default certificate."
  type = object({
    aliases             = list(string)
    acm_certificate_arn = string
  })
  default = null

  validation {
    condition     = var.custom_domain == null || try(length(var.custom_domain.aliases) >= 1, false)
    error_message = "custom_domain.aliases must list at least one host name (e.g. console.example.com)."
  }

  validation {
    condition = var.custom_domain == null || alltrue([
      for alias in try(var.custom_domain.aliases, []) : can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", alias))
    ])
    error_message = "custom_domain.aliases must be lowercase host names without scheme, port, path or wildcard, e.g. console.example.com (each is also a Cognito callback URL, which cannot be a wildcard)."
  }

  validation {
    condition     = var.custom_domain == null || can(regex("^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]+$", var.custom_domain.acm_certificate_arn))
    error_message = "custom_domain.acm_certificate_arn must be an ACM certificate ARN in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>): CloudFront only uses certificates from us-east-1, found region \"${try(split(":", var.custom_domain.acm_certificate_arn)[3], "")}\"."
  }
}

variable "price_class" {
  description = "CloudFront price class: PriceClass_100 (North America, Europe), PriceClass_200 (adds most of Asia, Middle East, Africa) or PriceClass_All."
  type        = string
  default     = "PriceClass_100"
  nullable    = false

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "access_logs" {
  description = "CloudFront standard access logs: the name of an S3 bucket that has ACLs enabled (object ownership BucketOwnerPreferred or ObjectWriter; CloudFront's log delivery writes through an ACL) and a key prefix. null turns access logging off."
  type = object({
    bucket = string
    prefix = optional(string)
  })
  default = null

  validation {
    condition     = var.access_logs == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.access_logs.bucket))
    error_message = "access_logs.bucket must be an S3 bucket name (not an ARN or a domain name), e.g. clickstack-prod-111111111111-cdn-logs."
  }

  validation {
    condition     = var.access_logs == null || try(var.access_logs.prefix == null || !startswith(var.access_logs.prefix, "/"), true)
    error_message = "access_logs.prefix must not start with \"/\" (e.g. \"cloudfront/console/\")."
  }
}

variable "web_acl_arn" {
  description = "Optional ARN of a WAFv2 web ACL with scope CLOUDFRONT (created in us-east-1) to attach to the distribution; null attaches none."
  type        = string
  default     = null

  validation {
    condition     = var.web_acl_arn == null || can(regex("^arn:aws[a-z-]*:wafv2:us-east-1:[0-9]{12}:global/webacl/[^/]+/[^/]+$", var.web_acl_arn))
    error_message = "web_acl_arn must be a CLOUDFRONT-scope WAFv2 web ACL ARN (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>); regional web ACLs cannot be attached to CloudFront."
  }
}

variable "content_security_policy" {
  description = "Optional Content-Security-Policy header value added to every response (e.g. \"default-src 'self'; connect-src 'self' https://<hosted UI domain>; frame-ancestors 'none'\"); null sends none. It depends on what the web application loads, so the module does not guess one."
  type        = string
  default     = null

  validation {
    condition     = var.content_security_policy == null || try(length(trimspace(var.content_security_policy)) > 0 && length(var.content_security_policy) <= 1783, false)
    error_message = "content_security_policy must be a non-empty header value of at most 1783 characters (CloudFront's limit), or null."
  }
}

variable "web_noncurrent_version_days" {
  description = "Days an overwritten or deleted web asset is kept as a noncurrent version (to roll back a deployment) before S3 expires it."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = var.web_noncurrent_version_days >= 1 && floor(var.web_noncurrent_version_days) == var.web_noncurrent_version_days
    error_message = "web_noncurrent_version_days must be a whole number of days, at least 1."
  }
}

variable "force_destroy" {
  description = "Allow Terraform to delete the web bucket while it still holds assets (they are rebuilt by the deployment). Keep false outside throwaway environments."
  type        = bool
  default     = false
  nullable    = false
}

variable "deletion_protection" {
  description = "Protect the user pool (the operators' accounts) and the table (projects and registered apps) from deletion; turn off only to tear an environment down."
  type        = bool
  default     = true
  nullable    = false
}

variable "auth" {
  description = "Operator sign-in (Cognito). hosted_ui_domain_prefix: the hosted UI is https://<prefix>.auth.<region>.amazoncognito.com (unique per region; null uses <prefix>-console-<account_id>). callback_urls / logout_urls: extra allowed redirect URLs besides the console's own https://<host>/ (e.g. http://localhost:5173/ for development). mfa: \"ON\" (required, TOTP) or \"OPTIONAL\". threat_protection: \"ENFORCED\", \"AUDIT\" (both need the Plus feature plan, which the pool then uses) or \"OFF\" (Essentials plan). Token validity in minutes (access, id) and days (refresh)."
  type = object({
    hosted_ui_domain_prefix       = optional(string)
    callback_urls                 = optional(list(string), [])
    logout_urls                   = optional(list(string), [])
    mfa                           = optional(string, "ON")
    threat_protection             = optional(string, "ENFORCED")
    access_token_validity_minutes = optional(number, 60)
    id_token_validity_minutes     = optional(number, 60)
    refresh_token_validity_days   = optional(number, 1)
  })
  default  = {}
  nullable = false

  validation {
    condition = var.auth.hosted_ui_domain_prefix == null || try(
      can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", var.auth.hosted_ui_domain_prefix)) &&
      length(regexall("aws|amazon|cognito", var.auth.hosted_ui_domain_prefix)) == 0,
      false
    )
    error_message = "auth.hosted_ui_domain_prefix must be 1-63 lowercase letters, digits or hyphens, not start or end with a hyphen, and not contain \"aws\", \"amazon\" or \"cognito\" (Cognito reserves them)."
  }

  validation {
    condition = alltrue([
      for url in concat(var.auth.callback_urls, var.auth.logout_urls) :
      can(regex("^(https://[a-z0-9.-]+(:[0-9]{1,5})?|http://localhost(:[0-9]{1,5})?)(/[^\\s#]*)?$", url))
    ])
    error_message = "auth.callback_urls and auth.logout_urls must be https:// URLs (http:// only for localhost) with a lowercase host and no #fragment, e.g. https://console.example.com/ or http://localhost:5173/; not valid: ${join(", ", [for url in concat(var.auth.callback_urls, var.auth.logout_urls) : url if !can(regex("^(https://[a-z0-9.-]+(:[0-9]{1,5})?|http://localhost(:[0-9]{1,5})?)(/[^\\s#]*)?$", url))])}."
  }

  validation {
    condition     = contains(["ON", "OPTIONAL"], var.auth.mfa)
    error_message = "auth.mfa must be \"ON\" (every operator uses a TOTP app) or \"OPTIONAL\"."
  }

  validation {
    condition     = contains(["ENFORCED", "AUDIT", "OFF"], var.auth.threat_protection)
    error_message = "auth.threat_protection must be \"ENFORCED\", \"AUDIT\" or \"OFF\" (OFF where the Cognito Plus feature plan is not available)."
  }

  validation {
    condition = alltrue([
      for minutes in [var.auth.access_token_validity_minutes, var.auth.id_token_validity_minutes] :
      minutes >= 5 && minutes <= 1440 && floor(minutes) == minutes
    ])
    error_message = "auth.access_token_validity_minutes and auth.id_token_validity_minutes must be whole numbers between 5 and 1440 (one day)."
  }

  validation {
    condition     = var.auth.refresh_token_validity_days >= 1 && var.auth.refresh_token_validity_days <= 3650 && floor(var.auth.refresh_token_validity_days) == var.auth.refresh_token_validity_days
    error_message = "auth.refresh_token_validity_days must be a whole number between 1 and 3650."
  }
}

variable "api_throttling" {
  description = "Default throttling of every route of the HTTP API's $default stage: steady requests per second (rate_limit) and bucket size (burst_limit)."
  type = object({
    rate_limit  = optional(number, 50)
    burst_limit = optional(number, 100)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.api_throttling.rate_limit > 0
    error_message = "api_throttling.rate_limit must be greater than 0."
  }

  validation {
    condition     = var.api_throttling.burst_limit > 0 && floor(var.api_throttling.burst_limit) == var.api_throttling.burst_limit
    error_message = "api_throttling.burst_limit must be a whole number greater than 0."
  }
}

variable "log_retention_days" {
  description = "Retention of the HTTP API access log group, in days (a value CloudWatch Logs accepts). The log records which operator called which route, so the default keeps a year."
  type        = number
  default     = 365
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}
