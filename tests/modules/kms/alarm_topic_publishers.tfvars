prefix     = "clickstack-test"
account_id = "111111111111"
extra_policy_documents = {
  monitoring = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "CloudWatchAlarmsPublishToEncryptedTopic",
          "Effect": "Allow",
          "Principal": {"Service": "cloudwatch.amazonaws.com"},
          "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
          "Resource": "*",
          "Condition": {"StringEquals": {"aws:SourceAccount": "111111111111"}}
        }
      ]
    }
  JSON
}
