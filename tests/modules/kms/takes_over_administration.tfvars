prefix     = "clickstack-test"
account_id = "111111111111"
extra_policy_documents = {
  careless = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AccountAdministersKeyThroughIam\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"
}
