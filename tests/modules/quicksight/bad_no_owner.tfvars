prefix                = "clickstack-test"
account_id            = "111111111111"
athena_workgroup_name = "clickstack-test"

# Only viewers: nobody could edit, share or delete the data source.
principals = {
  marketing = { arn = "arn:aws:quicksight:us-east-1:111111111111:group/default/marketing", actions = "viewer" }
}
