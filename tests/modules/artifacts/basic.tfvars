# A Lambda zip and a Glue script, as clickstack passes them from build/artifacts/manifest.json
# (files/ is tests/modules/artifacts/files/, copied next to the module for the plan).
bucket_name = "clickstack-test-111111111111-artifacts"
kms_key_arn = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
artifacts = {
  "lambda/hello" = {
    file   = "files/lambda_hello.zip"
    key    = "artifacts/lambda/hello/5d03a5b74b4d50d13da171ac47c39494b7e976ed14c960c29fdb4ca3294a0c39.zip"
    sha256 = "5d03a5b74b4d50d13da171ac47c39494b7e976ed14c960c29fdb4ca3294a0c39"
  }
  "glue/hello" = {
    file   = "files/glue_hello.py"
    key    = "artifacts/glue/hello/8a00c0b01e6672231ce0c534dbbfd49b1ea89f76229cad0cf90c0266497f699b.py"
    sha256 = "8a00c0b01e6672231ce0c534dbbfd49b1ea89f76229cad0cf90c0266497f699b"
  }
}
