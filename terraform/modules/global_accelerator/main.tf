locals {
  name = "${var.prefix}-ingest"

  # Flow logs land under <s3_prefix> in the given bucket; the default keeps accelerators of
  # several environments apart in a shared log bucket.
  flow_logs_s3_prefix = coalesce(var.flow_logs.s3_prefix, "global-accelerator/${var.prefix}/")

  # One port range per port; the listener forwards each to the same port on the ALB, so no
  # port_override is needed.
  ports = sort(distinct(var.ports))
}

# A standard accelerator: two static anycast IPv4 addresses at the AWS edge in front of the
# ingestion fleet's ALB. The aws provider always sends Global Accelerator calls to us-west-2 (the
# service's only API region), whatever the provider's region is, so this module needs no
# provider alias.
resource "aws_globalaccelerator_accelerator" "this" {
  name            = local.name
  ip_address_type = "IPV4"
  enabled         = true

  attributes {
    flow_logs_enabled   = var.flow_logs.enabled
    flow_logs_s3_bucket = var.flow_logs.enabled ? var.flow_logs.s3_bucket : null
    flow_logs_s3_prefix = var.flow_logs.enabled ? local.flow_logs_s3_prefix : null
  }
}

# TCP, not HTTP: Global Accelerator passes the TLS connection through untouched and the ALB
# terminates it, so certificates stay on the ALB.
resource "aws_globalaccelerator_listener" "this" {
  accelerator_arn = aws_globalaccelerator_accelerator.this.arn
  protocol        = "TCP"
  client_affinity = var.client_affinity

  dynamic "port_range" {
    for_each = local.ports
    content {
      from_port = port_range.value
      to_port   = port_range.value
    }
  }
}

resource "aws_globalaccelerator_endpoint_group" "this" {
  listener_arn          = aws_globalaccelerator_listener.this.arn
  endpoint_group_region = var.alb_region

  traffic_dial_percentage = var.traffic_dial_percentage

  # Used by Global Accelerator for EC2 instance and Elastic IP endpoints only. For an ALB endpoint
  # it follows the health the ALB's target groups report (their health checks are the ones to
  # tune); the values here only matter if such an endpoint is added later.
  health_check_protocol         = var.health_check.protocol
  health_check_port             = var.health_check.port
  health_check_path             = var.health_check.protocol == "TCP" ? null : var.health_check.path
  health_check_interval_seconds = var.health_check.interval_seconds
  threshold_count               = var.health_check.threshold_count

  endpoint_configuration {
    endpoint_id = var.alb_arn
    weight      = 128
    # The ALB (and the collector's logs, WAF rate limits, X-Forwarded-For) sees the client's own
    # address instead of a Global Accelerator edge address.
    client_ip_preservation_enabled = true
  }
}
