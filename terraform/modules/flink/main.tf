locals {
  name = "${var.prefix}-${var.name}"

  # The application runs in the input stream's account and region, so its ARN tells both
  # without an AWS call (plans run offline).
  stream_arn_parts = split(":", var.input_stream_arn)
  partition        = local.stream_arn_parts[1]
  region           = local.stream_arn_parts[3]
  account_id       = local.stream_arn_parts[4]

  # Built rather than read from the application so the role's trust policy can name it.
  application_arn = "arn:${local.partition}:kinesisanalytics:${local.region}:${local.account_id}:application/${local.name}"

  code_object_arn = "${var.code.bucket_arn}/${var.code.key}"

  # The packager (generator/package.py) puts flink/main.py at the root of the zip, next to the
  # realtime_metrics/ package it imports.
  python_entry_point = "main.py"

  # Runtime properties, exactly the groups and keys flink/realtime_metrics/config.py reads. Stream
  # groups leave `connector` unset (the job defaults to kinesis) and never set `format` (the job
  # refuses it); every other key goes to the Kinesis connector unchanged.
  output_groups = {
    MetricsOutputStream    = var.output_stream_arns.metrics
    ErrorsOutputStream     = var.output_stream_arns.errors
    LateEventsOutputStream = var.output_stream_arns.late_events
  }

  property_groups = merge(
    {
      "kinesis.analytics.flink.run.options" = merge(
        { python = local.python_entry_point },
        var.code.jarfile == null ? {} : { jarfile = var.code.jarfile },
      )
      InputStream = {
        "stream.arn"           = var.input_stream_arn
        "aws.region"           = local.region
        "source.init.position" = var.input_start_position
      }
      MetricsSettings = {
        "watermark.delay.ms"     = tostring(var.metrics_settings.watermark_delay_ms)
        "max.clock.skew.ms"      = tostring(var.metrics_settings.max_clock_skew_ms)
        "top.pages.limit"        = tostring(var.metrics_settings.top_pages_limit)
        "source.idle.timeout.ms" = tostring(var.metrics_settings.source_idle_timeout_ms)
      }
    },
    {
      for group, arn in local.output_groups : group => {
        "stream.arn" = arn
        "aws.region" = local.region
      }
    },
  )
}

resource "aws_kinesisanalyticsv2_application" "this" {
  name                   = local.name
  description            = "clickstack real-time metrics (PyFlink) from ${var.input_stream_arn}."
  runtime_environment    = var.runtime_environment
  service_execution_role = aws_iam_role.this.arn
  start_application      = var.start_application

  application_configuration {
    application_code_configuration {
      code_content_type = "ZIPFILE"

      code_content {
        s3_content_location {
          bucket_arn     = var.code.bucket_arn
          file_key       = var.code.key
          object_version = var.code.object_version
        }
      }
    }

    application_snapshot_configuration {
      snapshots_enabled = var.snapshots_enabled
    }

    environment_properties {
      dynamic "property_group" {
        for_each = local.property_groups
        content {
          property_group_id = property_group.key
          property_map      = property_group.value
        }
      }
    }

    flink_application_configuration {
      # CUSTOM: with DEFAULT, Managed Flink ignores the values below and uses its own.
      checkpoint_configuration {
        configuration_type            = "CUSTOM"
        checkpointing_enabled         = true
        checkpoint_interval           = var.checkpointing.interval_ms
        min_pause_between_checkpoints = var.checkpointing.min_pause_ms
      }

      monitoring_configuration {
        configuration_type = "CUSTOM"
        log_level          = var.log_level
        # Application-level metrics (uptime, downtime, checkpoints, KPUs, millisBehindLatest)
        # are what alarms need; TASK/OPERATOR/PARALLELISM multiply the CloudWatch metric count.
        metrics_level = "APPLICATION"
      }

      parallelism_configuration {
        configuration_type   = "CUSTOM"
        parallelism          = var.parallelism.initial
        parallelism_per_kpu  = var.parallelism.per_kpu
        auto_scaling_enabled = var.parallelism.autoscaling
      }
    }

    dynamic "vpc_configuration" {
      for_each = var.vpc == null ? [] : [var.vpc]
      content {
        subnet_ids         = vpc_configuration.value.subnet_ids
        security_group_ids = vpc_configuration.value.security_group_ids
      }
    }
  }

  cloudwatch_logging_options {
    log_stream_arn = local.log_stream_arn
  }

  # Managed Flink checks that its role can read the code and write the log stream when the
  # application is created; the policy and the stream must exist first.
  depends_on = [aws_iam_role_policy.this, aws_cloudwatch_log_stream.this]
}
