# Batches that still fail after bisecting and retrying are sent here (a record of the shard,
# sequence numbers and error, not the data) so they can be replayed from the stream while it
# still retains them.
resource "aws_sqs_queue" "failures" {
  count = local.failure_queue ? 1 : 0

  name                              = local.failure_queue_name
  message_retention_seconds         = 1209600 # 14 days, the SQS maximum
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_lambda_event_source_mapping" "kinesis" {
  count = local.kinesis ? 1 : 0

  function_name     = aws_lambda_function.this.arn
  event_source_arn  = var.kinesis_source.stream_arn
  starting_position = var.kinesis_source.starting_position

  batch_size                         = var.kinesis_source.batch_size
  maximum_batching_window_in_seconds = var.kinesis_source.maximum_batching_window_seconds
  parallelization_factor             = var.kinesis_source.parallelization_factor

  # The handler returns batchItemFailures, so only the failed record and those after it in
  # the shard are retried; bisecting isolates a record that makes the whole batch fail.
  function_response_types        = ["ReportBatchItemFailures"]
  bisect_batch_on_function_error = var.kinesis_source.bisect_batch_on_function_error
  maximum_retry_attempts         = var.kinesis_source.maximum_retry_attempts
  maximum_record_age_in_seconds  = var.kinesis_source.maximum_record_age_seconds

  dynamic "destination_config" {
    for_each = local.failure_queue ? [aws_sqs_queue.failures[0].arn] : []
    content {
      on_failure {
        destination_arn = destination_config.value
      }
    }
  }

  # Lambda checks that the role can read the stream when the mapping is created.
  depends_on = [aws_iam_role_policy.this]
}
