prefix                         = "clickstack-test"
results_bucket_name            = "clickstack-test-111111111111-query-results"
kms_key_arn                    = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
database_name                  = "clickstack_test"
bytes_scanned_cutoff_per_query = 1073741824
