variable "prefix" {
  description = "Name prefix for every resource, e.g. \"clickstack-prod\": the topic is <prefix>-alarms, alarms are <prefix>-<alarm key>, the dashboard is <prefix>-pipeline."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.prefix))
    error_message = "prefix must be 2-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "account_id" {
  description = "AWS account id of the monitored resources; only CloudWatch alarms and EventBridge rules of this account (aws:SourceAccount) may publish to the topic."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "kms_key_arn" {
  description = "ARN of the platform's customer managed KMS key that encrypts the topic. Its key policy must let cloudwatch.amazonaws.com and events.amazonaws.com use it (see the kms_key_policy_json output), or alarm notifications are dropped."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN like arn:aws:kms:eu-west-1:111111111111:key/<key-id> (an alias ARN is not accepted)."
  }
}

variable "alarm_emails" {
  description = "Email addresses subscribed to the topic; each must confirm the subscription from the mail AWS sends. Empty: no subscription (add chat or paging integrations to the topic elsewhere)."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for email in var.alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", email))])
    error_message = "alarm_emails must be email addresses like ops@example.com."
  }

  validation {
    condition     = length(distinct([for email in var.alarm_emails : lower(email)])) == length(var.alarm_emails)
    error_message = "alarm_emails must not list an address twice."
  }
}

variable "topic_policy_documents" {
  description = "IAM policy documents (JSON) merged into the topic policy, for publishers the built-in statements (this account's <prefix>-* alarms and rules) do not cover or that bring their own statement, e.g. the orchestration module's alarm_topic_policy_json for its failure rule."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for document in var.topic_policy_documents : can(jsondecode(document).Statement)])
    error_message = "topic_policy_documents must be IAM policy documents in JSON with a Statement (e.g. data.aws_iam_policy_document.x.json)."
  }

  # Statements with the same Sid replace each other when documents are merged.
  validation {
    condition = alltrue(flatten([
      for document in var.topic_policy_documents : [
        for statement in flatten([try(jsondecode(document).Statement, [])]) :
        !contains(["CloudWatchAlarmsPublish", "EventBridgeRulesPublish"], try(statement.Sid, ""))
      ]
    ]))
    error_message = "topic_policy_documents must not use the module's statement Sids (CloudWatchAlarmsPublish, EventBridgeRulesPublish)."
  }
}

variable "kinesis_stream" {
  description = "Kinesis data stream to watch (null: no alarms): consumers falling behind (GetRecords.IteratorAgeMilliseconds maximum above iterator_age_threshold_ms for 5 minutes) and producers being throttled (WriteProvisionedThroughputExceeded records above write_throttled_threshold in each of 5 minutes)."
  type = object({
    stream_name               = string
    iterator_age_threshold_ms = optional(number, 300000)
    write_throttled_threshold = optional(number, 0)
  })
  default = null

  validation {
    condition     = var.kinesis_stream == null ? true : can(regex("^[A-Za-z0-9_.-]{1,128}$", var.kinesis_stream.stream_name))
    error_message = "kinesis_stream.stream_name must be a stream name (1-128 letters, digits, _ . -), not an ARN."
  }

  validation {
    condition     = var.kinesis_stream == null ? true : var.kinesis_stream.iterator_age_threshold_ms >= 1000 && var.kinesis_stream.write_throttled_threshold >= 0
    error_message = "kinesis_stream.iterator_age_threshold_ms must be at least 1000 and write_throttled_threshold 0 or more."
  }
}

variable "firehose" {
  description = "Firehose delivery stream to watch (null: no alarm): the oldest record not yet delivered to S3 (DeliveryToS3.DataFreshness maximum) older than data_freshness_threshold_seconds. The default (1200) is above the longest buffering interval (900 s), so normal buffering never raises it."
  type = object({
    delivery_stream_name             = string
    data_freshness_threshold_seconds = optional(number, 1200)
  })
  default = null

  validation {
    condition     = var.firehose == null ? true : can(regex("^[A-Za-z0-9_.-]{1,64}$", var.firehose.delivery_stream_name))
    error_message = "firehose.delivery_stream_name must be a delivery stream name (1-64 letters, digits, _ . -), not an ARN."
  }

  validation {
    condition     = var.firehose == null ? true : var.firehose.data_freshness_threshold_seconds >= 60
    error_message = "firehose.data_freshness_threshold_seconds must be at least 60."
  }
}

