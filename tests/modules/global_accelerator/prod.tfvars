prefix                  = "clickstack-test"
alb_arn                 = "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/clickstack-test-ingest/0123456789abcdef"
alb_region              = "us-east-1"
ports                   = [443, 80]
client_affinity         = "SOURCE_IP"
traffic_dial_percentage = 50
health_check = {
  protocol         = "HTTPS"
  port             = 443
  path             = "/healthz"
  interval_seconds = 10
  threshold_count  = 2
}
flow_logs = {
  enabled   = true
  s3_bucket = "clickstack-test-logs"
}
