# The profile updater: reads the event stream inside the VPC (Redis, Aurora), keeps failed
# batches in an SQS queue, reads the database secret; everything on.
prefix     = "clickstack-test"
name       = "profile-updater"
account_id = "111111111111"
handler    = "profile_updater.handler.handler"
artifact = {
  bucket        = "clickstack-test-111111111111-artifacts"
  key           = "artifacts/lambda/profile_updater/28610d83703bd6a9f1dbd56230ac7fe0771567f00b440eeee7c80e5b94773c55.zip"
  sha256_base64 = "KGENg3A71qnx29ViMKx/4HcVZ/ALRA7u58gOW5R3PFU="
}
runtime            = "python3.13"
architecture       = "arm64"
memory_mb          = 512
timeout_seconds    = 120
kms_key_arn        = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
log_retention_days = 90
tracing            = "Active"
publish            = true
environment = {
  REDIS_URL           = "rediss://clickstack-test.abc123.cache.amazonaws.com:6379/0"
  PGHOST              = "clickstack-test.cluster-abc123.eu-west-1.rds.amazonaws.com"
  DATABASE_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:clickstack-test/aurora-AbCdEf"
  LOG_LEVEL           = "INFO"
}
vpc = {
  subnet_ids         = ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60718"]
  security_group_ids = ["sg-0c1d2e3f4a5b60718"]
}
reserved_concurrency   = 20
extra_policy_json      = <<-JSON
  {
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "ReadDatabaseSecret",
        "Effect": "Allow",
        "Action": "secretsmanager:GetSecretValue",
        "Resource": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:clickstack-test/aurora-AbCdEf"
      }
    ]
  }
JSON
dead_letter_target_arn = "arn:aws:sqs:eu-west-1:111111111111:clickstack-test-async-dlq"
kinesis_source = {
  stream_arn                      = "arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-test-events"
  batch_size                      = 500
  maximum_batching_window_seconds = 5
  starting_position               = "TRIM_HORIZON"
  maximum_retry_attempts          = 10
  maximum_record_age_seconds      = 86400
  parallelization_factor          = 2
  on_failure                      = "sqs"
}
