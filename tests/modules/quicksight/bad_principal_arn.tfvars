prefix                = "clickstack-test"
account_id            = "111111111111"
athena_workgroup_name = "clickstack-test"

# An IAM role ARN is not a QuickSight principal.
principals = {
  analysts = { arn = "arn:aws:iam::111111111111:role/Analysts" }
}
