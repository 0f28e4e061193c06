locals {
  cors_enabled = length(var.cors_allow_origins) > 0
  # One origin (or "*") fits a static header. With several, the static header carries the first
  # and the response templates echo the caller's Origin when it is listed (Vary keeps caches honest).
  cors_echo_origin = length(var.cors_allow_origins) > 1
  cors_headers = local.cors_enabled ? merge(
    { "Access-Control-Allow-Origin" = "'${var.cors_allow_origins[0]}'" },
    local.cors_echo_origin ? { "Vary" = "'Origin'" } : {},
  ) : {}

  cors_method_response_parameters = {
    for header in keys(local.cors_headers) : "method.response.header.${header}" => true
  }
  cors_integration_response_parameters = {
    for header, value in local.cors_headers : "method.response.header.${header}" => value
  }
  cors_echo_template = local.cors_echo_origin ? templatefile("${path.module}/templates/cors_echo_origin.vtl", {
    allowed_origins = jsonencode(var.cors_allow_origins)
  }) : ""

  cors_preflight_headers = merge(local.cors_headers, {
    "Access-Control-Allow-Methods" = "'OPTIONS,POST'"
    "Access-Control-Allow-Headers" = "'Content-Type'"
    "Access-Control-Max-Age"       = "'600'"
  })
  # API Gateway's own errors (validation 400, throttling 429, 5xx) need the header too, or
  # browsers hide them from the page.
  cors_gateway_responses = local.cors_enabled ? toset(["DEFAULT_4XX", "DEFAULT_5XX"]) : toset([])
  # Every resource a browser posts to answers the preflight.
  cors_resources = local.cors_enabled ? {
    collect = aws_api_gateway_resource.this.id
    sdk     = aws_api_gateway_resource.sdk.id
  } : {}
}

resource "aws_api_gateway_method" "options" {
  for_each = local.cors_resources

  rest_api_id   = aws_api_gateway_rest_api.this.id
  resource_id   = each.value
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "options" {
  for_each = local.cors_resources

  rest_api_id          = aws_api_gateway_rest_api.this.id
  resource_id          = each.value
  http_method          = aws_api_gateway_method.options[each.key].http_method
  type                 = "MOCK"
  passthrough_behavior = "WHEN_NO_TEMPLATES"
  request_templates = {
    "application/json" = jsonencode({ statusCode = 200 })
  }
}

resource "aws_api_gateway_method_response" "options" {
  for_each = local.cors_resources

  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = each.value
  http_method = aws_api_gateway_method.options[each.key].http_method
  status_code = "204"
  response_parameters = {
    for header in keys(local.cors_preflight_headers) : "method.response.header.${header}" => true
  }
}

resource "aws_api_gateway_integration_response" "options" {
  for_each = local.cors_resources

  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = each.value
  http_method = aws_api_gateway_method.options[each.key].http_method
  status_code = aws_api_gateway_method_response.options[each.key].status_code
  response_parameters = {
    for header, value in local.cors_preflight_headers : "method.response.header.${header}" => value
  }
  response_templates = local.cors_echo_origin ? {
    "application/json" = local.cors_echo_template
  } : null

  depends_on = [aws_api_gateway_integration.options]
}

resource "aws_api_gateway_gateway_response" "this" {
  for_each = local.cors_gateway_responses

  rest_api_id   = aws_api_gateway_rest_api.this.id
  response_type = each.key
  response_parameters = {
    for header, value in local.cors_headers : "gatewayresponse.header.${header}" => value
  }
  response_templates = {
    "application/json" = "{\"message\":$context.error.messageString}"
  }
}
