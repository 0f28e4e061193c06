locals {
  log_groups = {
    access = "/aws/apigateway/${local.name}/${var.stage_name}/access"
    # Fixed name API Gateway writes execution logs to; created here so it is encrypted and expires.
    execution = "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.this.id}/${var.stage_name}"
  }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = local.log_groups

  name              = each.value
  kms_key_id        = var.kms_key_arn
  retention_in_days = var.access_log_retention_days
}
