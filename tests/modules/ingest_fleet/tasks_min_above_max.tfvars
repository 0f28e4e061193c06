prefix             = "clickstack-test"
account_id         = "111111111111"
vpc_id             = "vpc-0123456789abcdef0"
private_subnet_ids = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]
public_subnet_ids  = ["subnet-0ccccccccccccccc3", "subnet-0ddddddddddddddd4"]
stream_arn         = "arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-test-events"
kms_key_arn        = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
certificate_arn    = "arn:aws:acm:eu-west-1:111111111111:certificate/11111111-2222-3333-4444-555555555555"
access_logs        = { bucket = "clickstack-test-111111111111-access-logs" }
image              = "111111111111.dkr.ecr.eu-west-1.amazonaws.com/clickstack-test-fleet:1.0.0"
tasks              = { min = 4, max = 2 }
