# Created only with vpc_id; with security_group_ids the caller owns the rules. Counted on
# security_group_ids (exactly one of the two is set): a vpc_id from another module is unknown
# at plan time and cannot decide a count.
locals {
  own_security_group = length(var.security_group_ids) == 0
}

resource "aws_security_group" "this" {
  count = local.own_security_group ? 1 : 0

  name        = "${local.name}-redshift"
  description = "Redshift Serverless workgroup ${local.name}: SQL clients in, HTTPS to AWS services out."
  vpc_id      = var.vpc_id

  tags = {
    Name = "${local.name}-redshift"
  }
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  for_each = local.own_security_group ? var.allowed_security_group_ids : {}

  security_group_id            = aws_security_group.this[0].id
  description                  = "Redshift SQL (${each.key})"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = each.value
}

# With enhanced VPC routing, Spectrum, COPY and UNLOAD reach S3, Glue, KMS and STS from the
# workgroup's interfaces in these subnets: HTTPS out, to wherever the VPC routes it (gateway or
# interface endpoints, or a NAT gateway). Nothing else leaves.
resource "aws_vpc_security_group_egress_rule" "https" {
  count = local.own_security_group ? 1 : 0

  security_group_id = aws_security_group.this[0].id
  description       = "HTTPS to AWS service endpoints (S3, Glue, KMS, STS)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
