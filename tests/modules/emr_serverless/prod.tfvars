prefix        = "clickstack-prod"
name          = "sessionize"
kms_key_arn   = "arn:aws:kms:eu-central-1:222222222222:key/11111111-2222-3333-4444-555555555555"
release_label = "emr-7.9.0"
initial_capacity = {
  driver = {
    workers   = 1
    cpu       = 4
    memory_gb = 16
  }
  executor = {
    workers   = 4
    cpu       = 8
    memory_gb = 32
    disk_gb   = 100
  }
}
maximum_capacity = {
  cpu       = 100
  memory_gb = 400
  disk_gb   = 2000
}
auto_stop_idle_minutes = 30
network = {
  subnet_ids         = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]
  security_group_ids = ["sg-0123456789abcdef0"]
}
raw = {
  bucket = "clickstack-prod-222222222222-raw"
  prefix = "raw/events"
}
curated = {
  bucket   = "clickstack-prod-222222222222-curated"
  prefixes = ["curated/events", "curated/sessions"]
}
job_scripts = {
  bucket = "clickstack-prod-222222222222-artifacts"
  prefix = "artifacts/emr"
}
glue_database_name = "clickstack_prod"
log_retention_days = 365
