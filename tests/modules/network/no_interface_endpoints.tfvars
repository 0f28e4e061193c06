prefix             = "clickstack-test"
account_id         = "111111111111"
availability_zones = ["eu-west-1a", "eu-west-1b"]
cidr_block         = "10.40.0.0/20"
kms_key_arn        = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
interface_endpoints = {
  kinesis_streams = false
  secretsmanager  = false
  logs            = false
  glue            = false
}
