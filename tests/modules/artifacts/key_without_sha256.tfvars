bucket_name = "clickstack-test-111111111111-artifacts"
kms_key_arn = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"

# A fixed key: every build would overwrite the same object, so nothing could tell which code
# a function runs or keep the previous build until its consumers have moved on.
artifacts = {
  "lambda/hello" = {
    file   = "files/lambda_hello.zip"
    key    = "artifacts/lambda/hello/latest.zip"
    sha256 = "5d03a5b74b4d50d13da171ac47c39494b7e976ed14c960c29fdb4ca3294a0c39"
  }
}
