locals {
  access_logs_prefix = coalesce(var.access_logs.prefix, "alb/${local.name}")
  collect_host       = coalesce(var.domain_name, aws_lb.this.dns_name)
  # TLS 1.3 and 1.2 with forward-secret AEAD ciphers only.
  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

# Internet-facing: browsers and apps post from anywhere. The WAF web ACL is not created here;
# the waf module associates one with alb_arn when the env enables it.
resource "aws_lb" "this" {
  name                       = local.name
  internal                   = false
  load_balancer_type         = "application"
  subnets                    = var.public_subnet_ids
  security_groups            = [aws_security_group.alb.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
  # Shorter than the collector's keep-alive (75 s): the load balancer always closes an idle
  # connection first and never sends a request on one the collector is closing (a 502).
  idle_timeout = 60

  access_logs {
    enabled = true
    bucket  = var.access_logs.bucket
    prefix  = local.access_logs_prefix
  }
}

# Replacing the group (port, protocol) while a listener rule forwards to it needs the new one
# first; the port in the name keeps the two names apart.
resource "aws_lb_target_group" "this" {
  name        = "${local.name}-${var.container_port}"
  vpc_id      = var.vpc_id
  target_type = "ip"
  protocol    = "HTTP"
  port        = var.container_port
  # Requests are short batch posts; 30 s lets them finish without slowing deployments down.
  deregistration_delay = 30

  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = "traffic-port"
    path                = var.health_check_path
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = local.ssl_policy
  certificate_arn   = var.certificate_arn

  # Only /collect and /collect/sdk are served (rule below); anything else, /health included,
  # is a 404 here.
  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      message_body = "Not Found"
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener_rule" "collect" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 100

  # The collector's two routes, as on the API Gateway collector: event batches and requests
  # of the Clickstream Analytics on AWS SDKs.
  condition {
    path_pattern {
      values = ["/collect", "/collect/sdk"]
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this.arn
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }
}
