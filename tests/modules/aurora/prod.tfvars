prefix         = "clickstack-test"
engine_version = "16.6"
instances      = 3
min_acu        = 1
max_acu        = 16
subnet_ids     = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3"]
vpc_id         = "vpc-0123456789abcdef0"
allowed_security_group_ids = {
  profile_updater = "sg-0123456789abcdef0"
  api             = "sg-0fedcba9876543210"
}
kms_key_arn           = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
backup_retention_days = 35
deletion_protection   = true
skip_final_snapshot   = false
performance_insights  = true
iam_auth              = true
log_retention_days    = 731
