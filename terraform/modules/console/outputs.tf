output "console_url" {
  description = "URL operators open: https://<first alias>/ with a custom domain, otherwise https://<distribution domain>/."
  value       = local.console_urls[0]
}

output "cloudfront_domain_name" {
  description = "Domain name of the distribution (d123.cloudfront.net); point the custom domain's DNS records (alias/CNAME) at it."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "cloudfront_hosted_zone_id" {
  description = "Route 53 hosted zone id of the distribution, for alias records of the custom domain."
  value       = aws_cloudfront_distribution.this.hosted_zone_id
}

output "cloudfront_distribution_id" {
  description = "ID of the distribution; the deployment invalidates /index.html on it after uploading a new build."
  value       = aws_cloudfront_distribution.this.id
}

output "cloudfront_distribution_arn" {
  description = "ARN of the distribution."
  value       = aws_cloudfront_distribution.this.arn
}

output "web_bucket_name" {
  description = "Name of the private bucket the deployment uploads the built web application to (served only through the distribution)."
  value       = aws_s3_bucket.web.bucket
}

output "web_bucket_arn" {
  description = "ARN of the web bucket."
  value       = aws_s3_bucket.web.arn
}

output "user_pool_id" {
  description = "ID of the operators' Cognito user pool (users are created by an administrator)."
  value       = aws_cognito_user_pool.this.id
}

output "user_pool_arn" {
  description = "ARN of the operators' Cognito user pool."
  value       = aws_cognito_user_pool.this.arn
}

output "user_pool_client_id" {
  description = "ID of the console's public app client (no secret; authorization code grant with PKCE)."
  value       = aws_cognito_user_pool_client.this.id
}

output "hosted_ui_domain" {
  description = "Host name of the Cognito hosted UI, <prefix>.auth.<region>.amazoncognito.com; the web application sends operators to https://<it>/oauth2/authorize."
  value       = "${aws_cognito_user_pool_domain.this.domain}.auth.${local.region}.amazoncognito.com"
}

output "jwt_issuer" {
  description = "Issuer of the user pool's tokens (https://cognito-idp.<region>.amazonaws.com/<pool id>), as the API's authorizer checks it."
  value       = "https://${aws_cognito_user_pool.this.endpoint}"
}

output "http_api_id" {
  description = "ID of the HTTP API."
  value       = aws_apigatewayv2_api.this.id
}

output "http_api_endpoint" {
  description = "Execute-api endpoint of the HTTP API (https://<id>.execute-api.<region>.amazonaws.com), CloudFront's /api/* origin; browsers use <console_url>api/ instead."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "http_api_execution_arn" {
  description = "Execution ARN of the HTTP API (the source of the Lambda invoke permission)."
  value       = aws_apigatewayv2_api.this.execution_arn
}

output "api_access_log_group_name" {
  description = "Name of the CloudWatch log group holding the HTTP API's access logs."
  value       = aws_cloudwatch_log_group.api_access.name
}

output "table_name" {
  description = "Name of the DynamoDB table of projects and registered apps (the backend's TABLE_NAME)."
  value       = aws_dynamodb_table.this.name
}

output "table_arn" {
  description = "ARN of the DynamoDB table of projects and registered apps."
  value       = aws_dynamodb_table.this.arn
}

output "backend_policy_json" {
  description = "IAM policy document for the backend Lambda's role (lambda_function's extra_policy_json): item reads, writes and Query on the table (and Query on any index), the platform key through DynamoDB."
  value       = data.aws_iam_policy_document.backend.json
}
