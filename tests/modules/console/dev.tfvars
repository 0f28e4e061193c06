prefix                = "clickstack-dev"
account_id            = "222222222222"
kms_key_arn           = "arn:aws:kms:eu-west-1:222222222222:key/00000000-0000-0000-0000-000000000000"
backend_function_name = "clickstack-dev-console-api"
backend_function_arn  = "arn:aws:lambda:eu-west-1:222222222222:function:clickstack-dev-console-api"
deletion_protection   = false
force_destroy         = true
auth = {
  mfa               = "OPTIONAL"
  threat_protection = "OFF"
}
