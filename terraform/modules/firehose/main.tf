locals {
  name = "${var.prefix}-${var.name}"

  # A Kinesis source must be in the delivery stream's account and region, so its ARN tells both
  # without an AWS call (plans run offline).
  stream_arn_parts = split(":", var.source_stream_arn)
  partition        = local.stream_arn_parts[1]
  region           = local.stream_arn_parts[3]
  account_id       = local.stream_arn_parts[4]

  log_group_name  = "/aws/kinesisfirehose/${local.name}"
  log_stream_name = "S3Delivery"
  # Built rather than read from the log stream so the role policy is known at plan time.
  log_stream_arn = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${local.log_group_name}:log-stream:${local.log_stream_name}"

  s3_prefix       = "${var.events_prefix}/dt=!{timestamp:yyyy-MM-dd}/hr=!{timestamp:HH}/"
  s3_error_prefix = "${var.errors_prefix}/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/"

  # Only the Lambda ARN: the provider keeps no processor parameter whose value is AWS's default
  # (BufferSizeInMBs 1, BufferIntervalInSeconds 60, NumberOfRetries 3, RoleArn) in state, so
  # writing a default explicitly shows as a change on every plan (seen against the local AWS).
  lambda_processors = var.processor_lambda_arn == null ? [] : [{
    type = "Lambda"
    parameters = {
      LambdaArn = var.processor_lambda_arn
    }
  }]

  # The API writes one JSON document per record without a newline; the delimiter makes the
  # objects newline-delimited JSON for the Glue/Athena JsonSerDe. It runs after the Lambda so a
  # transformation cannot drop it.
  processors = concat(local.lambda_processors, [{
    type       = "AppendDelimiterToRecord"
    parameters = {}
  }])
}

resource "aws_kinesis_firehose_delivery_stream" "this" {
  name        = local.name
  destination = "extended_s3"

  # Server-side encryption is not available with a Kinesis source: the records stay encrypted by
  # the source stream's key and by kms_key_arn on the S3 objects.
  kinesis_source_configuration {
    kinesis_stream_arn = var.source_stream_arn
    role_arn           = aws_iam_role.this.arn
  }

  extended_s3_configuration {
    role_arn            = aws_iam_role.this.arn
    bucket_arn          = var.destination_bucket_arn
    prefix              = local.s3_prefix
    error_output_prefix = local.s3_error_prefix
    buffering_size      = var.buffering.size_mb
    buffering_interval  = var.buffering.interval_seconds
    compression_format  = var.compression
    kms_key_arn         = var.kms_key_arn

    cloudwatch_logging_options {
      enabled         = true
      log_group_name  = aws_cloudwatch_log_group.this.name
      log_stream_name = aws_cloudwatch_log_stream.this.name
    }

    processing_configuration {
      enabled = true

      dynamic "processors" {
        for_each = local.processors
        content {
          type = processors.value.type

          dynamic "parameters" {
            for_each = processors.value.parameters
            content {
              parameter_name  = parameters.key
              parameter_value = parameters.value
            }
          }
        }
      }
    }
  }

  # Firehose checks its role's permissions when the stream is created; without this it can see
  # the role before the policy is attached and fail.
  depends_on = [aws_iam_role_policy.this]
}
