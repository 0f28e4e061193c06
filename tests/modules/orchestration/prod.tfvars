prefix      = "clickstack-prod"
name        = "nightly"
kms_key_arn = "arn:aws:kms:eu-central-1:222222222222:key/11111111-2222-3333-4444-555555555555"
engine      = "emr_serverless"
emr_serverless = {
  application_id = "00fabcdefghij012"
  job_role_arn   = "arn:aws:iam::222222222222:role/clickstack-prod-sessionize-emr-job"
  entry_point    = "s3://clickstack-prod-222222222222-artifacts/artifacts/glue/sessionize/0b231bc7b6e059e8.py"
  entry_point_arguments = [
    "--raw_path", "s3://clickstack-prod-222222222222-raw/events",
    "--curated_path", "s3://clickstack-prod-222222222222-curated/events",
  ]
  spark_submit_parameters   = "--conf spark.executor.cores=8 --conf spark.executor.memory=28g"
  log_group_name            = "/aws/emr-serverless/clickstack-prod-sessionize"
  execution_timeout_minutes = 180
}
redshift = {
  workgroup_name        = "clickstack-prod"
  workgroup_arn         = "arn:aws:redshift-serverless:eu-central-1:222222222222:workgroup/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
  database              = "analytics"
  sql                   = "CALL marts.refresh_daily(:processing_date)"
  poll_interval_seconds = 60
}
alarm_topic_arn = "arn:aws:sns:eu-central-1:222222222222:clickstack-prod-alarms"
schedule = {
  expression = "cron(30 3 * * ? *)"
  timezone   = "Europe/Berlin"
}
timeout_minutes    = 360
log_retention_days = 365
