prefix              = "clickstack-test"
name                = "metrics"
runtime_environment = "FLINK-1_20"
code = {
  bucket_arn     = "arn:aws:s3:::clickstack-test-artifacts-111111111111"
  key            = "artifacts/flink/realtime_metrics/16a92a09fac9683e26fada888e59cf4e41869354bb64574f3ee7c32ca81b1d08.zip"
  object_version = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"
  jarfile        = "lib/pyflink-dependencies.jar"
}
input_stream_arn     = "arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-test-events"
input_start_position = "TRIM_HORIZON"
output_stream_arns = {
  metrics     = "arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-test-metrics"
  errors      = "arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-test-metrics-errors"
  late_events = "arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-test-late-events"
}
metrics_settings = {
  watermark_delay_ms     = 10000
  top_pages_limit        = 20
  source_idle_timeout_ms = 30000
}
parallelism = {
  initial     = 4
  per_kpu     = 2
  autoscaling = true
}
checkpointing = {
  interval_ms  = 30000
  min_pause_ms = 10000
}
vpc = {
  subnet_ids         = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
  security_group_ids = ["sg-0123456789abcdef0"]
}
log_retention_days = 365
log_level          = "WARN"
kms_key_arn        = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
start_application  = true
snapshots_enabled  = true
