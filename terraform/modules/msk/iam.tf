# Kafka topics are not AWS resources: the aws provider cannot create them (see README.md for how
# the topic comes to exist). What the module can do is hand out least-privilege IAM policies for
# the clients, built from the cluster ARN in the documented formats:
#   cluster arn:<partition>:kafka:<region>:<account>:cluster/<cluster name>/<cluster uuid>
#   topic   arn:<partition>:kafka:<region>:<account>:topic/<cluster name>/<cluster uuid>/<topic>
#   group   arn:<partition>:kafka:<region>:<account>:group/<cluster name>/<cluster uuid>/<group>
# Only the resource type after the account changes, so ":cluster/" is replaced (with the colon
# and slash, so a cluster name that contains "cluster" is left alone).
locals {
  cluster_arn = local.serverless ? one(aws_msk_serverless_cluster.this[*].arn) : one(aws_msk_cluster.this[*].arn)
  topic_arn   = "${replace(local.cluster_arn, ":cluster/", ":topic/")}/${local.topic_name}"
  group_arn   = "${replace(local.cluster_arn, ":cluster/", ":group/")}/${local.consumer_group_pattern}"

  producer_topic_actions = concat(
    ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"],
    var.producer_creates_topic ? ["kafka-cluster:CreateTopic"] : [],
  )
}

data "aws_iam_policy_document" "producer" {
  statement {
    sid = "ConnectToCluster"
    # Kafka clients 3.0+ turn producer idempotence on by default, which needs
    # WriteDataIdempotently on the cluster (the duplicate-free retries are worth keeping).
    actions = [
      "kafka-cluster:Connect",
      "kafka-cluster:WriteDataIdempotently",
    ]
    resources = [local.cluster_arn]
  }

  statement {
    sid       = "WriteTopic"
    actions   = local.producer_topic_actions
    resources = [local.topic_arn]
  }
}

data "aws_iam_policy_document" "consumer" {
  statement {
    sid       = "ConnectToCluster"
    actions   = ["kafka-cluster:Connect"]
    resources = [local.cluster_arn]
  }

  statement {
    sid = "ReadTopic"
    actions = [
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:ReadData",
    ]
    resources = [local.topic_arn]
  }

  # Committing offsets and joining the group; the pattern limits which group ids a consumer may
  # use (consumer_group_pattern).
  statement {
    sid = "UseConsumerGroup"
    actions = [
      "kafka-cluster:DescribeGroup",
      "kafka-cluster:AlterGroup",
    ]
    resources = [local.group_arn]
  }
}
