# Only principals of this account with iam:PassRole on the role can give it to a function,
# so the trust policy needs no source condition.
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "this" {
  # The caller's own statements (validated not to reuse the Sids below).
  source_policy_documents = var.extra_policy_json == null ? [] : [var.extra_policy_json]

  # AWSLambdaBasicExecutionRole without its "*": streams of the one log group the module
  # created, and no logs:CreateLogGroup.
  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.log_group_arn}:log-stream:*"]
  }

  # Lambda decrypts the environment variables with the execution role when an execution
  # environment starts; the encryption context names the function.
  dynamic "statement" {
    for_each = length(var.environment) > 0 ? [1] : []
    content {
      sid       = "DecryptEnvironment"
      actions   = ["kms:Decrypt"]
      resources = [var.kms_key_arn]

      condition {
        test     = "StringEquals"
        variable = "kms:EncryptionContext:LambdaFunctionName"
        values   = [local.name]
      }
    }
  }

  # Lambda creates, reuses and deletes the function's Hyperplane ENIs with the execution role.
  # DescribeNetworkInterfaces and DescribeSubnets support no resource-level permissions, and
  # Lambda's documentation requires the ENI actions on all network interfaces (this is the
  # AWSLambdaVPCAccessExecutionRole statement).
  dynamic "statement" {
    for_each = var.vpc == null ? [] : [1]
    content {
      sid = "ManageVpcNetworkInterfaces"
      actions = [
        "ec2:AssignPrivateIpAddresses",
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets",
        "ec2:UnassignPrivateIpAddresses",
      ]
      resources = ["*"]
    }
  }

  # X-Ray has no resource-level permissions for writing segments.
  dynamic "statement" {
    for_each = var.tracing == "Active" ? [1] : []
    content {
      sid       = "WriteTraces"
      actions   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
      resources = ["*"]
    }
  }

  # The event source mapping polls the stream with the execution role (shared-throughput
  # iterator, so no SubscribeToShard; kinesis:ListStreams would need "*" and is not needed).
  dynamic "statement" {
    for_each = local.kinesis ? [var.kinesis_source.stream_arn] : []
    content {
      sid = "ReadSourceStream"
      actions = [
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
        "kinesis:ListShards",
      ]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = local.kinesis ? [var.kinesis_source.stream_arn] : []
    content {
      sid       = "DecryptSourceStream"
      actions   = ["kms:Decrypt"]
      resources = [var.kms_key_arn]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["kinesis.${local.region}.${local.dns_suffix}"]
      }

      condition {
        test     = "StringEquals"
        variable = "kms:EncryptionContext:aws:kinesis:arn"
        values   = [statement.value]
      }
    }
  }

  # Lambda sends the on-failure record of a discarded batch with the execution role.
  dynamic "statement" {
    for_each = local.failure_queue ? [local.failure_queue_arn] : []
    content {
      sid       = "SendFailedBatches"
      actions   = ["sqs:SendMessage"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = local.failure_queue ? [local.failure_queue_arn] : []
    content {
      sid       = "EncryptFailedBatches"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [var.kms_key_arn]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["sqs.${local.region}.${local.dns_suffix}"]
      }

      condition {
        test     = "StringEquals"
        variable = "kms:EncryptionContext:aws:sqs:arn"
        values   = [statement.value]
      }
    }
  }

  # Lambda delivers failed asynchronous events to the dead-letter target with the execution
  # role.
  dynamic "statement" {
    for_each = var.dead_letter_target_arn == null ? [] : [var.dead_letter_target_arn]
    content {
      sid       = "SendDeadLetters"
      actions   = [local.dead_letter_service == "sns" ? "sns:Publish" : "sqs:SendMessage"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = var.dead_letter_target_arn == null ? [] : [var.dead_letter_target_arn]
    content {
      sid       = "EncryptDeadLetters"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [var.kms_key_arn]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["${local.dead_letter_service}.${local.region}.${local.dns_suffix}"]
      }

      condition {
        test     = "StringEquals"
        variable = local.dead_letter_service == "sns" ? "kms:EncryptionContext:aws:sns:topicArn" : "kms:EncryptionContext:aws:sqs:arn"
        values   = [statement.value]
      }
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${local.name}-lambda"
  description        = "Execution role of the Lambda function ${local.name}."
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "this" {
  name   = "execution"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}
