prefix              = "clickstack-test"
raw_bucket_name     = "clickstack-test-raw-111111111111"
curated_bucket_name = "clickstack-test-111111111111-curated"
columns             = [{ name = "received_at", type = "bigint" }]

# Two tables over one folder would read each other's files.
curated_tables = {
  sessions = {
    prefix      = "daily"
    description = "Sessions."
    columns     = [{ name = "session_key", type = "string" }]
  }
  curated_events = {
    prefix      = "daily"
    description = "Events."
    columns     = [{ name = "event_id", type = "string" }]
  }
}