variable "lambda_functions" {
  description = "Lambda functions to watch, keyed by a stable name (e.g. profile_updater): function_name, and the Errors and Throttles counts in 5 minutes above which each alarm fires (default 0: any)."
  type = map(object({
    function_name       = string
    errors_threshold    = optional(number, 0)
    throttles_threshold = optional(number, 0)
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for key in keys(var.lambda_functions) : can(regex("^[a-z][a-z0-9_]{0,39}$", key))])
    error_message = "lambda_functions keys must be 1-40 lowercase letters, digits or underscores starting with a letter (they become part of alarm names)."
  }

  validation {
    condition     = alltrue([for fn in values(var.lambda_functions) : can(regex("^[A-Za-z0-9_-]{1,64}$", fn.function_name))])
    error_message = "lambda_functions function_name must be a function name (1-64 letters, digits, _ or -), not an ARN."
  }

  validation {
    condition     = alltrue([for fn in values(var.lambda_functions) : fn.errors_threshold >= 0 && fn.throttles_threshold >= 0])
    error_message = "lambda_functions errors_threshold and throttles_threshold must be 0 or more."
  }
}

variable "flink_application" {
  description = "Managed Service for Apache Flink application to watch (null: no alarms): downtime (ms the job has been failing or restarting, above downtime_threshold_ms for 3 minutes; a stopped application reports nothing, which also counts as down, so leave this null while start_application is false) and checkpoints that failed within 5 minutes (above failed_checkpoints_threshold)."
  type = object({
    application_name             = string
    downtime_threshold_ms        = optional(number, 0)
    failed_checkpoints_threshold = optional(number, 0)
  })
  default = null

  validation {
    condition     = var.flink_application == null ? true : can(regex("^[A-Za-z0-9_.-]{1,128}$", var.flink_application.application_name))
    error_message = "flink_application.application_name must be an application name (1-128 letters, digits, _ . -), not an ARN."
  }

  validation {
    condition     = var.flink_application == null ? true : var.flink_application.downtime_threshold_ms >= 0 && var.flink_application.failed_checkpoints_threshold >= 0
    error_message = "flink_application.downtime_threshold_ms and failed_checkpoints_threshold must be 0 or more."
  }
}

variable "glue_job" {
  description = "Glue job to watch (null: no alarms): failed runs (an EventBridge rule matching the job's FAILED, TIMEOUT and ERROR state changes, counted by its TriggeredRules metric) and failed Spark tasks (glue.driver.aggregate.numFailedTasks, which needs --enable-metrics; the glue_etl module sets it), each above its threshold within 5 minutes."
  type = object({
    job_name               = string
    failed_runs_threshold  = optional(number, 0)
    failed_tasks_threshold = optional(number, 0)
  })
  default = null

  validation {
    condition     = var.glue_job == null ? true : can(regex("^[A-Za-z0-9_.-]{1,255}$", var.glue_job.job_name))
    error_message = "glue_job.job_name must be a job name (letters, digits, _ . -), not an ARN."
  }

  validation {
    condition     = var.glue_job == null ? true : var.glue_job.failed_runs_threshold >= 0 && var.glue_job.failed_tasks_threshold >= 0
    error_message = "glue_job.failed_runs_threshold and failed_tasks_threshold must be 0 or more."
  }
}

variable "emr_serverless_application" {
  description = "EMR Serverless application to watch (null: no alarm): FailedJobs within 5 minutes above failed_jobs_threshold. Set application_name for EMR releases 7.10 and later, whose metrics carry ApplicationId and ApplicationName; leave it null for older releases (ApplicationId only)."
  type = object({
    application_id        = string
    application_name      = optional(string)
    failed_jobs_threshold = optional(number, 0)
  })
  default = null

  validation {
    condition     = var.emr_serverless_application == null ? true : can(regex("^[0-9a-z]{1,64}$", var.emr_serverless_application.application_id))
    error_message = "emr_serverless_application.application_id must be an application id (lowercase letters and digits, e.g. 00f1abcdexample), not its name or ARN."
  }

  validation {
    condition     = var.emr_serverless_application == null ? true : var.emr_serverless_application.failed_jobs_threshold >= 0
    error_message = "emr_serverless_application.failed_jobs_threshold must be 0 or more."
  }
}

