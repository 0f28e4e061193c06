prefix                = "clickstack-test"
account_id            = "11111111111"
athena_workgroup_name = "clickstack-test"

principals = {
  data_team = { arn = "arn:aws:quicksight:us-east-1:111111111111:group/default/data-team" }
}
