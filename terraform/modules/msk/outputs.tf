output "mode" {
  description = "\"serverless\" or \"provisioned\", as given."
  value       = var.mode
}

output "cluster_name" {
  description = "Name of the MSK cluster (<prefix>-kafka)."
  value       = local.name
}

output "cluster_arn" {
  description = "ARN of the MSK cluster (serverless or provisioned)."
  value       = local.cluster_arn
}

output "bootstrap_brokers_sasl_iam" {
  description = "Comma-separated host:9098 list for Kafka clients' bootstrap.servers, with security.protocol SASL_SSL and sasl.mechanism AWS_MSK_IAM (or OAUTHBEARER with the MSK IAM signer)."
  value       = local.serverless ? one(aws_msk_serverless_cluster.this[*].bootstrap_brokers_sasl_iam) : one(aws_msk_cluster.this[*].bootstrap_brokers_sasl_iam)
}

output "port" {
  description = "TCP port of the IAM-authenticated TLS listener, the only one clients may use."
  value       = local.port
}

output "security_group_id" {
  description = "ID of the cluster's security group."
  value       = aws_security_group.this.id
}

output "topic_name" {
  description = "Name of the events topic producers write to and consumers read from (the module does not create it)."
  value       = local.topic_name
}

output "topic_arn" {
  description = "IAM ARN of the events topic (arn:...:topic/<cluster name>/<cluster uuid>/<topic>)."
  value       = local.topic_arn
}

output "consumer_group_pattern" {
  description = "Consumer group ids the consumer policy allows (a group id or a prefix ending in *)."
  value       = local.consumer_group_pattern
}

output "producer_policy_json" {
  description = "IAM policy document for a producer's role: kafka-cluster:Connect and WriteDataIdempotently on the cluster, DescribeTopic and WriteData (and CreateTopic with producer_creates_topic) on the topic."
  value       = data.aws_iam_policy_document.producer.json
}

output "consumer_policy_json" {
  description = "IAM policy document for a consumer's role: kafka-cluster:Connect on the cluster, DescribeTopic and ReadData on the topic, DescribeGroup and AlterGroup on the groups of consumer_group_pattern."
  value       = data.aws_iam_policy_document.consumer.json
}

output "log_group_name" {
  description = "CloudWatch log group of the broker logs; null in serverless mode (MSK Serverless has no broker logs)."
  value       = one(aws_cloudwatch_log_group.broker[*].name)
}
