prefix        = "clickstack-stage"
kms_key_arn   = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
glue_job_name = "clickstack-stage-sessionize"
date_argument = "--processing_date"
redshift = {
  workgroup_name = "clickstack-stage"
  workgroup_arn  = "arn:aws:redshift-serverless:eu-west-1:111111111111:workgroup/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
  database       = "analytics"
  sql            = "REFRESH MATERIALIZED VIEW marts.daily_sessions"
}
alarm_topic_arn = "arn:aws:sns:eu-west-1:111111111111:clickstack-stage-alarms"
schedule = {
  enabled = false
}
