prefix               = "clickstack-test"
account_id           = "111111111111"
kms_key_arn          = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
recovery_window_days = 7
secrets = {
  oidc_client = {
    description = "Client secret of the console's OIDC app, pasted by an operator from the identity provider."
    allowed_principal_arns = [
      "arn:aws:iam::111111111111:role/clickstack-test-console",
    ]
  }
  redis_auth = {
    description        = "Fallback AUTH token of the cache, generated here."
    generated_password = {}
  }
  bi_user = {
    description = "Read-only warehouse user of the BI tool, generated here and rotated monthly."
    generated_password = {
      length              = 40
      exclude_punctuation = true
      json_key            = "password"
      json_fields         = { username = "bi_reader", engine = "redshift" }
      version             = 2
    }
    rotation = {
      lambda_arn          = "arn:aws:lambda:eu-west-1:111111111111:function:clickstack-test-rotate-bi-user"
      schedule_expression = "cron(0 4 ? * SUN *)"
      duration            = "2h"
    }
    allowed_principal_arns = [
      "arn:aws:iam::111111111111:role/clickstack-test-quicksight",
      "arn:aws:iam::111111111111:role/clickstack-test-rotate-bi-user-lambda",
    ]
  }
}
