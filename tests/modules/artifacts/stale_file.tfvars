bucket_name = "clickstack-test-111111111111-artifacts"
kms_key_arn = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"

# Key and sha256 agree, but the file holds other bytes (the Glue script's): uploading it would
# put different content under a key that names this digest.
artifacts = {
  "lambda/hello" = {
    file   = "files/glue_hello.py"
    key    = "artifacts/lambda/hello/5d03a5b74b4d50d13da171ac47c39494b7e976ed14c960c29fdb4ca3294a0c39.zip"
    sha256 = "5d03a5b74b4d50d13da171ac47c39494b7e976ed14c960c29fdb4ca3294a0c39"
  }
}
