data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name
  name      = "${var.prefix}-ingest"

  request_template = templatefile("${path.module}/templates/put_records.vtl", {
    stream_name = var.stream_name
  })

  # Selection patterns match the Kinesis HTTP status; the entry without one is the default.
  integration_responses = {
    "200" = {
      selection_pattern = null
      template          = file("${path.module}/templates/put_records_200.vtl")
    }
    "502" = {
      selection_pattern = "[45]\\d{2}"
      template          = file("${path.module}/templates/put_records_502.vtl")
    }
  }
  # 400 comes from the request validator (a gateway response), never from the integration.
  method_response_codes = toset(["200", "400", "502"])
}

resource "aws_api_gateway_rest_api" "this" {
  name        = local.name
  description = "Clickstream collector: POST /collect writes events to Kinesis stream ${var.stream_name}."

  endpoint_configuration {
    types = ["REGIONAL"]
  }

  # If the API is ever replaced, serve from the new one before the old one (and its URL) goes.
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_resource" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = "collect"
}

resource "aws_api_gateway_model" "this" {
  rest_api_id  = aws_api_gateway_rest_api.this.id
  name         = "CollectRequest"
  description  = "Batch of 1-500 clickstream events."
  content_type = "application/json"
  schema       = var.request_model_schema
}

resource "aws_api_gateway_request_validator" "this" {
  rest_api_id           = aws_api_gateway_rest_api.this.id
  name                  = "body"
  validate_request_body = true
}

# Public by design: browsers and apps post anonymously. The WAF, stage throttling and the body
# model are the controls; a browser-embedded API key would not be a secret.
resource "aws_api_gateway_method" "this" {
  rest_api_id          = aws_api_gateway_rest_api.this.id
  resource_id          = aws_api_gateway_resource.this.id
  http_method          = "POST"
  authorization        = "NONE"
  request_validator_id = aws_api_gateway_request_validator.this.id
  request_models = {
    "application/json" = aws_api_gateway_model.this.name
  }
}

resource "aws_api_gateway_integration" "this" {
  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = aws_api_gateway_resource.this.id
  http_method             = aws_api_gateway_method.this.http_method
  type                    = "AWS"
  integration_http_method = "POST"
  uri                     = "arn:${local.partition}:apigateway:${local.region}:kinesis:action/PutRecords"
  credentials             = aws_iam_role.integration.arn
  # Only application/json has a template; anything else is refused (415) instead of forwarded.
  passthrough_behavior = "NEVER"
  request_parameters = {
    "integration.request.header.Content-Type" = "'application/x-amz-json-1.1'"
  }
  request_templates = {
    "application/json" = local.request_template
  }
}

resource "aws_api_gateway_method_response" "this" {
  for_each = local.method_response_codes

  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = aws_api_gateway_resource.this.id
  http_method = aws_api_gateway_method.this.http_method
  status_code = each.key
  response_models = {
    "application/json" = "Empty"
  }
  response_parameters = local.cors_method_response_parameters
}

resource "aws_api_gateway_integration_response" "this" {
  for_each = local.integration_responses

  rest_api_id         = aws_api_gateway_rest_api.this.id
  resource_id         = aws_api_gateway_resource.this.id
  http_method         = aws_api_gateway_method.this.http_method
  status_code         = aws_api_gateway_method_response.this[each.key].status_code
  selection_pattern   = each.value.selection_pattern
  response_parameters = local.cors_integration_response_parameters
  response_templates = {
    "application/json" = "${local.cors_echo_template}${each.value.template}"
  }

  depends_on = [aws_api_gateway_integration.this]
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  description = "Managed by Terraform; replaced whenever the API definition changes."

  # Resource ids alone miss in-place edits (templates, schema, CORS), so hash the config too.
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.this.id,
      aws_api_gateway_method.this.id,
      aws_api_gateway_integration.this.id,
      [for r in aws_api_gateway_method_response.this : r.id],
      [for r in aws_api_gateway_integration_response.this : r.id],
      aws_api_gateway_model.this.id,
      aws_api_gateway_request_validator.this.id,
      [for r in aws_api_gateway_method.options : r.id],
      [for r in aws_api_gateway_integration.options : r.id],
      [for r in aws_api_gateway_integration_response.options : r.id],
      [for r in aws_api_gateway_gateway_response.this : r.id],
      aws_api_gateway_resource.sdk.id,
      aws_api_gateway_method.sdk.id,
      aws_api_gateway_integration.sdk.id,
      aws_api_gateway_request_validator.sdk.id,
      [for r in aws_api_gateway_method_response.sdk : r.id],
      [for r in aws_api_gateway_integration_response.sdk : r.id],
      local.sdk_request_template,
      local.sdk_integration_responses,
      local.request_template,
      local.integration_responses,
      local.cors_echo_template,
      var.request_model_schema,
      var.cors_allow_origins,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_stage" "this" {
  rest_api_id          = aws_api_gateway_rest_api.this.id
  deployment_id        = aws_api_gateway_deployment.this.id
  stage_name           = var.stage_name
  xray_tracing_enabled = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.this["access"].arn
    format = jsonencode({
      requestId          = "$context.requestId"
      extendedRequestId  = "$context.extendedRequestId"
      ip                 = "$context.identity.sourceIp"
      userAgent          = "$context.identity.userAgent"
      requestTime        = "$context.requestTime"
      httpMethod         = "$context.httpMethod"
      resourcePath       = "$context.resourcePath"
      status             = "$context.status"
      protocol           = "$context.protocol"
      responseLength     = "$context.responseLength"
      responseLatency    = "$context.responseLatency"
      integrationStatus  = "$context.integrationStatus"
      integrationLatency = "$context.integrationLatency"
      errorMessage       = "$context.error.message"
      validationError    = "$context.error.validationErrorString"
      wafResponseCode    = "$context.wafResponseCode"
    })
  }

  # Access logging needs the account-level CloudWatch role, which this module may own.
  depends_on = [aws_api_gateway_account.this]
}

resource "aws_api_gateway_method_settings" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.this.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled        = true
    logging_level          = "ERROR"
    data_trace_enabled     = false
    throttling_rate_limit  = var.throttling.rate_limit
    throttling_burst_limit = var.throttling.burst_limit
    # A write-only endpoint has nothing to cache; the flag only matters if caching is ever on.
    caching_enabled      = false
    cache_data_encrypted = true
  }

  # Execution logs must land in the KMS-encrypted group created here, not one API Gateway
  # would create on first use without encryption or retention.
  depends_on = [aws_cloudwatch_log_group.this]
}
