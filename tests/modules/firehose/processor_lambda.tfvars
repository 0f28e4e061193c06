prefix                 = "clickstack-test"
name                   = "clicks"
source_stream_arn      = "arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-test-events"
kms_key_arn            = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
destination_bucket_arn = "arn:aws:s3:::clickstack-test-raw-111111111111"
events_prefix          = "raw/events"
errors_prefix          = "raw/errors"
buffering = {
  size_mb          = 128
  interval_seconds = 60
}
compression          = "UNCOMPRESSED"
processor_lambda_arn = "arn:aws:lambda:eu-west-1:111111111111:function:clickstack-test-enrich"
log_retention_days   = 365
