prefix          = "clickstack-test"
raw_bucket_name = "clickstack-test-raw-111111111111"
columns         = [{ name = "received_at", type = "bigint" }]

curated_tables = {
  sessions = {
    prefix      = "sessions"
    description = "Sessions."
    columns     = [{ name = "dt", type = "string" }]
  }
}
