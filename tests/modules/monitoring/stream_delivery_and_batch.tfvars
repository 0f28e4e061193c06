prefix      = "clickstack-test"
account_id  = "111111111111"
kms_key_arn = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"

kinesis_stream = {
  stream_name = "clickstack-test-events"
}
firehose = {
  delivery_stream_name = "clickstack-test-raw-events"
}
lambda_functions = {
  firehose_transform = {
    function_name = "clickstack-test-firehose-transform"
  }
}
glue_job = {
  job_name = "clickstack-test-sessionize"
}
