prefix     = "clickstack-test"
account_id = "111111111111"
