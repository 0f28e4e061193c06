prefix                  = "clickstack-test"
account_id              = "111111111111"
deletion_window_in_days = 7