variable "load_balancer" {
  description = "Application Load Balancer to watch (null: no alarms): 5xx responses the load balancer itself returned (HTTPCode_ELB_5XX_Count in 5 minutes above elb_5xx_threshold) and the p99 of TargetResponseTime above target_response_time_p99_threshold_seconds for 3 of 5 minutes."
  type = object({
    arn_suffix                                 = string
    elb_5xx_threshold                          = optional(number, 10)
    target_response_time_p99_threshold_seconds = optional(number, 1)
  })
  default = null

  validation {
    condition     = var.load_balancer == null ? true : can(regex("^app/[A-Za-z0-9-]{1,32}/[0-9a-f]+$", var.load_balancer.arn_suffix))
    error_message = "load_balancer.arn_suffix must be the ALB's arn_suffix, app/<name>/<id> (the CloudWatch LoadBalancer dimension), not its full ARN."
  }

  validation {
    condition     = var.load_balancer == null ? true : var.load_balancer.elb_5xx_threshold >= 0 && var.load_balancer.target_response_time_p99_threshold_seconds > 0
    error_message = "load_balancer.elb_5xx_threshold must be 0 or more and target_response_time_p99_threshold_seconds above 0."
  }
}

variable "ecs_service" {
  description = "ECS service to watch (null: no alarm): average CPUUtilization of its tasks above cpu_threshold_percent for 3 of 5-minute periods."
  type = object({
    cluster_name          = string
    service_name          = string
    cpu_threshold_percent = optional(number, 80)
  })
  default = null

  validation {
    condition     = var.ecs_service == null ? true : can(regex("^[A-Za-z0-9_-]{1,255}$", var.ecs_service.cluster_name)) && can(regex("^[A-Za-z0-9_-]{1,255}$", var.ecs_service.service_name))
    error_message = "ecs_service.cluster_name and service_name must be names (letters, digits, _ or -), not ARNs."
  }

  validation {
    condition     = var.ecs_service == null ? true : var.ecs_service.cpu_threshold_percent > 0 && var.ecs_service.cpu_threshold_percent <= 100
    error_message = "ecs_service.cpu_threshold_percent must be above 0 and at most 100."
  }
}

variable "elasticache" {
  description = "ElastiCache (Valkey/Redis OSS) replication group to watch (null: no alarm): the highest DatabaseMemoryUsagePercentage of its nodes above memory_threshold_percent for 3 of 5-minute periods. cache_cluster_ids are the group's member clusters (one per node, <replication group id>-001, -002, ...); ElastiCache publishes the metric per node."
  type = object({
    cache_cluster_ids        = list(string)
    memory_threshold_percent = optional(number, 80)
  })
  default = null

  validation {
    condition     = var.elasticache == null ? true : length(var.elasticache.cache_cluster_ids) >= 1 && length(var.elasticache.cache_cluster_ids) <= 6 && length(distinct(var.elasticache.cache_cluster_ids)) == length(var.elasticache.cache_cluster_ids)
    error_message = "elasticache.cache_cluster_ids must list 1-6 distinct member clusters (a primary and up to 5 replicas)."
  }

  validation {
    condition     = var.elasticache == null ? true : alltrue([for id in var.elasticache.cache_cluster_ids : can(regex("^[a-z][a-z0-9-]{0,49}$", id))])
    error_message = "elasticache.cache_cluster_ids must be cache cluster ids like clickstack-prod-cache-001 (lowercase letters, digits and hyphens)."
  }

  validation {
    condition     = var.elasticache == null ? true : var.elasticache.memory_threshold_percent > 0 && var.elasticache.memory_threshold_percent <= 100
    error_message = "elasticache.memory_threshold_percent must be above 0 and at most 100."
  }
}

variable "aurora_cluster" {
  description = "Aurora cluster to watch (null: no alarm): average CPUUtilization of the writer (DBClusterIdentifier with Role WRITER, so it follows a failover) above cpu_threshold_percent for 3 of 5-minute periods."
  type = object({
    cluster_identifier    = string
    cpu_threshold_percent = optional(number, 80)
  })
  default = null

  validation {
    condition     = var.aurora_cluster == null ? true : can(regex("^[a-z][a-z0-9-]{0,62}$", var.aurora_cluster.cluster_identifier))
    error_message = "aurora_cluster.cluster_identifier must be a cluster identifier like clickstack-prod-users (lowercase letters, digits and hyphens), not an ARN."
  }

  validation {
    condition     = var.aurora_cluster == null ? true : var.aurora_cluster.cpu_threshold_percent > 0 && var.aurora_cluster.cpu_threshold_percent <= 100
    error_message = "aurora_cluster.cpu_threshold_percent must be above 0 and at most 100."
  }
}
