prefix              = "clickstack-test"
results_bucket_name = "clickstack-test-111111111111-query-results"
kms_key_arn         = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
database_name       = "clickstack_test"

named_queries = {
  daily_active_users = {
    description = "Distinct users per day."
    query       = <<-SQL
      SELECT dt, count(DISTINCT user_id) AS users
      FROM "clickstack_test"."curated_events"
      GROUP BY dt
    SQL
  }
  "errors.by-reason" = {
    description = "Processing errors by reason."
    query       = "SELECT reason, count(*) FROM \"clickstack_test\".\"processing_errors\" GROUP BY reason"
  }
}
