# POST /collect/sdk: the request format of the "Clickstream Analytics on AWS" SDKs (JSON array of
# their events, optionally gzip+base64 with ?compression=gzip, ?appId=..., ?upload_timestamp=...),
# so apps using those SDKs can send to this platform. The edge stores the request as one record;
# decoding and validation happen in the firehose_transform Lambda against the same contract.

locals {
  sdk_request_template = templatefile("${path.module}/templates/put_record_sdk.vtl", {
    stream_name = var.stream_name
  })
  sdk_integration_responses = {
    "200" = {
      selection_pattern = null
      template          = file("${path.module}/templates/put_record_sdk_200.vtl")
    }
    "502" = {
      selection_pattern = "[45]\\d{2}"
      template          = file("${path.module}/templates/put_records_502.vtl")
    }
  }
  # The SDKs send their (possibly base64) body as JSON or plain text.
  sdk_content_types = toset(["application/json", "text/plain"])
}

resource "aws_api_gateway_resource" "sdk" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.this.id
  path_part   = "sdk"
}

resource "aws_api_gateway_request_validator" "sdk" {
  rest_api_id                 = aws_api_gateway_rest_api.this.id
  name                        = "sdk-query"
  validate_request_parameters = true
}

# Public by design, like POST /collect: WAF, throttling and the required appId are the controls.
resource "aws_api_gateway_method" "sdk" {
  rest_api_id          = aws_api_gateway_rest_api.this.id
  resource_id          = aws_api_gateway_resource.sdk.id
  http_method          = "POST"
  authorization        = "NONE"
  request_validator_id = aws_api_gateway_request_validator.sdk.id
  request_parameters = {
    "method.request.querystring.appId"            = true
    "method.request.querystring.compression"      = false
    "method.request.querystring.upload_timestamp" = false
  }
}

resource "aws_api_gateway_integration" "sdk" {
  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = aws_api_gateway_resource.sdk.id
  http_method             = aws_api_gateway_method.sdk.http_method
  type                    = "AWS"
  integration_http_method = "POST"
  uri                     = "arn:${local.partition}:apigateway:${local.region}:kinesis:action/PutRecord"
  credentials             = aws_iam_role.integration.arn
  passthrough_behavior    = "NEVER"
  request_parameters = {
    "integration.request.header.Content-Type" = "'application/x-amz-json-1.1'"
  }
  request_templates = { for type in local.sdk_content_types : type => local.sdk_request_template }
}

resource "aws_api_gateway_method_response" "sdk" {
  for_each = local.method_response_codes

  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = aws_api_gateway_resource.sdk.id
  http_method = aws_api_gateway_method.sdk.http_method
  status_code = each.key
  response_models = {
    "application/json" = "Empty"
  }
  response_parameters = local.cors_method_response_parameters
}

resource "aws_api_gateway_integration_response" "sdk" {
  for_each = local.sdk_integration_responses

  rest_api_id         = aws_api_gateway_rest_api.this.id
  resource_id         = aws_api_gateway_resource.sdk.id
  http_method         = aws_api_gateway_method.sdk.http_method
  status_code         = aws_api_gateway_method_response.sdk[each.key].status_code
  selection_pattern   = each.value.selection_pattern
  response_parameters = local.cors_integration_response_parameters
  response_templates = {
    "application/json" = "${local.cors_echo_template}${each.value.template}"
  }

  depends_on = [aws_api_gateway_integration.sdk]
}
