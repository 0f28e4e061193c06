data "aws_iam_policy_document" "apigateway_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

# The role API Gateway assumes to call PutRecords: this one stream and its key, nothing else.
resource "aws_iam_role" "integration" {
  name               = "${local.name}-kinesis"
  description        = "API Gateway ${local.name}: put records on ${var.stream_name}."
  assume_role_policy = data.aws_iam_policy_document.apigateway_assume.json
}

data "aws_iam_policy_document" "integration" {
  statement {
    sid = "PutRecords"
    # PutRecords for /collect, PutRecord for /collect/sdk.
    actions   = ["kinesis:PutRecords", "kinesis:PutRecord"]
    resources = [var.stream_arn]
  }

  # Kinesis server-side encryption asks KMS for a data key on the writer's behalf.
  statement {
    sid       = "EncryptRecords"
    actions   = ["kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["kinesis.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "integration" {
  name   = "put-records"
  role   = aws_iam_role.integration.id
  policy = data.aws_iam_policy_document.integration.json
}

# Account-wide (per region) setting: only the env that opts in owns it.
resource "aws_iam_role" "cloudwatch" {
  count = var.manage_account_logging_role ? 1 : 0

  name               = "${var.prefix}-apigw-cloudwatch"
  description        = "API Gateway account setting: push execution and access logs to CloudWatch Logs."
  assume_role_policy = data.aws_iam_policy_document.apigateway_assume.json
}

resource "aws_iam_role_policy_attachment" "cloudwatch" {
  count = var.manage_account_logging_role ? 1 : 0

  role       = aws_iam_role.cloudwatch[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

resource "aws_api_gateway_account" "this" {
  count = var.manage_account_logging_role ? 1 : 0

  cloudwatch_role_arn = aws_iam_role.cloudwatch[0].arn

  depends_on = [aws_iam_role_policy_attachment.cloudwatch]
}
