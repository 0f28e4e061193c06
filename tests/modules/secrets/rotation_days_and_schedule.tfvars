prefix      = "clickstack-test"
account_id  = "111111111111"
kms_key_arn = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
secrets = {
  bi_user = {
    description = "Rotation with two schedules."
    rotation = {
      lambda_arn               = "arn:aws:lambda:eu-west-1:111111111111:function:clickstack-test-rotate"
      automatically_after_days = 30
      schedule_expression      = "rate(30 days)"
    }
  }
}
