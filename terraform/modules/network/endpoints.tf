locals {
  # Toggle name => AWS service name of the interface endpoint.
  interface_endpoint_services = {
    kinesis_streams = "kinesis-streams"
    secretsmanager  = "secretsmanager"
    logs            = "logs"
    glue            = "glue"
  }
  interface_endpoints = toset([
    for toggle, service in local.interface_endpoint_services : service if var.interface_endpoints[toggle]
  ])
  endpoint_security_group = length(local.interface_endpoints) > 0
}

# Gateway endpoints are free and carry S3 traffic (lake reads and writes, Glue scripts) without
# NAT processing charges; it is routed through the private route tables only.
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.${local.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [for zone in var.availability_zones : aws_route_table.private[zone].id]

  tags = {
    Name = "${var.prefix}-s3"
  }
}

resource "aws_security_group" "endpoints" {
  count = local.endpoint_security_group ? 1 : 0

  name        = "${var.prefix}-vpc-endpoints"
  description = "Interface VPC endpoints of ${var.prefix}: HTTPS from inside the VPC only."
  vpc_id      = aws_vpc.this.id

  tags = {
    Name = "${var.prefix}-vpc-endpoints"
  }
}

# Endpoint network interfaces only answer requests (security groups are stateful), so the group
# has no egress rule.
resource "aws_vpc_security_group_ingress_rule" "endpoints_https" {
  count = local.endpoint_security_group ? 1 : 0

  security_group_id = aws_security_group.endpoints[0].id
  description       = "HTTPS from the VPC to the AWS service endpoints."
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = aws_vpc.this.cidr_block
}

resource "aws_vpc_endpoint" "interface" {
  for_each = local.interface_endpoints

  vpc_id              = aws_vpc.this.id
  service_name        = "com.amazonaws.${local.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [for zone in var.availability_zones : aws_subnet.private[zone].id]
  security_group_ids  = [aws_security_group.endpoints[0].id]
  private_dns_enabled = true

  tags = {
    Name = "${var.prefix}-${each.key}"
  }
}
