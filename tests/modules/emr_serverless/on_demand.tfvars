prefix       = "clickstack-dev"
kms_key_arn  = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
architecture = "X86_64"
initial_capacity = {
  driver   = { workers = 0 }
  executor = { workers = 0 }
}
maximum_capacity = {
  cpu       = 8
  memory_gb = 32
  disk_gb   = 100
}
auto_stop_idle_minutes = 1
raw = {
  bucket = "clickstack-dev-111111111111-raw"
}
curated = {
  bucket = "clickstack-dev-111111111111-curated"
}
job_scripts = {
  bucket = "clickstack-dev-111111111111-artifacts"
  prefix = "artifacts/glue/sessionize"
}
glue_database_name = "clickstack_dev"
