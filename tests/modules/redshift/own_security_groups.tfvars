prefix      = "clickstack-test"
kms_key_arn = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"

# The network team's security group instead of the module's own.
subnet_ids         = ["subnet-0a0a0a0a0a0a0a0a0", "subnet-0b0b0b0b0b0b0b0b0", "subnet-0d0d0d0d0d0d0d0d0"]
security_group_ids = ["sg-01010101010101010"]

glue_database_name = "clickstack_test"
lake = {
  bucket_arns = ["arn:aws:s3:::clickstack-test-111111111111-curated"]
}
