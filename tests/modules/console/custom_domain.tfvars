prefix                = "clickstack-test"
account_id            = "111111111111"
kms_key_arn           = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
backend_function_name = "clickstack-test-console-api"
backend_function_arn  = "arn:aws:lambda:eu-west-1:111111111111:function:clickstack-test-console-api"
custom_domain = {
  aliases             = ["console.example.com"]
  acm_certificate_arn = "arn:aws:acm:us-east-1:111111111111:certificate/11111111-2222-3333-4444-555555555555"
}
price_class = "PriceClass_All"
access_logs = {
  bucket = "clickstack-test-111111111111-cdn-logs"
}
web_acl_arn             = "arn:aws:wafv2:us-east-1:111111111111:global/webacl/clickstack-test-console/00000000-0000-0000-0000-000000000000"
content_security_policy = "default-src 'self'; connect-src 'self' https://clickstack-test-console.auth.eu-west-1.amazoncognito.com; frame-ancestors 'none'; object-src 'none'"
auth = {
  hosted_ui_domain_prefix       = "clickstack-test-console"
  callback_urls                 = ["http://localhost:5173/"]
  logout_urls                   = ["http://localhost:5173/"]
  threat_protection             = "AUDIT"
  access_token_validity_minutes = 30
  id_token_validity_minutes     = 30
  refresh_token_validity_days   = 7
}
api_throttling = {
  rate_limit  = 20
  burst_limit = 40
}
log_retention_days = 731
