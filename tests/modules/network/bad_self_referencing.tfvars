prefix             = "clickstack-test"
account_id         = "111111111111"
availability_zones = ["eu-west-1a", "eu-west-1b"]
cidr_block         = "10.20.0.0/16"
kms_key_arn        = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
consumers = {
  flink = "Managed Flink application"
}
self_referencing_consumers = ["glue"]
