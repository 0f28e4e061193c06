prefix                = "clickstack-test"
account_id            = "111111111111"
athena_workgroup_name = "clickstack-test"

# An owner group, a viewer group and a federated viewer user (user names may contain slashes).
principals = {
  data_team = { arn = "arn:aws:quicksight:us-east-1:111111111111:group/default/data-team" }
  marketing = { arn = "arn:aws:quicksight:us-east-1:111111111111:group/default/marketing", actions = "viewer" }
  jane      = { arn = "arn:aws:quicksight:us-east-1:111111111111:user/default/AnalystRole/jane", actions = "viewer" }
}

service_role_access = {
  glue_database_name = "clickstack_test"
  lake_bucket_arns = [
    "arn:aws:s3:::clickstack-test-111111111111-raw",
    "arn:aws:s3:::clickstack-test-111111111111-curated",
  ]
  results_bucket_arn = "arn:aws:s3:::clickstack-test-111111111111-query-results"
  kms_key_arn        = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
}
