data "aws_partition" "current" {}

locals {
  kinesis_endpoint = "kinesis.${local.region}.${data.aws_partition.current.dns_suffix}"
  s3_endpoint      = "s3.${local.region}.${data.aws_partition.current.dns_suffix}"

  ec2_arn_prefix          = "arn:${local.partition}:ec2:${local.region}:${local.account_id}"
  network_interfaces_arns = ["${local.ec2_arn_prefix}:network-interface/*"]
  vpc_resource_arns = var.vpc == null ? [] : concat(
    [for id in var.vpc.subnet_ids : "${local.ec2_arn_prefix}:subnet/${id}"],
    [for id in var.vpc.security_group_ids : "${local.ec2_arn_prefix}:security-group/${id}"],
  )
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["kinesisanalytics.amazonaws.com"]
    }

    # Only this application may assume the role (Managed Flink's confused deputy guidance:
    # aws:SourceArn with the full application ARN, and aws:SourceAccount).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.application_arn]
    }
  }
}

data "aws_iam_policy_document" "this" {
  # Managed Flink downloads the zip with the application's role, by key and optionally version.
  statement {
    sid       = "ReadCode"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = [local.code_object_arn]
  }

  statement {
    sid = "ReadInputStream"
    actions = [
      "kinesis:DescribeStream",
      "kinesis:DescribeStreamSummary",
      "kinesis:GetRecords",
      "kinesis:GetShardIterator",
      "kinesis:ListShards",
      "kinesis:RegisterStreamConsumer",
    ]
    resources = [var.input_stream_arn]
  }

  # Enhanced fan-out (source.reader.type = EFO) reads through a consumer of the input stream.
  statement {
    sid = "ReadInputStreamConsumers"
    actions = [
      "kinesis:DescribeStreamConsumer",
      "kinesis:SubscribeToShard",
    ]
    resources = ["${var.input_stream_arn}/consumer/*"]
  }

  statement {
    sid       = "WriteOutputStreams"
    actions   = ["kinesis:PutRecord", "kinesis:PutRecords"]
    resources = sort(values(var.output_stream_arns))
  }

  # The key is shared by the streams, the artifacts bucket and the logs: each use is limited to
  # the service and the resource it is for. With S3 Bucket Keys the encryption context is the
  # bucket ARN.
  statement {
    sid       = "DecryptCode"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [local.s3_endpoint]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = [var.code.bucket_arn, local.code_object_arn]
    }
  }

  statement {
    sid       = "DecryptInputStream"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [local.kinesis_endpoint]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:kinesis:arn"
      values   = [var.input_stream_arn]
    }
  }

  statement {
    sid       = "EncryptOutputStreams"
    actions   = ["kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [local.kinesis_endpoint]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:kinesis:arn"
      values   = sort(values(var.output_stream_arns))
    }
  }

  # Managed Flink looks the log group and stream up before it writes (the policy in its
  # "Setting up application logging" guide); DescribeLogGroups is a list call without a
  # resource-level filter finer than the log-group ARN pattern.
  statement {
    sid       = "DescribeLogGroups"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
  }

  statement {
    sid       = "DescribeLogStreams"
    actions   = ["logs:DescribeLogStreams"]
    resources = ["${local.log_group_arn}:log-stream:*"]
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:PutLogEvents"]
    resources = [local.log_stream_arn]
  }

  # In a VPC, Managed Flink creates its elastic network interfaces with the application's role.
  # The Describe calls do not support resource-level permissions and need "*"; creating and
  # deleting interfaces is limited to this account and region, the given subnets and groups.
  dynamic "statement" {
    for_each = var.vpc == null ? [] : [1]
    content {
      sid = "DescribeVpcResources"
      actions = [
        "ec2:DescribeDhcpOptions",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets",
        "ec2:DescribeVpcs",
      ]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = var.vpc == null ? [] : [1]
    content {
      sid       = "CreateNetworkInterfaces"
      actions   = ["ec2:CreateNetworkInterface"]
      resources = concat(local.network_interfaces_arns, local.vpc_resource_arns)
    }
  }

  dynamic "statement" {
    for_each = var.vpc == null ? [] : [1]
    content {
      sid = "ManageNetworkInterfaces"
      actions = [
        "ec2:CreateNetworkInterfacePermission",
        "ec2:DeleteNetworkInterface",
      ]
      resources = local.network_interfaces_arns
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${local.name}-flink"
  description        = "Managed Flink application ${local.name}: reads ${var.input_stream_arn}, writes the metrics, errors and late-event streams."
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "this" {
  name   = "application"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}
