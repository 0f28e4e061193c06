prefix     = "clickstack-test"
alb_arn    = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/clickstack-test-ingest/0123456789abcdef"
alb_region = "eu-west-1"
flow_logs = {
  enabled = true
}
