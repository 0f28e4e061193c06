prefix             = "clickstack-test"
account_id         = "111111111111"
availability_zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
cidr_block         = "10.30.0.0/16"
kms_key_arn        = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
nat = {
  mode = "per_az"
}
consumers = {
  flink           = "Managed Flink sessionization application"
  profile_updater = "Lambda that updates user profiles in Redis and Aurora"
  glue            = "Glue jobs that compact the curated zone"
}
# Glue refuses a VPC connection whose security group does not admit itself on all TCP ports.
self_referencing_consumers = ["glue"]
flow_log_retention_days    = 731
