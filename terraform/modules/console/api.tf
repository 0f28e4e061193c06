# The console's backend API. Browsers reach it through the distribution's /api/* behaviour (same
# origin, no CORS); the execute-api endpoint stays enabled because it is CloudFront's origin, and
# every route needs a token of the console's client either way.
resource "aws_apigatewayv2_api" "this" {
  name          = local.name
  description   = "Operator console API of ${var.prefix}: /api/* proxied to ${var.backend_function_name}."
  protocol_type = "HTTP"
}

# Tokens issued by the console's user pool to the console's client: ID tokens carry the client
# id in aud, access tokens in client_id, and the authorizer accepts either.
resource "aws_apigatewayv2_authorizer" "this" {
  api_id           = aws_apigatewayv2_api.this.id
  name             = "cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = "https://${aws_cognito_user_pool.this.endpoint}"
    audience = [aws_cognito_user_pool_client.this.id]
  }
}

resource "aws_apigatewayv2_integration" "backend" {
  api_id                 = aws_apigatewayv2_api.this.id
  description            = "Lambda proxy to ${var.backend_function_name}."
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = var.backend_function_arn
  payload_format_version = "2.0"
  # The HTTP API maximum; CloudFront's origin read timeout is 30 s as well.
  timeout_milliseconds = 30000
}

resource "aws_apigatewayv2_route" "backend" {
  api_id             = aws_apigatewayv2_api.this.id
  route_key          = "ANY /api/{proxy+}"
  target             = "integrations/${aws_apigatewayv2_integration.backend.id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.this.id
}

resource "aws_apigatewayv2_stage" "this" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit    = var.api_throttling.rate_limit
    throttling_burst_limit   = var.api_throttling.burst_limit
    detailed_metrics_enabled = true
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      ip                 = "$context.identity.sourceIp"
      userAgent          = "$context.identity.userAgent"
      requestTime        = "$context.requestTime"
      httpMethod         = "$context.httpMethod"
      path               = "$context.path"
      routeKey           = "$context.routeKey"
      status             = "$context.status"
      protocol           = "$context.protocol"
      responseLength     = "$context.responseLength"
      responseLatency    = "$context.responseLatency"
      integrationStatus  = "$context.integrationStatus"
      integrationLatency = "$context.integrationLatency"
      integrationError   = "$context.integrationErrorMessage"
      authorizerError    = "$context.authorizer.error"
      # The operator behind the request (Cognito user id and email from the verified token).
      sub   = "$context.authorizer.claims.sub"
      email = "$context.authorizer.claims.email"
    })
  }
}

# Only this API, from its route, may invoke the function. The source ARN is
# <execution arn>/<stage>/<method>/<path>; the API has the one $default stage and the one route.
resource "aws_lambda_permission" "api" {
  statement_id  = "${local.name}-http-api"
  action        = "lambda:InvokeFunction"
  function_name = var.backend_function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/*/api/*"
}

# HTTP API access logs are written by API Gateway's service-linked role, so no account-level
# CloudWatch role is involved (unlike the REST API in ingest_api).
resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${local.name}/access"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}
