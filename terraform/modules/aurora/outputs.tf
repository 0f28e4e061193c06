output "cluster_id" {
  description = "Identifier of the Aurora cluster."
  value       = aws_rds_cluster.this.id
}

output "cluster_arn" {
  description = "ARN of the Aurora cluster."
  value       = aws_rds_cluster.this.arn
}

output "cluster_resource_id" {
  description = "Resource id of the cluster (cluster-...), the part of rds-db:connect ARNs that names the cluster."
  value       = aws_rds_cluster.this.cluster_resource_id
}

output "endpoint" {
  description = "Writer endpoint (PGHOST of writers); follows a failover."
  value       = aws_rds_cluster.this.endpoint
}

output "reader_endpoint" {
  description = "Reader endpoint spreading connections over the readers (the writer when there is none)."
  value       = aws_rds_cluster.this.reader_endpoint
}

output "port" {
  description = "TCP port of the cluster (PGPORT); TLS is required (PGSSLMODE=verify-full or require)."
  value       = local.port
}

output "database_name" {
  description = "Name of the database created with the cluster (PGDATABASE)."
  value       = aws_rds_cluster.this.database_name
}

output "master_username" {
  description = "Name of the master user."
  value       = aws_rds_cluster.this.master_username
}

output "master_user_secret_arn" {
  description = "ARN of the Secrets Manager secret RDS keeps the master user's credentials in (rotated by RDS, encrypted with kms_key_arn)."
  value       = local.master_user_secret_arn
}

output "secret_read_policy_json" {
  description = "IAM policy document granting read of the master user secret and decrypt through Secrets Manager only; attach it to a consumer's role."
  value       = data.aws_iam_policy_document.secret_read.json
}

output "db_user_arn_prefix" {
  description = "rds-db:connect resource ARN without the user: append \"/<database user>\" for a user granted rds_iam (with iam_auth on)."
  value       = "arn:${data.aws_partition.current.partition}:rds-db:${local.region}:${local.account_id}:dbuser:${aws_rds_cluster.this.cluster_resource_id}"
}

output "security_group_id" {
  description = "ID of the cluster's security group."
  value       = aws_security_group.this.id
}

output "log_group_name" {
  description = "Name of the CloudWatch log group that receives the postgresql log."
  value       = aws_cloudwatch_log_group.this.name
}

output "instance_ids" {
  description = "Identifiers of the cluster instances by number (\"01\", \"02\", ...)."
  value       = { for key, instance in aws_rds_cluster_instance.this : key => instance.identifier }
}
