prefix      = "clickstack-test"
kms_key_arn = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
raw = {
  bucket = "clickstack-test-111111111111-raw"
}
curated = {
  bucket = "clickstack-test-111111111111-curated"
}
job_scripts = {
  bucket = "clickstack-test-111111111111-artifacts"
  prefix = "artifacts/glue/sessionize"
}
glue_database_name = "clickstack_test"
initial_capacity = {
  executor = {
    workers = 4
  }
}
