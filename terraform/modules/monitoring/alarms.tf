# One alarm per (service, signal), created only when its target is given. Every alarm fires when
# its metric is above the threshold (GreaterThanThreshold) and notifies the topic on ALARM and on
# OK. treat_missing_data is chosen per metric: most AWS metrics here are only published while
# something happens (an invocation, a write, a job run), so a gap means "nothing went wrong" and is
# notBreaching; a gap counts as breaching only where a healthy system always reports; "missing"
# keeps the alarm's state where a gap is better shown as INSUFFICIENT_DATA than judged.
locals {
  kinesis_alarms = var.kinesis_stream == null ? {} : {
    "kinesis-iterator-age" = {
      description = "Consumers of Kinesis stream ${var.kinesis_stream.stream_name} are behind: the oldest record read (GetRecords.IteratorAgeMilliseconds, maximum) was older than ${var.kinesis_stream.iterator_age_threshold_ms} ms for 5 minutes. Records expire at the end of the retention period."
      namespace   = "AWS/Kinesis"
      metric_name = "GetRecords.IteratorAgeMilliseconds"
      dimensions  = tomap({ StreamName = var.kinesis_stream.stream_name })
      statistic   = "Maximum"
      percentile  = null
      period      = 60
      evaluations = 5
      datapoints  = 5
      threshold   = var.kinesis_stream.iterator_age_threshold_ms
      # Every consumer (Lambda event source mapping, Firehose, Flink) polls GetRecords about
      # every second even on an idle stream, so no data means nobody is reading: breaching.
      treat_missing_data = "breaching"
    }
    "kinesis-write-throttled" = {
      description = "Producers of Kinesis stream ${var.kinesis_stream.stream_name} are throttled: more than ${var.kinesis_stream.write_throttled_threshold} records per minute rejected (WriteProvisionedThroughputExceeded) in each of 5 minutes. Add shards or switch to on-demand."
      namespace   = "AWS/Kinesis"
      metric_name = "WriteProvisionedThroughputExceeded"
      dimensions  = tomap({ StreamName = var.kinesis_stream.stream_name })
      statistic   = "Sum"
      percentile  = null
      period      = 60
      evaluations = 5
      datapoints  = 5
      threshold   = var.kinesis_stream.write_throttled_threshold
      # Published only for minutes with writes: no writes, nothing throttled.
      treat_missing_data = "notBreaching"
    }
  }

  firehose_alarms = var.firehose == null ? {} : {
    "firehose-data-freshness" = {
      description = "Firehose ${var.firehose.delivery_stream_name} is late delivering to S3: its oldest undelivered record (DeliveryToS3.DataFreshness, maximum) was older than ${var.firehose.data_freshness_threshold_seconds} s. Check the delivery error log group and the transform Lambda."
      namespace   = "AWS/Firehose"
      metric_name = "DeliveryToS3.DataFreshness"
      dimensions  = tomap({ DeliveryStreamName = var.firehose.delivery_stream_name })
      statistic   = "Maximum"
      percentile  = null
      period      = 300
      evaluations = 1
      datapoints  = 1
      threshold   = var.firehose.data_freshness_threshold_seconds
      # Nothing buffered is nothing late. A delivery stream that stops reading its source shows
      # up in the stream's iterator-age alarm instead.
      treat_missing_data = "notBreaching"
    }
  }

  lambda_alarms = merge([
    for key, fn in var.lambda_functions : {
      "lambda-${key}-errors" = {
        description = "Lambda ${fn.function_name} (${key}) failed more than ${fn.errors_threshold} invocations in 5 minutes (Errors). See its log group /aws/lambda/${fn.function_name}."
        namespace   = "AWS/Lambda"
        metric_name = "Errors"
        dimensions  = tomap({ FunctionName = fn.function_name })
        statistic   = "Sum"
        percentile  = null
        period      = 300
        evaluations = 1
        datapoints  = 1
        threshold   = fn.errors_threshold
        # Published only when the function is invoked: no invocations, no errors.
        treat_missing_data = "notBreaching"
      }
      "lambda-${key}-throttles" = {
        description = "Lambda ${fn.function_name} (${key}) was throttled more than ${fn.throttles_threshold} times in 5 minutes (Throttles): reserved or account concurrency is exhausted."
        namespace   = "AWS/Lambda"
        metric_name = "Throttles"
        dimensions  = tomap({ FunctionName = fn.function_name })
        statistic   = "Sum"
        percentile  = null
        period      = 300
        evaluations = 1
        datapoints  = 1
        threshold   = fn.throttles_threshold
        # Published only when the function is invoked.
        treat_missing_data = "notBreaching"
      }
    }
  ]...)

  flink_alarms = var.flink_application == null ? {} : {
    "flink-downtime" = {
      description = "Flink application ${var.flink_application.application_name} is down: it has been failing or restarting (downtime above ${var.flink_application.downtime_threshold_ms} ms) or reported nothing for 3 minutes, so real-time metrics are not produced. See its log group."
      namespace   = "AWS/KinesisAnalytics"
      metric_name = "downtime"
      dimensions  = tomap({ Application = var.flink_application.application_name })
      statistic   = "Average"
      percentile  = null
      period      = 60
      evaluations = 3
      datapoints  = 3
      threshold   = var.flink_application.downtime_threshold_ms
      # A running application reports downtime every minute (0 when healthy); a stopped one
      # reports nothing, and for an always-on job that is an outage too: breaching.
      treat_missing_data = "breaching"
    }
  }

  glue_failure_rule_name = "${var.prefix}-glue-job-failed"

  glue_alarms = var.glue_job == null ? {} : {
    "glue-failed-runs" = {
      description = "A run of Glue job ${var.glue_job.job_name} ended FAILED, TIMEOUT or ERROR (more than ${var.glue_job.failed_runs_threshold} in 5 minutes, counted by EventBridge rule ${local.glue_failure_rule_name}). The run history in the Glue console has the error message."
      namespace   = "AWS/Events"
      metric_name = "TriggeredRules"
      dimensions  = tomap({ RuleName = local.glue_failure_rule_name })
      statistic   = "Sum"
      percentile  = null
      period      = 300
      evaluations = 1
      datapoints  = 1
      threshold   = var.glue_job.failed_runs_threshold
      # EventBridge publishes TriggeredRules only when the rule matched, i.e. a run failed.
      treat_missing_data = "notBreaching"
    }
    "glue-failed-tasks" = {
      description = "Glue job ${var.glue_job.job_name} had more than ${var.glue_job.failed_tasks_threshold} failed Spark tasks in 5 minutes (glue.driver.aggregate.numFailedTasks). Spark retries them, but repeated failures point to bad input, skew or memory pressure before the run fails."
      namespace   = "Glue"
      metric_name = "glue.driver.aggregate.numFailedTasks"
      dimensions  = tomap({ JobName = var.glue_job.job_name, JobRunId = "ALL", Type = "count" })
      statistic   = "Sum"
      percentile  = null
      period      = 300
      evaluations = 1
      datapoints  = 1
      threshold   = var.glue_job.failed_tasks_threshold
      # Job metrics exist only while a run is active; between scheduled runs there is nothing.
      treat_missing_data = "notBreaching"
    }
  }

  emr_alarms = var.emr_serverless_application == null ? {} : {
    "emr-serverless-failed-jobs" = {
      description = "More than ${var.emr_serverless_application.failed_jobs_threshold} job runs of EMR Serverless application ${var.emr_serverless_application.application_id} failed in 5 minutes (FailedJobs). The job run's state details and logs say why."
      namespace   = "AWS/EMRServerless"
      metric_name = "FailedJobs"
      dimensions = tomap(merge(
        { ApplicationId = var.emr_serverless_application.application_id },
        var.emr_serverless_application.application_name == null ? {} : { ApplicationName = var.emr_serverless_application.application_name },
      ))
      statistic   = "Sum"
      percentile  = null
      period      = 300
      evaluations = 1
      datapoints  = 1
      threshold   = var.emr_serverless_application.failed_jobs_threshold
      # Published only while the application is started; a stopped application runs no jobs.
      treat_missing_data = "notBreaching"
    }
  }

  alb_alarms = var.load_balancer == null ? {} : {
    "alb-5xx" = {
      description = "Load balancer ${var.load_balancer.arn_suffix} itself returned more than ${var.load_balancer.elb_5xx_threshold} 5xx responses in 5 minutes (HTTPCode_ELB_5XX_Count): no healthy target, targets refusing connections or timing out."
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_ELB_5XX_Count"
      dimensions  = tomap({ LoadBalancer = var.load_balancer.arn_suffix })
      statistic   = "Sum"
      percentile  = null
      period      = 300
      evaluations = 1
      datapoints  = 1
      threshold   = var.load_balancer.elb_5xx_threshold
      # Elastic Load Balancing publishes response-code counts only when they are non-zero.
      treat_missing_data = "notBreaching"
    }
    "alb-target-response-time-p99" = {
      description = "The slowest 1% of responses behind load balancer ${var.load_balancer.arn_suffix} took longer than ${var.load_balancer.target_response_time_p99_threshold_seconds} s (TargetResponseTime p99) in 3 of 5 minutes."
      namespace   = "AWS/ApplicationELB"
      metric_name = "TargetResponseTime"
      dimensions  = tomap({ LoadBalancer = var.load_balancer.arn_suffix })
      statistic   = null
      percentile  = "p99"
      period      = 60
      evaluations = 5
      datapoints  = 3
      threshold   = var.load_balancer.target_response_time_p99_threshold_seconds
      # No requests, no response times.
      treat_missing_data = "notBreaching"
    }
  }

  ecs_alarms = var.ecs_service == null ? {} : {
    "ecs-cpu" = {
      description = "ECS service ${var.ecs_service.service_name} (cluster ${var.ecs_service.cluster_name}) averaged more than ${var.ecs_service.cpu_threshold_percent}% CPU (CPUUtilization) for 3 of 5-minute periods: scale out or give tasks more CPU."
      namespace   = "AWS/ECS"
      metric_name = "CPUUtilization"
      dimensions  = tomap({ ClusterName = var.ecs_service.cluster_name, ServiceName = var.ecs_service.service_name })
      statistic   = "Average"
      percentile  = null
      period      = 300
      evaluations = 3
      datapoints  = 3
      threshold   = var.ecs_service.cpu_threshold_percent
      # Reported every minute while tasks run. A gap (no running task, late data) is not CPU
      # pressure; the load balancer alarms catch an unavailable service. Keep the state.
      treat_missing_data = "missing"
    }
  }

  aurora_alarms = var.aurora_cluster == null ? {} : {
    "aurora-cpu" = {
      description = "The writer of Aurora cluster ${var.aurora_cluster.cluster_identifier} averaged more than ${var.aurora_cluster.cpu_threshold_percent}% CPU (CPUUtilization) for 3 of 5-minute periods: look at Performance Insights for the top statements, or scale the writer up."
      namespace   = "AWS/RDS"
      metric_name = "CPUUtilization"
      # Role=WRITER follows the writer across failovers; instance ids would not.
      dimensions  = tomap({ DBClusterIdentifier = var.aurora_cluster.cluster_identifier, Role = "WRITER" })
      statistic   = "Average"
      percentile  = null
      period      = 300
      evaluations = 3
      datapoints  = 3
      threshold   = var.aurora_cluster.cpu_threshold_percent
      # Reported every minute while the writer runs (not while a serverless v2 cluster is paused
      # at 0 ACU). A gap is not CPU pressure: keep the state.
      treat_missing_data = "missing"
    }
  }

  metric_alarms = merge(
    local.kinesis_alarms,
    local.firehose_alarms,
    local.lambda_alarms,
    local.flink_alarms,
    local.glue_alarms,
    local.emr_alarms,
    local.alb_alarms,
    local.ecs_alarms,
    local.aurora_alarms,
  )

  # Alarms on a metric math expression (e1) over the metrics m1, m2, ...
  flink_math_alarms = var.flink_application == null ? {} : {
    "flink-failed-checkpoints" = {
      description = "Flink application ${var.flink_application.application_name} failed more than ${var.flink_application.failed_checkpoints_threshold} checkpoints in 5 minutes. numberOfFailedCheckpoints counts since the job started, so the alarm watches its increase (DIFF). Failing checkpoints mean a restart replays from an old position."
      expression  = "DIFF(m1)"
      label       = "Checkpoints failed in the period"
      metrics = {
        m1 = {
          namespace   = "AWS/KinesisAnalytics"
          metric_name = "numberOfFailedCheckpoints"
          dimensions  = tomap({ Application = var.flink_application.application_name })
          stat        = "Maximum"
        }
      }
      period      = 300
      evaluations = 1
      datapoints  = 1
      threshold   = var.flink_application.failed_checkpoints_threshold
      # No data while the application is down; the downtime alarm reports that.
      treat_missing_data = "notBreaching"
    }
  }

  elasticache_math_alarms = var.elasticache == null ? {} : {
    "elasticache-memory" = {
      description = "A node of ElastiCache ${join(", ", var.elasticache.cache_cluster_ids)} used more than ${var.elasticache.memory_threshold_percent}% of its memory for data (DatabaseMemoryUsagePercentage, highest node) for 3 of 5-minute periods. With maxmemory-policy noeviction, writes fail when it reaches 100%."
      expression  = "MAX([${join(",", [for i in range(length(var.elasticache.cache_cluster_ids)) : "m${i + 1}"])}])"
      label       = "Highest node memory usage (%)"
      metrics = {
        for i, id in var.elasticache.cache_cluster_ids : "m${i + 1}" => {
          namespace   = "AWS/ElastiCache"
          metric_name = "DatabaseMemoryUsagePercentage"
          dimensions  = tomap({ CacheClusterId = id })
          stat        = "Maximum"
        }
      }
      period      = 300
      evaluations = 3
      datapoints  = 3
      threshold   = var.elasticache.memory_threshold_percent
      # Nodes report every minute; a gap is a late datapoint or a node being replaced (which
      # ElastiCache events report), not memory pressure: keep the state.
      treat_missing_data = "missing"
    }
  }

  math_alarms = merge(local.flink_math_alarms, local.elasticache_math_alarms)

  alarm_names = {
    for key in concat(keys(local.metric_alarms), keys(local.math_alarms)) : key => "${var.prefix}-${key}"
  }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.metric_alarms

  alarm_name          = local.alarm_names[each.key]
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric_name
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  extended_statistic  = each.value.percentile
  period              = each.value.period
  evaluation_periods  = each.value.evaluations
  datapoints_to_alarm = each.value.datapoints
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  treat_missing_data  = each.value.treat_missing_data

  actions_enabled = true
  alarm_actions   = [local.topic_arn]
  ok_actions      = [local.topic_arn]

  # The topic and the policy that lets CloudWatch publish exist before any alarm can fire.
  depends_on = [aws_sns_topic_policy.this]
}

