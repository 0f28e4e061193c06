prefix                     = "clickstack-test"
mode                       = "provisioned"
subnet_ids                 = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]
vpc_id                     = "vpc-0123456789abcdef0"
allowed_security_group_ids = { ingest = "sg-0123456789abcdef0" }
kms_key_arn                = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
provisioned = {
  kafka_version = "2.8.1"
}
