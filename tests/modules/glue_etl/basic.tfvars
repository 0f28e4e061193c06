prefix      = "clickstack-test"
kms_key_arn = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
script = {
  bucket = "clickstack-test-111111111111-artifacts"
  key    = "artifacts/glue/sessionize/0b231bc7b6e059e8.py"
}
raw              = { bucket = "clickstack-test-111111111111-raw" }
curated          = { bucket = "clickstack-test-111111111111-curated" }
artifacts_bucket = "clickstack-test-111111111111-artifacts"
