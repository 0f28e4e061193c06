prefix = "clickstack-test"
code = {
  bucket_arn = "arn:aws:s3:::clickstack-test-artifacts-111111111111"
  key        = "artifacts/flink/realtime_metrics/16a92a09fac9683e26fada888e59cf4e41869354bb64574f3ee7c32ca81b1d08.zip"
}
input_stream_arn = "arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-test-events"
output_stream_arns = {
  metrics     = "arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-test-metrics"
  errors      = "arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-test-metrics-errors"
  late_events = "arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-test-late-events"
}
kms_key_arn       = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
start_application = true
