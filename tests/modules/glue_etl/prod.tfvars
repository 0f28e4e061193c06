prefix            = "clickstack-prod"
name              = "sessionize-daily"
kms_key_arn       = "arn:aws:kms:eu-west-1:222222222222:key/11111111-2222-3333-4444-555555555555"
worker_type       = "G.2X"
number_of_workers = 10
timeout_minutes   = 240
max_retries       = 2

script = {
  bucket = "clickstack-prod-222222222222-artifacts"
  key    = "artifacts/glue/sessionize/0b231bc7b6e059e8.py"
}
raw = {
  bucket = "clickstack-prod-222222222222-raw"
  prefix = "raw/events"
}
curated = {
  bucket          = "clickstack-prod-222222222222-curated"
  events_prefix   = "curated/events"
  sessions_prefix = "curated/sessions"
  errors_prefix   = "curated/errors"
}
artifacts_bucket    = "clickstack-prod-222222222222-artifacts"
session_gap_minutes = 45
log_retention_days  = 365

# Runs are started by an orchestrator (or by hand with --dt), not by a Glue schedule.
schedule = null

glue_database_name = "clickstack_prod"
