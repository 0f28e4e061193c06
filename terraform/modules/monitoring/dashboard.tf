# One dashboard: a header, the state of every alarm, then one graph per watched service in the
# order data flows (stream -> processing -> delivery -> batch -> serving), two per row.
locals {
  # ["Namespace", "Metric", "Dim1", "v1", ..., {options}]: the dashboard's metric array form.
  # Each widget's metrics are kept JSON-encoded until the body is built: their tuple types differ
  # per service, and concat() of such objects fails (a Terraform panic) once two services are on.
  kinesis_widget = var.kinesis_stream == null ? [] : [{
    title  = "Kinesis ${var.kinesis_stream.stream_name}"
    period = 60
    metrics = jsonencode([
      ["AWS/Kinesis", "IncomingRecords", "StreamName", var.kinesis_stream.stream_name, { stat = "Sum", label = "Incoming records" }],
      ["AWS/Kinesis", "WriteProvisionedThroughputExceeded", "StreamName", var.kinesis_stream.stream_name, { stat = "Sum", label = "Throttled records" }],
      ["AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", "StreamName", var.kinesis_stream.stream_name, { stat = "Maximum", label = "Iterator age (ms)", yAxis = "right" }],
    ])
  }]

  flink_widget = var.flink_application == null ? [] : [{
    title  = "Flink ${var.flink_application.application_name}"
    period = 60
    metrics = jsonencode([
      ["AWS/KinesisAnalytics", "downtime", "Application", var.flink_application.application_name, { stat = "Maximum", label = "Downtime (ms)" }],
      ["AWS/KinesisAnalytics", "fullRestarts", "Application", var.flink_application.application_name, { stat = "Maximum", label = "Restarts since start", yAxis = "right" }],
      ["AWS/KinesisAnalytics", "numberOfFailedCheckpoints", "Application", var.flink_application.application_name, { stat = "Maximum", label = "Failed checkpoints since start", yAxis = "right" }],
    ])
  }]

  lambda_widget = length(var.lambda_functions) == 0 ? [] : [{
    title  = "Lambda functions"
    period = 300
    # concat(...) rather than flatten(): each metric must stay its own array.
    metrics = jsonencode(concat([
      for key in sort(keys(var.lambda_functions)) : [
        ["AWS/Lambda", "Invocations", "FunctionName", var.lambda_functions[key].function_name, { stat = "Sum", label = "${key} invocations" }],
        ["AWS/Lambda", "Errors", "FunctionName", var.lambda_functions[key].function_name, { stat = "Sum", label = "${key} errors", yAxis = "right" }],
        ["AWS/Lambda", "Throttles", "FunctionName", var.lambda_functions[key].function_name, { stat = "Sum", label = "${key} throttles", yAxis = "right" }],
      ]
    ]...))
  }]

  firehose_widget = var.firehose == null ? [] : [{
    title  = "Firehose ${var.firehose.delivery_stream_name}"
    period = 300
    metrics = jsonencode([
      ["AWS/Firehose", "DeliveryToS3.Records", "DeliveryStreamName", var.firehose.delivery_stream_name, { stat = "Sum", label = "Records delivered to S3" }],
      ["AWS/Firehose", "DeliveryToS3.DataFreshness", "DeliveryStreamName", var.firehose.delivery_stream_name, { stat = "Maximum", label = "Oldest undelivered record (s)", yAxis = "right" }],
    ])
  }]

  glue_widget = var.glue_job == null ? [] : [{
    title  = "Glue job ${var.glue_job.job_name}"
    period = 300
    metrics = jsonencode([
      ["Glue", "glue.driver.aggregate.numCompletedTasks", "JobName", var.glue_job.job_name, "JobRunId", "ALL", "Type", "count", { stat = "Sum", label = "Completed tasks" }],
      ["Glue", "glue.driver.aggregate.numFailedTasks", "JobName", var.glue_job.job_name, "JobRunId", "ALL", "Type", "count", { stat = "Sum", label = "Failed tasks", yAxis = "right" }],
      ["AWS/Events", "TriggeredRules", "RuleName", local.glue_failure_rule_name, { stat = "Sum", label = "Failed runs", yAxis = "right" }],
    ])
  }]

  emr_dimensions = var.emr_serverless_application == null ? [] : concat(
    ["ApplicationId", var.emr_serverless_application.application_id],
    var.emr_serverless_application.application_name == null ? [] : ["ApplicationName", var.emr_serverless_application.application_name],
  )
  emr_widget = var.emr_serverless_application == null ? [] : [{
    title  = "EMR Serverless ${var.emr_serverless_application.application_id}"
    period = 300
    metrics = jsonencode([
      concat(["AWS/EMRServerless", "SuccessJobs"], local.emr_dimensions, [{ stat = "Sum", label = "Succeeded jobs" }]),
      concat(["AWS/EMRServerless", "FailedJobs"], local.emr_dimensions, [{ stat = "Sum", label = "Failed jobs" }]),
      concat(["AWS/EMRServerless", "RunningJobs"], local.emr_dimensions, [{ stat = "Maximum", label = "Running jobs" }]),
    ])
  }]

  alb_widget = var.load_balancer == null ? [] : [{
    title  = "Load balancer ${var.load_balancer.arn_suffix}"
    period = 60
    metrics = jsonencode([
      ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", var.load_balancer.arn_suffix, { stat = "Sum", label = "Requests" }],
      ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", var.load_balancer.arn_suffix, { stat = "Sum", label = "Load balancer 5xx" }],
      ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", var.load_balancer.arn_suffix, { stat = "Sum", label = "Target 5xx" }],
      ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", var.load_balancer.arn_suffix, { stat = "p99", label = "Response time p99 (s)", yAxis = "right" }],
    ])
  }]

  ecs_widget = var.ecs_service == null ? [] : [{
    title  = "ECS ${var.ecs_service.service_name}"
    period = 60
    metrics = jsonencode([
      ["AWS/ECS", "CPUUtilization", "ClusterName", var.ecs_service.cluster_name, "ServiceName", var.ecs_service.service_name, { stat = "Average", label = "CPU (%)" }],
      ["AWS/ECS", "MemoryUtilization", "ClusterName", var.ecs_service.cluster_name, "ServiceName", var.ecs_service.service_name, { stat = "Average", label = "Memory (%)" }],
    ])
  }]

  elasticache_widget = var.elasticache == null ? [] : [{
    title  = "ElastiCache memory and engine CPU"
    period = 60
    metrics = jsonencode(concat([
      for id in var.elasticache.cache_cluster_ids : [
        ["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", id, { stat = "Maximum", label = "${id} memory (%)" }],
        ["AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", id, { stat = "Maximum", label = "${id} engine CPU (%)" }],
      ]
    ]...))
  }]

  aurora_widget = var.aurora_cluster == null ? [] : [{
    title  = "Aurora ${var.aurora_cluster.cluster_identifier} writer"
    period = 60
    metrics = jsonencode([
      ["AWS/RDS", "CPUUtilization", "DBClusterIdentifier", var.aurora_cluster.cluster_identifier, "Role", "WRITER", { stat = "Average", label = "CPU (%)" }],
      ["AWS/RDS", "DatabaseConnections", "DBClusterIdentifier", var.aurora_cluster.cluster_identifier, "Role", "WRITER", { stat = "Maximum", label = "Connections", yAxis = "right" }],
    ])
  }]

  service_widgets = concat(
    local.kinesis_widget,
    local.flink_widget,
    local.lambda_widget,
    local.firehose_widget,
    local.glue_widget,
    local.emr_widget,
    local.alb_widget,
    local.ecs_widget,
    local.elasticache_widget,
    local.aurora_widget,
  )

  # Built from the names so the body is known at plan time; the dashboard waits for the alarms.
  alarm_arns = [
    for name in sort(values(local.alarm_names)) : "arn:${local.partition}:cloudwatch:${local.region}:${var.account_id}:alarm:${name}"
  ]

  header_widget = {
    type   = "text"
    x      = 0
    y      = 0
    width  = 24
    height = 2
    properties = {
      markdown = "# ${var.prefix} pipeline\nAlarms notify SNS topic `${local.topic_name}` on ALARM and OK. One graph per watched service below."
    }
  }

  alarm_widget = length(local.alarm_arns) == 0 ? [] : [{
    type   = "alarm"
    x      = 0
    y      = 2
    width  = 24
    height = 3
    properties = {
      title  = "Alarms"
      alarms = local.alarm_arns
      sortBy = "stateUpdatedTimestamp"
    }
  }]

  metric_widgets = [
    for index, widget in local.service_widgets : {
      type   = "metric"
      x      = (index % 2) * 12
      y      = 5 + floor(index / 2) * 6
      width  = 12
      height = 6
      properties = {
        title   = widget.title
        region  = local.region
        view    = "timeSeries"
        stacked = false
        period  = widget.period
        metrics = jsondecode(widget.metrics)
      }
    }
  ]

  dashboard_body = jsonencode({
    widgets = concat([local.header_widget], local.alarm_widget, local.metric_widgets)
  })
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = local.dashboard_name
  dashboard_body = local.dashboard_body

  depends_on = [aws_cloudwatch_metric_alarm.this, aws_cloudwatch_metric_alarm.math]
}
