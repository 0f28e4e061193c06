prefix            = "clickstack-test"
resource_arns     = {}
rate_limit_per_ip = 2000
kms_key_arn       = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
