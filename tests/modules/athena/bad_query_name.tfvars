prefix              = "clickstack-test"
results_bucket_name = "clickstack-test-111111111111-query-results"
kms_key_arn         = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
database_name       = "clickstack_test"

named_queries = {
  "daily active users" = {
    description = "Spaces are not allowed in a name."
    query       = "SELECT 1"
  }
}
