prefix       = "clickstack-test"
account_id   = "111111111111"
kms_key_arn  = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
alarm_emails = ["ops@example.com", "data-oncall@example.com"]

# What the orchestration module's alarm_topic_policy_json looks like: its failure rule may publish.
topic_policy_documents = [
  <<-EOT
  {
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "ClickstackTestBatchFailureRule",
        "Effect": "Allow",
        "Action": "sns:Publish",
        "Resource": "arn:aws:sns:eu-west-1:111111111111:clickstack-test-alarms",
        "Principal": { "Service": "events.amazonaws.com" },
        "Condition": {
          "ArnEquals": { "aws:SourceArn": "arn:aws:events:eu-west-1:111111111111:rule/clickstack-test-batch-failures" }
        }
      }
    ]
  }
  EOT
]

kinesis_stream = {
  stream_name               = "clickstack-test-events"
  iterator_age_threshold_ms = 600000
}
firehose = {
  delivery_stream_name = "clickstack-test-events-to-lake"
}
lambda_functions = {
  profile_updater = {
    function_name    = "clickstack-test-profile-updater"
    errors_threshold = 5
  }
  firehose_transform = {
    function_name = "clickstack-test-firehose-transform"
  }
}
flink_application = {
  application_name = "clickstack-test-realtime-metrics"
}
glue_job = {
  job_name               = "clickstack-test-sessionize"
  failed_tasks_threshold = 10
}
emr_serverless_application = {
  application_id   = "00fabcdexample01"
  application_name = "clickstack-test-backfill"
}
load_balancer = {
  arn_suffix                                 = "app/clickstack-test-console/0123456789abcdef"
  target_response_time_p99_threshold_seconds = 2
}
ecs_service = {
  cluster_name = "clickstack-test"
  service_name = "clickstack-test-console"
}
elasticache = {
  cache_cluster_ids        = ["clickstack-test-cache-001", "clickstack-test-cache-002", "clickstack-test-cache-003"]
  memory_threshold_percent = 75
}
aurora_cluster = {
  cluster_identifier = "clickstack-test-users"
}
