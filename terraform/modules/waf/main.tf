locals {
  name = "${var.prefix}-ingest"
  # Above 8 KB the API Gateway limit is set explicitly to the smallest one covering max_body_bytes,
  # so rule 1 sees the real size (KB_16 is AWS's current default; larger limits are billed extra).
  # An ALB's limit is fixed at 8 KB: max_body_bytes' validation keeps it at or below that.
  body_inspection_limit = (
    var.max_body_bytes <= 8192 ? null :
    var.max_body_bytes <= 16384 ? "KB_16" :
    var.max_body_bytes <= 32768 ? "KB_32" :
    var.max_body_bytes <= 49152 ? "KB_48" : "KB_64"
  )
  metric_prefix = replace(local.name, "-", "_")
}

resource "aws_wafv2_web_acl" "this" {
  name        = local.name
  description = "Collector API ${var.prefix}: body size, per-IP rate and AWS managed rules."
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  dynamic "association_config" {
    for_each = local.body_inspection_limit == null ? [] : [local.body_inspection_limit]
    content {
      request_body {
        api_gateway {
          default_size_inspection_limit = association_config.value
        }
      }
    }
  }

  # Bodies bigger than the inspection limit (8 KB at an ALB) are "oversize"; MATCH blocks them too,
  # so no body passes that WAF could not see whole.
  rule {
    name     = "body-size"
    priority = 1

    action {
      block {}
    }

    statement {
      size_constraint_statement {
        comparison_operator = "GT"
        size                = var.max_body_bytes
        field_to_match {
          body {
            oversize_handling = "MATCH"
          }
        }
        text_transformation {
          priority = 0
          type     = "NONE"
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.metric_prefix}_body_size"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "rate-per-ip"
    priority = 2

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = var.rate_limit_per_ip
        aggregate_key_type    = "IP"
        evaluation_window_sec = 300
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.metric_prefix}_rate_per_ip"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-common"
    priority = 3

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesCommonRuleSet"

        # Its 8 KB body cap would block batches rule 1 allows; rule 1 owns body size.
        rule_action_override {
          name = "SizeRestrictions_BODY"
          action_to_use {
            count {}
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.metric_prefix}_aws_common"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-known-bad-inputs"
    priority = 4

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.metric_prefix}_aws_known_bad_inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = local.metric_prefix
    sampled_requests_enabled   = true
  }
}

# Keyed by name, not ARN: the ARNs are unknown until their resources exist.
resource "aws_wafv2_web_acl_association" "this" {
  for_each = var.resource_arns

  resource_arn = each.value
  web_acl_arn  = aws_wafv2_web_acl.this.arn
}

# The single association of earlier versions becomes the "api" entry in place. Without this, the
# old association's destroy (DisassociateWebACL on the stage) could undo the new one's create.
moved {
  from = aws_wafv2_web_acl_association.this
  to   = aws_wafv2_web_acl_association.this["api"]
}

# WAF only delivers to log groups whose name starts with "aws-waf-logs-".
resource "aws_cloudwatch_log_group" "this" {
  name              = "aws-waf-logs-${var.prefix}"
  kms_key_id        = var.kms_key_arn
  retention_in_days = var.log_retention_days
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.this.arn]

  # Collector calls carry no credentials today, but a header added later must not reach the logs.
  redacted_fields {
    single_header {
      name = "authorization"
    }
  }
}
