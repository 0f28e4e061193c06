prefix = "clickstack-test"
name   = "clicks"
capacity = {
  mode        = "PROVISIONED"
  shard_count = 4
}
retention_hours     = 168
kms_key_arn         = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
shard_level_metrics = ["IncomingRecords", "WriteProvisionedThroughputExceeded"]
