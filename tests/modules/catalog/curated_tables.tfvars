prefix              = "clickstack-test"
raw_bucket_name     = "clickstack-test-raw-111111111111"
curated_bucket_name = "clickstack-test-111111111111-curated"

columns = [
  { name = "received_at", type = "bigint" },
  { name = "event", type = "struct<event_id:string,user_id:string>" },
]

# Two of the Glue job's outputs; the generator renders the real ones from the contract.
curated_tables = {
  curated_events = {
    prefix      = "events"
    description = "Valid, de-duplicated events."
    columns = [
      { name = "event_id", type = "string", comment = "Dedup key." },
      { name = "event_time", type = "bigint" },
      { name = "properties", type = "map<string,string>" },
    ]
  }
  sessions = {
    prefix      = "daily/sessions"
    description = "One row per session."
    columns = [
      { name = "session_key", type = "string" },
      { name = "start", type = "timestamp" },
      { name = "end", type = "timestamp" },
    ]
  }
}
