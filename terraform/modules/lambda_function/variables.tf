variable "prefix" {
  description = "Prefix for resource names, e.g. \"clickstack-prod\"."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "name" {
  description = "Function name after the prefix: the function is <prefix>-<name>, its role <prefix>-<name>-lambda."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.name))
    error_message = "name must start with a lowercase letter, end with a letter or digit, and contain only lowercase letters, digits and hyphens."
  }

  # The IAM role is <prefix>-<name>-lambda and IAM role names stop at 64 characters (the
  # function name, 64 at most too, is shorter).
  validation {
    condition     = length("${var.prefix}-${var.name}-lambda") <= 64
    error_message = "prefix and name are too long together: \"<prefix>-<name>-lambda\" (the IAM role name) must be at most 64 characters."
  }
}

variable "account_id" {
  description = "AWS account id of the function; it builds the ARNs in the role policy (known at plan time) and is the source account every invoker must belong to."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "handler" {
  description = "Python handler as module path and function, e.g. \"firehose_transform.handler.handler\"."
  type        = string
  nullable    = false

  validation {
    condition     = length(var.handler) <= 128 && can(regex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$", var.handler))
    error_message = "handler must be a Python \"module.function\" path of at most 128 characters, e.g. \"firehose_transform.handler.handler\"."
  }
}

variable "artifact" {
  description = "The code zip already uploaded to S3: bucket, key and the base64 SHA-256 of the zip (what filebase64sha256() returns); a new hash redeploys the code."
  type = object({
    bucket        = string
    key           = string
    sha256_base64 = string
  })
  nullable = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.artifact.bucket))
    error_message = "artifact.bucket must be an S3 bucket name (3-63 lowercase letters, digits, dots or hyphens), not an ARN or s3:// URL."
  }

  validation {
    condition     = trimspace(var.artifact.key) != "" && !startswith(var.artifact.key, "/")
    error_message = "artifact.key must be the S3 object key of the zip: not empty and without a leading slash."
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9+/]{43}=$", var.artifact.sha256_base64))
    error_message = "artifact.sha256_base64 must be the base64-encoded SHA-256 of the zip: 44 characters ending in \"=\" (as filebase64sha256() returns), not a hex digest."
  }
}

variable "runtime" {
  description = "Python runtime of the function: python3.11, python3.12 or python3.13; the artifact must be built for it."
  type        = string
  default     = "python3.12"
  nullable    = false

  validation {
    condition     = contains(["python3.11", "python3.12", "python3.13"], var.runtime)
    error_message = "runtime must be python3.11, python3.12 or python3.13."
  }
}

variable "architecture" {
  description = "Instruction set of the function: arm64 (Graviton, the project's builds target it) or x86_64; native wheels in the artifact must match."
  type        = string
  default     = "arm64"
  nullable    = false

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "memory_mb" {
  description = "Memory of the function in MB (128-10240); CPU is allocated in proportion."
  type        = number
  default     = 256
  nullable    = false

  validation {
    condition     = var.memory_mb >= 128 && var.memory_mb <= 10240 && floor(var.memory_mb) == var.memory_mb
    error_message = "memory_mb must be a whole number between 128 and 10240."
  }
}

variable "timeout_seconds" {
  description = "Maximum run time of one invocation in seconds (1-900)."
  type        = number
  default     = 60
  nullable    = false

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 900 && floor(var.timeout_seconds) == var.timeout_seconds
    error_message = "timeout_seconds must be a whole number between 1 and 900."
  }
}

variable "environment" {
  description = "Environment variables of the function, encrypted at rest with kms_key_arn. Not for secrets: read those from Secrets Manager (see extra_policy_json)."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for key in keys(var.environment) : can(regex("^[A-Za-z][A-Za-z0-9_]+$", key))])
    error_message = "environment keys must be a letter followed by at least one letter, digit or underscore (Lambda's rule for variable names)."
  }

  validation {
    condition = alltrue([
      for key in keys(var.environment) : !contains([
        "_HANDLER",
        "_X_AMZN_TRACE_ID",
        "AWS_ACCESS_KEY",
        "AWS_ACCESS_KEY_ID",
        "AWS_DEFAULT_REGION",
        "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_LAMBDA_RUNTIME_API",
        "AWS_REGION",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "LAMBDA_RUNTIME_DIR",
        "LAMBDA_TASK_ROOT",
      ], key)
    ])
    error_message = "environment must not set a variable that Lambda reserves and sets itself: AWS_REGION, AWS_DEFAULT_REGION, AWS_EXECUTION_ENV, AWS_LAMBDA_FUNCTION_NAME/_MEMORY_SIZE/_VERSION, AWS_LAMBDA_INITIALIZATION_TYPE, AWS_LAMBDA_LOG_GROUP_NAME/_LOG_STREAM_NAME, AWS_LAMBDA_RUNTIME_API, AWS_ACCESS_KEY(_ID), AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, LAMBDA_TASK_ROOT, LAMBDA_RUNTIME_DIR."
  }
}

