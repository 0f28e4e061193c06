output "secret_arns" {
  description = "ARN of each secret by its key (ARNs end in a random suffix Secrets Manager adds; pass these, not names built by hand)."
  value       = { for key, secret in aws_secretsmanager_secret.this : key => secret.arn }
}

output "secret_names" {
  description = "Name of each secret by its key, <prefix>/<key>."
  value       = { for key, secret in aws_secretsmanager_secret.this : key => secret.name }
}

output "read_policy_json" {
  description = "IAM policy document per secret key granting secretsmanager:GetSecretValue and DescribeSecret on that secret (ARN pattern <prefix>/<key>-??????) and kms:Decrypt of it through Secrets Manager only; known at plan time. Attach it to a consumer's role (e.g. a lambda_function's extra_policy_json); the Sids carry the key, so several merge safely."
  value       = { for key, document in data.aws_iam_policy_document.read : key => document.json }
}

output "generated_secret_keys" {
  description = "Keys of the secrets whose value this module generated; the others are empty until an operator or their owning service puts a value."
  value       = sort(keys(local.generated))
}
