prefix      = "clickstack-test"
name        = "firehose-transform"
account_id  = "111111111111"
handler     = "firehose_transform.handler.handler"
kms_key_arn = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
artifact = {
  bucket        = "clickstack-test-111111111111-artifacts"
  key           = "artifacts/lambda/firehose_transform/a20d25e5d847404f7635a79b8a30d88db8b7fa9c1b987aa347361da6a475ee52.zip"
  sha256_base64 = "og0l5dhHQE92NaebijDYjbi3+pwbmHqjRzYdpqR17lI="
}

# Lambda sets AWS_REGION itself; CreateFunction would reject it at apply.
environment = {
  LOG_LEVEL  = "INFO"
  AWS_REGION = "eu-west-1"
}
