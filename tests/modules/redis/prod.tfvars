prefix         = "clickstack-test"
engine_version = "8.1"
node_type      = "cache.r7g.large"
replicas       = 2
multi_az       = true
subnet_ids     = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3"]
vpc_id         = "vpc-0123456789abcdef0"
allowed_security_group_ids = {
  profile_updater = "sg-0123456789abcdef0"
  api             = "sg-0fedcba9876543210"
}
kms_key_arn             = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
access_string           = "on ~clickstack:* -@all +@read +@write +@scripting +@connection -@dangerous"
snapshot_retention_days = 14
maintenance_window      = "tue:02:00-tue:03:00"
log_retention_days      = 365
