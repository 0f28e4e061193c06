prefix = "clickstack-test"
resource_arns = {
  api = "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/live"
}
rate_limit_per_ip  = 100
max_body_bytes     = 4096
kms_key_arn        = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
log_retention_days = 90
