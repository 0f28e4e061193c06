prefix      = "clickstack-test"
account_id  = "111111111111"
kms_key_arn = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
retention = {
  raw_days                = 90
  query_results_days      = 7
  noncurrent_version_days = 3
}
force_destroy = true