variable "kms_key_arn" {
  description = "ARN of the platform's customer managed KMS key: it encrypts the environment variables, the log group and the failure queue, and (for kinesis_source) the source stream."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "log_retention_days" {
  description = "Retention of the function's log group /aws/lambda/<prefix>-<name>, in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "tracing" {
  description = "X-Ray tracing mode: PassThrough (trace only when the caller sampled the request) or Active (sample every invocation; the role gets X-Ray write access)."
  type        = string
  default     = "PassThrough"
  nullable    = false

  validation {
    condition     = contains(["Active", "PassThrough"], var.tracing)
    error_message = "tracing must be Active or PassThrough."
  }
}

variable "vpc" {
  description = "Subnets and security groups to attach the function to (for Redis, Aurora and other private endpoints); null runs it outside any VPC."
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  default = null

  validation {
    condition = var.vpc == null || try(
      length(var.vpc.subnet_ids) >= 1 && length(var.vpc.subnet_ids) <= 16 &&
      alltrue([for id in var.vpc.subnet_ids : can(regex("^subnet-[0-9a-f]{8}([0-9a-f]{9})?$", id))]),
      false
    )
    error_message = "vpc.subnet_ids must hold 1-16 subnet ids like subnet-0123456789abcdef0."
  }

  validation {
    condition = var.vpc == null || try(
      length(var.vpc.security_group_ids) >= 1 && length(var.vpc.security_group_ids) <= 5 &&
      alltrue([for id in var.vpc.security_group_ids : can(regex("^sg-[0-9a-f]{8}([0-9a-f]{9})?$", id))]),
      false
    )
    error_message = "vpc.security_group_ids must hold 1-5 security group ids like sg-0123456789abcdef0."
  }
}

variable "reserved_concurrency" {
  description = "Concurrent executions reserved for (and capping) the function; null leaves it in the account's unreserved pool, 0 stops all invocations."
  type        = number
  default     = null

  validation {
    condition     = var.reserved_concurrency == null || try(var.reserved_concurrency >= 0 && floor(var.reserved_concurrency) == var.reserved_concurrency, false)
    error_message = "reserved_concurrency must be null or a whole number of 0 or more."
  }
}

variable "publish" {
  description = "Publish a numbered version on every code or configuration change; function_qualified_arn then names that version."
  type        = bool
  default     = false
  nullable    = false
}

variable "extra_policy_json" {
  description = "Optional IAM policy document (JSON) with the function's own least-privilege statements, e.g. secretsmanager:GetSecretValue on one secret; merged into the role's inline policy."
  type        = string
  default     = null

  validation {
    condition     = var.extra_policy_json == null || can(jsondecode(var.extra_policy_json).Statement)
    error_message = "extra_policy_json must be an IAM policy document in JSON with a Statement (e.g. data.aws_iam_policy_document.x.json), or null."
  }

  # Statements with the same Sid replace each other when documents are merged; refusing the
  # module's Sids keeps a caller's statement from silently dropping (or replacing) one of them.
  validation {
    condition = alltrue([
      for statement in flatten([try(jsondecode(var.extra_policy_json).Statement, [])]) : !contains([
        "WriteLogs",
        "DecryptEnvironment",
        "ManageVpcNetworkInterfaces",
        "WriteTraces",
        "ReadSourceStream",
        "DecryptSourceStream",
        "SendFailedBatches",
        "EncryptFailedBatches",
        "SendDeadLetters",
        "EncryptDeadLetters",
      ], try(statement.Sid, ""))
    ])
    error_message = "extra_policy_json must not use the module's statement Sids (WriteLogs, DecryptEnvironment, ManageVpcNetworkInterfaces, WriteTraces, ReadSourceStream, DecryptSourceStream, SendFailedBatches, EncryptFailedBatches, SendDeadLetters, EncryptDeadLetters)."
  }
}

variable "dead_letter_target_arn" {
  description = "Optional SQS queue or SNS topic ARN that receives events of asynchronous invocations that failed all retries; it must be unencrypted or encrypted with kms_key_arn. Synchronous callers (Firehose) and event source mappings do not use it."
  type        = string
  default     = null

  validation {
    condition     = var.dead_letter_target_arn == null || can(regex("^arn:aws[a-z-]*:(sqs|sns):[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$", var.dead_letter_target_arn))
    error_message = "dead_letter_target_arn must be an SQS queue or SNS topic ARN (arn:aws:sqs:<region>:<account>:<name> or arn:aws:sns:...), or null."
  }
}

variable "kinesis_source" {
  description = "Optional Kinesis data stream the function consumes through an event source mapping (encrypted with kms_key_arn). The handler reports partial failures (ReportBatchItemFailures); on_failure = \"sqs\" keeps batches that exhaust their retries in a <prefix>-<name>-failures queue, \"none\" drops them."
  type = object({
    stream_arn                      = string
    batch_size                      = optional(number, 100)
    maximum_batching_window_seconds = optional(number, 0)
    starting_position               = optional(string, "TRIM_HORIZON")
    bisect_batch_on_function_error  = optional(bool, true)
    maximum_retry_attempts          = optional(number, 5)
    maximum_record_age_seconds      = optional(number, -1)
    parallelization_factor          = optional(number, 1)
    on_failure                      = optional(string, "sqs")
  })
  default = null

  validation {
    condition     = var.kinesis_source == null || can(regex("^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[A-Za-z0-9_.-]+$", var.kinesis_source.stream_arn))
    error_message = "kinesis_source.stream_arn must be a Kinesis stream ARN like arn:aws:kinesis:eu-west-1:111111111111:stream/my-stream."
  }

  validation {
    condition     = var.kinesis_source == null || try(var.kinesis_source.batch_size >= 1 && var.kinesis_source.batch_size <= 10000 && floor(var.kinesis_source.batch_size) == var.kinesis_source.batch_size, false)
    error_message = "kinesis_source.batch_size must be a whole number between 1 and 10000."
  }

  validation {
    condition     = var.kinesis_source == null || try(var.kinesis_source.maximum_batching_window_seconds >= 0 && var.kinesis_source.maximum_batching_window_seconds <= 300 && floor(var.kinesis_source.maximum_batching_window_seconds) == var.kinesis_source.maximum_batching_window_seconds, false)
    error_message = "kinesis_source.maximum_batching_window_seconds must be a whole number between 0 and 300."
  }

  validation {
    condition     = var.kinesis_source == null || try(contains(["LATEST", "TRIM_HORIZON"], var.kinesis_source.starting_position), false)
    error_message = "kinesis_source.starting_position must be LATEST or TRIM_HORIZON."
  }

  validation {
    condition     = var.kinesis_source == null || try(var.kinesis_source.maximum_retry_attempts >= -1 && var.kinesis_source.maximum_retry_attempts <= 10000 && floor(var.kinesis_source.maximum_retry_attempts) == var.kinesis_source.maximum_retry_attempts, false)
    error_message = "kinesis_source.maximum_retry_attempts must be a whole number between -1 (retry until the record expires) and 10000."
  }

  validation {
    condition = var.kinesis_source == null || try(
      var.kinesis_source.maximum_record_age_seconds == -1 ||
      (var.kinesis_source.maximum_record_age_seconds >= 60 && var.kinesis_source.maximum_record_age_seconds <= 604800 && floor(var.kinesis_source.maximum_record_age_seconds) == var.kinesis_source.maximum_record_age_seconds),
      false
    )
    error_message = "kinesis_source.maximum_record_age_seconds must be -1 (no limit) or a whole number between 60 and 604800."
  }

  validation {
    condition     = var.kinesis_source == null || try(var.kinesis_source.parallelization_factor >= 1 && var.kinesis_source.parallelization_factor <= 10 && floor(var.kinesis_source.parallelization_factor) == var.kinesis_source.parallelization_factor, false)
    error_message = "kinesis_source.parallelization_factor must be a whole number between 1 and 10."
  }

  validation {
    condition     = var.kinesis_source == null || try(contains(["sqs", "none"], var.kinesis_source.on_failure), false)
    error_message = "kinesis_source.on_failure must be \"sqs\" (keep failed batches in a queue) or \"none\" (drop them)."
  }
}

variable "invokers" {
  description = "AWS service principals allowed to invoke the function, keyed by a stable name: principal (e.g. \"events.amazonaws.com\") and the exact source_arn it may call from; the source must be in account_id."
  type = map(object({
    principal  = string
    source_arn = string
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for key in keys(var.invokers) : can(regex("^[A-Za-z0-9_-]{1,64}$", key))])
    error_message = "invokers keys must be 1-64 letters, digits, underscores or hyphens (they name the permission statements)."
  }

  validation {
    condition     = alltrue([for invoker in values(var.invokers) : can(regex("^[a-z0-9.-]+\\.amazonaws\\.com$", invoker.principal))])
    error_message = "invokers principals must be AWS service principals such as \"firehose.amazonaws.com\" (accounts, roles and \"*\" are not accepted)."
  }

  validation {
    condition     = alltrue([for invoker in values(var.invokers) : can(regex("^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]{0,12}:.+$", invoker.source_arn))])
    error_message = "invokers source_arn must be the ARN of the resource that invokes the function (e.g. arn:aws:firehose:eu-west-1:111111111111:deliverystream/name)."
  }
}