resource "aws_cloudwatch_metric_alarm" "math" {
  for_each = local.math_alarms

  alarm_name          = local.alarm_names[each.key]
  alarm_description   = each.value.description
  evaluation_periods  = each.value.evaluations
  datapoints_to_alarm = each.value.datapoints
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  treat_missing_data  = each.value.treat_missing_data

  actions_enabled = true
  alarm_actions   = [local.topic_arn]
  ok_actions      = [local.topic_arn]

  metric_query {
    id          = "e1"
    expression  = each.value.expression
    label       = each.value.label
    return_data = true
  }

  dynamic "metric_query" {
    for_each = each.value.metrics
    content {
      id          = metric_query.key
      return_data = false

      metric {
        namespace   = metric_query.value.namespace
        metric_name = metric_query.value.metric_name
        dimensions  = metric_query.value.dimensions
        period      = each.value.period
        stat        = metric_query.value.stat
      }
    }
  }

  # The topic and the policy that lets CloudWatch publish exist before any alarm can fire.
  depends_on = [aws_sns_topic_policy.this]
}

# Glue reports job-run state changes to EventBridge, not as a CloudWatch metric. This rule has no
# target: it matches the job's failed runs so that EventBridge counts them in its TriggeredRules
# metric (the glue-failed-runs alarm), and the alarm notifies the topic. This catches runs that
# fail before any Spark task does (script errors, timeouts, capacity), which
# glue.driver.aggregate.numFailedTasks never sees.
resource "aws_cloudwatch_event_rule" "glue_job_failed" {
  count = var.glue_job == null ? 0 : 1

  name        = local.glue_failure_rule_name
  description = "Failed, timed-out and errored runs of Glue job ${var.glue_job.job_name} (counted for the ${var.prefix}-glue-failed-runs alarm)."
  event_pattern = jsonencode({
    source        = ["aws.glue"]
    "detail-type" = ["Glue Job State Change"]
    detail = {
      jobName = [var.glue_job.job_name]
      state   = ["FAILED", "TIMEOUT", "ERROR"]
    }
  })
}
