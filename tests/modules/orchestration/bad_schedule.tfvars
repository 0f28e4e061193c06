prefix          = "clickstack-test"
kms_key_arn     = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
glue_job_name   = "clickstack-test-sessionize"
alarm_topic_arn = "arn:aws:sns:eu-west-1:111111111111:clickstack-test-alarms"
schedule = {
  expression = "cron(30 1 * * *)"
}
