output "namespace_name" {
  description = "Name of the Redshift Serverless namespace."
  value       = aws_redshiftserverless_namespace.this.namespace_name
}

output "namespace_id" {
  description = "Id of the Redshift Serverless namespace."
  value       = aws_redshiftserverless_namespace.this.namespace_id
}

output "workgroup_name" {
  description = "Name of the Redshift Serverless workgroup."
  value       = aws_redshiftserverless_workgroup.this.workgroup_name
}

output "workgroup_arn" {
  description = "ARN of the Redshift Serverless workgroup (the Redshift Data API grants permissions per workgroup ARN)."
  value       = aws_redshiftserverless_workgroup.this.arn
}

output "workgroup_endpoint" {
  description = "Endpoint SQL clients connect to: address (private DNS name) and port (5439). TLS is required."
  value = {
    address = try(aws_redshiftserverless_workgroup.this.endpoint[0].address, null)
    port    = try(aws_redshiftserverless_workgroup.this.endpoint[0].port, null)
  }
}

output "spectrum_role_arn" {
  description = "ARN of the IAM role Spectrum uses to read the Glue database and the lake buckets (also the namespace's default role)."
  value       = aws_iam_role.spectrum.arn
}

output "admin_secret_arn" {
  description = "ARN of the Secrets Manager secret, managed by Redshift, that holds the admin user name and password."
  value       = aws_redshiftserverless_namespace.this.admin_password_secret_arn
}

output "security_group_id" {
  description = "Id of the workgroup security group the module created; null when security_group_ids was given."
  value       = try(aws_security_group.this[0].id, null)
}

output "external_schema_name" {
  description = "Name of the external schema over the lake's Glue database; known once the statement that creates it has run."
  value       = var.external_schema_name
  depends_on  = [aws_redshiftdata_statement.external_schema]
}

output "database_name" {
  description = "The namespace's first database, where the external schema lives (for Data API callers)."
  value       = aws_redshiftserverless_namespace.this.db_name
}
