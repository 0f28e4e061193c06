bucket_name = "clickstack-test-111111111111-artifacts"
kms_key_arn = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"

# The manifest names a file that is not there (build/ cleaned, or never packaged).
artifacts = {
  "lambda/hello" = {
    file   = "files/lambda_hello.zip"
    key    = "artifacts/lambda/hello/5d03a5b74b4d50d13da171ac47c39494b7e976ed14c960c29fdb4ca3294a0c39.zip"
    sha256 = "5d03a5b74b4d50d13da171ac47c39494b7e976ed14c960c29fdb4ca3294a0c39"
  }
  "glue/sessionize" = {
    file   = "files/glue-sessionize-7d3e178a6fb3c19e.py"
    key    = "artifacts/glue/sessionize/7d3e178a6fb3c19ef2062498b4b0cb0c7bd401f3c667f5e6ed5cfb1d5b09729a.py"
    sha256 = "7d3e178a6fb3c19ef2062498b4b0cb0c7bd401f3c667f5e6ed5cfb1d5b09729a"
  }
}
