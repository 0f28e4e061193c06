prefix     = "clickstack-test"
mode       = "provisioned"
subnet_ids = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3"]
vpc_id     = "vpc-0123456789abcdef0"
allowed_security_group_ids = {
  ingest = "sg-0123456789abcdef0"
  flink  = "sg-0fedcba9876543210"
}
kms_key_arn            = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
topic_name             = "clickstream.events"
consumer_group_pattern = "clickstack-test-flink"
producer_creates_topic = true
provisioned = {
  kafka_version       = "3.7.x.kraft"
  instance_type       = "kafka.m7g.large"
  brokers_per_az      = 2
  ebs_volume_size     = 500
  enhanced_monitoring = "PER_TOPIC_PER_BROKER"
  server_properties = {
    "num.partitions"      = "12"
    "log.retention.hours" = "72"
  }
}
log_retention_days = 365
