prefix        = "clickstack-test"
kms_key_arn   = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
base_capacity = 32
max_capacity  = 128

database_name  = "warehouse"
admin_username = "dwh_admin"

# Prod-like: enhanced VPC routing over three zones, two client groups allowed on 5439.
enhanced_vpc_routing = true
subnet_ids           = ["subnet-0a0a0a0a0a0a0a0a0", "subnet-0b0b0b0b0b0b0b0b0", "subnet-0d0d0d0d0d0d0d0d0"]
vpc_id               = "vpc-0c0c0c0c0c0c0c0c0"
allowed_security_group_ids = {
  bi_tools = "sg-0e0e0e0e0e0e0e0e0"
  bastion  = "sg-0f0f0f0f0f0f0f0f0"
}

glue_database_name   = "clickstream_test"
external_schema_name = "clickstream"
lake = {
  bucket_arns = [
    "arn:aws:s3:::clickstack-test-111111111111-raw",
    "arn:aws:s3:::clickstack-test-111111111111-curated",
  ]
}

usage_limit = {
  rpu_hours_per_day = 200
  breach_action     = "deactivate"
}
log_retention_days = 731
