prefix                     = "clickstack-test"
account_id                 = "111111111111"
kms_key_arn                = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
load_balancer_log_prefixes = ["alb/clickstack-test-fleet"]
