prefix      = "clickstack-test"
kms_key_arn = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"

# Enhanced VPC routing (the default) needs three subnets in three zones; two are refused.
subnet_ids = ["subnet-0a0a0a0a0a0a0a0a0", "subnet-0b0b0b0b0b0b0b0b0"]
vpc_id     = "vpc-0c0c0c0c0c0c0c0c0"

glue_database_name = "clickstack_test"
lake = {
  bucket_arns = ["arn:aws:s3:::clickstack-test-111111111111-raw"]
}
