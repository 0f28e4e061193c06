prefix = "clickstack-test"
resource_arns = {
  api = "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/v1"
  alb = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/clickstack-test-ingest/50dc6c495c0c9188"
}
rate_limit_per_ip = 2000
max_body_bytes    = 8192
kms_key_arn       = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
