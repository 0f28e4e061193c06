prefix     = "clickstack-test"
alb_arn    = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/clickstack-test-ingest/0123456789abcdef"
alb_region = "eu-west-1"
