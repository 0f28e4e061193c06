locals {
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name

  # Elastic Load Balancing access log delivery (ALB Guide, "Enable access logs for your
  # Application Load Balancer", step 2). Regions available as of August 2022 or later need the
  # log delivery service principal. Regions available before then were documented with a
  # per-Region ELB account, a policy AWS now calls legacy (still supported, to be replaced by the
  # service principal). Granting the principal in every Region and, in the Regions on AWS's
  # list below (closed: newer Regions have no ELB account), their account as well delivers under
  # either policy without a lookup at plan time.
  elb_legacy_account_ids = {
    "us-east-1"      = "127311923021"
    "us-east-2"      = "033677994240"
    "us-west-1"      = "027434742980"
    "us-west-2"      = "797873946194"
    "af-south-1"     = "098369216593"
    "ca-central-1"   = "985666609251"
    "eu-central-1"   = "054676820928"
    "eu-west-1"      = "156460612806"
    "eu-west-2"      = "652711504416"
    "eu-south-1"     = "635631232127"
    "eu-west-3"      = "009996457667"
    "eu-north-1"     = "897822967062"
    "ap-east-1"      = "754344448648"
    "ap-northeast-1" = "582318560864"
    "ap-northeast-2" = "600734575887"
    "ap-northeast-3" = "383597477331"
    "ap-southeast-1" = "114774131450"
    "ap-southeast-2" = "783225319266"
    "ap-south-1"     = "718504428378"
    "me-south-1"     = "076674570225"
    "sa-east-1"      = "507241528517"
    "us-gov-west-1"  = "048591011584"
    "us-gov-east-1"  = "190560391635"
  }
  elb_legacy_account_arns = [
    for region, id in local.elb_legacy_account_ids : "arn:${local.partition}:iam::${id}:root" if region == local.region
  ]
  # ELB writes <prefix>/AWSLogs/<account id of the load balancer>/...: only this account's load
  # balancers can write, and only under the prefixes given.
  load_balancer_log_resources = [
    for prefix in sort(distinct(var.load_balancer_log_prefixes)) :
    "${local.bucket_arns["access_logs"]}/${prefix}/AWSLogs/${var.account_id}/*"
  ]
}

data "aws_iam_policy_document" "this" {
  for_each = local.buckets

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.bucket_arns[each.key], "${local.bucket_arns[each.key]}/*"]

    # {"AWS": "*"} means everyone, exactly like "*", and local S3 emulators parse it.
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # Bucket owner enforced ownership disables ACLs, so the logging service principal is granted
  # through the policy: one statement per source bucket, which may write only under its own
  # prefix and only when the delivery is for that bucket of this account.
  dynamic "statement" {
    for_each = each.key == "access_logs" ? local.data_buckets : {}
    content {
      sid       = "AllowAccessLogDeliveryFrom${replace(title(replace(statement.key, "_", " ")), " ", "")}"
      actions   = ["s3:PutObject"]
      resources = ["${local.bucket_arns[each.key]}/${statement.key}/*"]

      principals {
        type        = "Service"
        identifiers = ["logging.s3.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [var.account_id]
      }

      condition {
        test     = "ArnLike"
        variable = "aws:SourceArn"
        values   = [local.bucket_arns[statement.key]]
      }
    }
  }

  # TLS-only above holds for this statement too: log delivery writes over HTTPS.
  dynamic "statement" {
    for_each = each.key == "access_logs" && length(local.load_balancer_log_resources) > 0 ? [1] : []
    content {
      sid       = "AllowLoadBalancerLogDelivery"
      actions   = ["s3:PutObject"]
      resources = local.load_balancer_log_resources

      principals {
        type        = "Service"
        identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
      }

      dynamic "principals" {
        for_each = length(local.elb_legacy_account_arns) > 0 ? [1] : []
        content {
          type        = "AWS"
          identifiers = local.elb_legacy_account_arns
        }
      }
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].bucket
  policy   = data.aws_iam_policy_document.this[each.key].json

  # S3 rejects concurrent policy and public access block changes on one bucket.
  depends_on = [aws_s3_bucket_public_access_block.this]
}
