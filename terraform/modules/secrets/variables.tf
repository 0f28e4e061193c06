variable "prefix" {
  description = "Name prefix for every resource, e.g. \"clickstack-prod\"; each secret is named <prefix>/<key>."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "account_id" {
  description = "AWS account id that owns the secrets; the read policies name the secrets by ARN pattern (<name>-??????) in this account and the provider's region."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "kms_key_arn" {
  description = "ARN of the platform's customer managed KMS key (same region); it encrypts every secret, and the read policies allow kms:Decrypt on it through Secrets Manager only."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN like arn:aws:kms:eu-west-1:111111111111:key/<key-id> (an alias ARN is not accepted)."
  }
}

variable "recovery_window_days" {
  description = "Days a deleted secret can still be restored (7-30), or 0 to delete at once so the same name can be created again right away (dev environments that are destroyed and rebuilt)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = var.recovery_window_days == 0 || (var.recovery_window_days >= 7 && var.recovery_window_days <= 30 && floor(var.recovery_window_days) == var.recovery_window_days)
    error_message = "recovery_window_days must be 0 (delete at once) or a whole number between 7 and 30."
  }
}

variable "secrets" {
  description = "Secrets the platform owns, keyed by a stable name (lowercase words joined by underscores: redis_auth, bi_user, oidc_client); each is <prefix>/<key>, encrypted with kms_key_arn, and its value is never in Terraform state or plan. Without generated_password nothing is written: an operator or the owning service puts the value. With generated_password, Secrets Manager generates a password that Terraform writes as a write-only argument: the password itself, or with json_key a JSON object {<json_key>: password, ...json_fields}; raise version to write a new one. exclude_characters defaults to the characters Aurora and Redshift refuse in passwords. rotation: the rotation Lambda's ARN and either automatically_after_days or schedule_expression (rate()/cron(), optional window duration like \"2h\"); rotate_immediately defaults to false. allowed_principal_arns: IAM role/user ARNs (wildcards allowed) that may read the value; when set, a resource policy denies secretsmanager:GetSecretValue to everyone else, administrators included (list the rotation function's role too)."
  type = map(object({
    description = string
    generated_password = optional(object({
      length              = optional(number, 32)
      exclude_characters  = optional(string, "\"'/@\\")
      exclude_punctuation = optional(bool, false)
      json_key            = optional(string)
      json_fields         = optional(map(string), {})
      version             = optional(number, 1)
    }))
    rotation = optional(object({
      lambda_arn               = string
      automatically_after_days = optional(number)
      schedule_expression      = optional(string)
      duration                 = optional(string)
      rotate_immediately       = optional(bool, false)
    }))
    allowed_principal_arns = optional(list(string), [])
  }))
  nullable = false

  # Each word must start with a letter: policy Sids are built by capitalising the words
  # (bi_user -> BiUser), which must stay unique. No hyphens: Secrets Manager warns that names
  # ending in a hyphen and six characters are confused with the random suffix of an ARN.
  validation {
    condition     = alltrue([for key in keys(var.secrets) : can(regex("^[a-z][a-z0-9]*(_[a-z][a-z0-9]*)*$", key)) && length(key) <= 64])
    error_message = "secrets keys must be lowercase words of letters and digits joined by single underscores, each word starting with a letter, at most 64 characters (e.g. redis_auth, bi_user, oidc_client)."
  }

  validation {
    condition     = alltrue([for secret in values(var.secrets) : length(trimspace(secret.description)) > 0 && length(secret.description) <= 2048])
    error_message = "secrets descriptions must say what the secret is for: not empty, at most 2048 characters."
  }

  validation {
    condition = alltrue([
      for secret in values(var.secrets) : secret.generated_password == null || try(
        secret.generated_password.length >= 16 && secret.generated_password.length <= 4096 && floor(secret.generated_password.length) == secret.generated_password.length,
        false
      )
    ])
    error_message = "secrets generated_password.length must be a whole number between 16 and 4096."
  }

  validation {
    condition = alltrue([
      for secret in values(var.secrets) : secret.generated_password == null || try(
        secret.generated_password.version >= 1 && floor(secret.generated_password.version) == secret.generated_password.version,
        false
      )
    ])
    error_message = "secrets generated_password.version must be a whole number of 1 or more; raise it to write a newly generated password."
  }

  validation {
    condition = alltrue([
      for secret in values(var.secrets) : secret.generated_password == null || try(
        secret.generated_password.json_key != null || length(secret.generated_password.json_fields) == 0,
        false
      )
    ])
    error_message = "secrets generated_password.json_fields need json_key: the fields are stored next to the password in a JSON object."
  }

  validation {
    condition = alltrue([
      for secret in values(var.secrets) : secret.generated_password == null || try(
        secret.generated_password.json_key == null ? true : (
          can(regex("^[A-Za-z_][A-Za-z0-9_]*$", secret.generated_password.json_key)) &&
          !contains(keys(secret.generated_password.json_fields), secret.generated_password.json_key)
        ),
        false
      )
    ])
    error_message = "secrets generated_password.json_key must be a field name of letters, digits and underscores (e.g. password) that json_fields does not also set."
  }

  validation {
    condition = alltrue([
      for secret in values(var.secrets) : secret.rotation == null || try(
        can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}$", secret.rotation.lambda_arn)),
        false
      )
    ])
    error_message = "secrets rotation.lambda_arn must be an unqualified Lambda function ARN like arn:aws:lambda:eu-west-1:111111111111:function:clickstack-prod-rotate."
  }

  validation {
    condition = alltrue([
      for secret in values(var.secrets) : secret.rotation == null || try(
        (secret.rotation.automatically_after_days == null) != (secret.rotation.schedule_expression == null),
        false
      )
    ])
    error_message = "secrets rotation needs exactly one of automatically_after_days or schedule_expression."
  }

  validation {
    condition = alltrue([
      for secret in values(var.secrets) : secret.rotation == null || try(
        secret.rotation.automatically_after_days == null ? true : (
          secret.rotation.automatically_after_days >= 1 && secret.rotation.automatically_after_days <= 1000 &&
          floor(secret.rotation.automatically_after_days) == secret.rotation.automatically_after_days
        ),
        false
      )
    ])
    error_message = "secrets rotation.automatically_after_days must be a whole number between 1 and 1000."
  }

  validation {
    condition = alltrue([
      for secret in values(var.secrets) : secret.rotation == null || try(
        secret.rotation.schedule_expression == null ? true : can(regex("^(rate|cron)\\(.+\\)$", secret.rotation.schedule_expression)),
        false
      )
    ])
    error_message = "secrets rotation.schedule_expression must be a rate() or cron() expression, e.g. \"rate(30 days)\" or \"cron(0 4 ? * SUN *)\"."
  }

  validation {
    condition = alltrue([
      for secret in values(var.secrets) : secret.rotation == null || try(
        secret.rotation.duration == null ? true : (
          secret.rotation.schedule_expression != null &&
          can(regex("^([1-9]|1[0-9]|2[0-4])h$", secret.rotation.duration))
        ),
        false
      )
    ])
    error_message = "secrets rotation.duration is the rotation window for a schedule_expression, 1h-24h (e.g. \"2h\"); it cannot be used with automatically_after_days."
  }

  validation {
    condition = alltrue(flatten([
      for secret in values(var.secrets) : [
        for arn in secret.allowed_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$", arn))
      ]
    ]))
    error_message = "secrets allowed_principal_arns must be IAM role or user ARNs (arn:aws:iam::<account>:role/<name>, wildcards allowed in the name), not account ids or \"*\"."
  }
}
