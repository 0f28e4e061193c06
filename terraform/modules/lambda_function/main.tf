data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  name       = "${var.prefix}-${var.name}"
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  dns_suffix = data.aws_partition.current.dns_suffix

  # Built rather than read from the resources so the role policy is known at plan time.
  log_group_name = "/aws/lambda/${local.name}"
  log_group_arn  = "arn:${local.partition}:logs:${local.region}:${var.account_id}:log-group:${local.log_group_name}"

  kinesis            = var.kinesis_source != null
  failure_queue      = local.kinesis && try(var.kinesis_source.on_failure == "sqs", false)
  failure_queue_name = "${local.name}-failures"
  failure_queue_arn  = "arn:${local.partition}:sqs:${local.region}:${var.account_id}:${local.failure_queue_name}"

  # "sqs" or "sns": the dead-letter target's service decides the send action and the KMS
  # encryption context of its messages.
  dead_letter_service = var.dead_letter_target_arn == null ? null : split(":", var.dead_letter_target_arn)[2]
}

resource "aws_lambda_function" "this" {
  function_name = local.name
  role          = aws_iam_role.this.arn
  handler       = var.handler
  runtime       = var.runtime
  architectures = [var.architecture]
  memory_size   = var.memory_mb
  timeout       = var.timeout_seconds
  publish       = var.publish

  # The project builds and uploads content-addressed zips; a new hash makes Terraform redeploy,
  # and it is the same base64 SHA-256 Lambda reports as the deployed code's CodeSha256.
  s3_bucket        = var.artifact.bucket
  s3_key           = var.artifact.key
  source_code_hash = var.artifact.sha256_base64

  reserved_concurrent_executions = var.reserved_concurrency
  # Encrypts the environment variables at rest with the platform key instead of Lambda's
  # AWS managed key.
  kms_key_arn = var.kms_key_arn

  dynamic "environment" {
    for_each = length(var.environment) > 0 ? [var.environment] : []
    content {
      variables = environment.value
    }
  }

  tracing_config {
    mode = var.tracing
  }

  # Named explicitly so the function logs to the group this module creates (KMS, retention).
  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  dynamic "vpc_config" {
    for_each = var.vpc == null ? [] : [var.vpc]
    content {
      subnet_ids         = vpc_config.value.subnet_ids
      security_group_ids = vpc_config.value.security_group_ids
    }
  }

  dynamic "dead_letter_config" {
    for_each = var.dead_letter_target_arn == null ? [] : [var.dead_letter_target_arn]
    content {
      target_arn = dead_letter_config.value
    }
  }

  # Lambda checks the role when the function is created (ENI permissions for a VPC function,
  # the dead-letter target); without this it can see the role before its policy.
  depends_on = [aws_iam_role_policy.this]
}

resource "aws_lambda_permission" "invoke" {
  for_each = var.invokers

  statement_id   = "invoke-${each.key}"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this.function_name
  principal      = each.value.principal
  source_arn     = each.value.source_arn
  source_account = var.account_id
}
