prefix        = "clickstack-test"
kms_key_arn   = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
glue_job_name = "clickstack-test-sessionize"
redshift = {
  workgroup_name = "clickstack-test"
  workgroup_arn  = "clickstack-test"
  database       = "analytics"
  sql            = "CALL marts.refresh_daily(:processing_date)"
}
alarm_topic_arn = "arn:aws:sns:eu-west-1:111111111111:clickstack-test-alarms"
