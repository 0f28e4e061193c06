prefix                = "clickstack-test"
account_id            = "111111111111"
athena_workgroup_name = "clickstack-test"

# One owner; no service role policy rendered.
principals = {
  data_team = { arn = "arn:aws:quicksight:us-east-1:111111111111:group/default/data-team" }
}
