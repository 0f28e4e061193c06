output "replication_group_id" {
  description = "ID of the replication group; also the host name an IAM authentication token is signed for."
  value       = aws_elasticache_replication_group.this.id
}

output "replication_group_arn" {
  description = "ARN of the replication group."
  value       = aws_elasticache_replication_group.this.arn
}

output "primary_endpoint_address" {
  description = "DNS name of the primary node (reads and writes); follows a failover."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint_address" {
  description = "DNS name spreading read-only connections over the replicas (the primary when there are none)."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "port" {
  description = "TCP port of the cache (TLS only)."
  value       = local.port
}

output "connection_url" {
  description = "REDIS_URL for a consumer: rediss://<user_id>@<primary endpoint>:6379/0, TLS, no password; the client sends a fresh IAM token as the password."
  value       = "rediss://${aws_elasticache_user.app.user_name}@${aws_elasticache_replication_group.this.primary_endpoint_address}:${local.port}/0"
}

output "security_group_id" {
  description = "ID of the cache's security group."
  value       = aws_security_group.this.id
}

output "user_id" {
  description = "ID (and user name) of the IAM-authenticated application user."
  value       = aws_elasticache_user.app.user_id
}

output "user_arn" {
  description = "ARN of the IAM-authenticated application user."
  value       = aws_elasticache_user.app.arn
}

output "user_group_id" {
  description = "ID of the user group attached to the replication group."
  value       = aws_elasticache_user_group.this.user_group_id
}

output "connect_policy_json" {
  description = "IAM policy document granting elasticache:Connect on this replication group as the application user; attach it to a consumer's role."
  value       = data.aws_iam_policy_document.connect.json
}

output "log_group_names" {
  description = "CloudWatch log group names by log type (slow-log, engine-log)."
  value       = { for type, group in aws_cloudwatch_log_group.this : type => group.name }
}

output "member_clusters" {
  description = "Cache cluster ids of the group's nodes (<group>-001, ...): ElastiCache publishes node metrics per member cluster. Built from the naming ElastiCache uses so alarms know them at plan time."
  value       = [for n in range(1, var.replicas + 2) : format("%s-%03d", aws_elasticache_replication_group.this.replication_group_id, n)]
}
