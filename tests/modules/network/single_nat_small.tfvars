prefix     = "clickstack-test"
account_id = "111111111111"
# Out of order on purpose: ranges follow the zone letter, the NAT gateway the first zone by name.
availability_zones = ["eu-west-1c", "eu-west-1a", "eu-west-1b"]
cidr_block         = "192.168.10.0/24"
kms_key_arn        = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
nat = {
  mode = "single"
}
interface_endpoints = {
  secretsmanager = false
  glue           = false
}
consumers = {
  profile_updater = "Profile updater"
}
flow_log_retention_days = 30
