prefix                = "clickstack-test"
account_id            = "111111111111"
kms_key_arn           = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
backend_function_name = "clickstack-test-console-api"
backend_function_arn  = "arn:aws:lambda:eu-west-1:111111111111:function:clickstack-test-console-api"
auth = {
  callback_urls = ["https://console.example.com/", "http://console.example.com/callback"]
}
