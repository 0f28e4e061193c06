locals {
  # Every consumer may leave on HTTPS for the internet only when a NAT gateway can carry it.
  internet_egress_consumers = local.nat_enabled ? var.consumers : {}
  self_referencing          = { for name in var.self_referencing_consumers : name => var.consumers[name] }
}

# One group per workload: data stores (Redis, Aurora) admit exactly these groups by id, and add
# the matching egress rule (to their own group and port) on the consumer's group.
resource "aws_security_group" "consumer" {
  for_each = var.consumers

  name        = "${var.prefix}-${each.key}"
  description = each.value
  vpc_id      = aws_vpc.this.id

  tags = {
    Name = "${var.prefix}-${each.key}"
  }
}

# Egress is HTTPS only. Inside the VPC it reaches the interface endpoints (Kinesis, Secrets
# Manager, CloudWatch Logs, Glue); DNS needs no rule because security groups do not filter
# traffic to the Amazon-provided resolver.
resource "aws_vpc_security_group_egress_rule" "consumer_https_vpc" {
  for_each = var.consumers

  security_group_id = aws_security_group.consumer[each.key].id
  description       = "HTTPS to the interface VPC endpoints."
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = aws_vpc.this.cidr_block
}

# The S3 gateway endpoint routes to S3's public addresses, which are outside the VPC range; the
# AWS-managed prefix list of the endpoint names exactly those addresses.
resource "aws_vpc_security_group_egress_rule" "consumer_https_s3" {
  for_each = var.consumers

  security_group_id = aws_security_group.consumer[each.key].id
  description       = "HTTPS to Amazon S3 through the gateway endpoint."
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
}

# With NAT on, AWS services without an endpoint here (e.g. STS, KMS, CloudWatch metrics, DynamoDB)
# and external HTTPS APIs are only reachable at public addresses, so HTTPS to anywhere is allowed.
# Only port 443: the NAT gateway is not a way out for other protocols. Without NAT the rule would
# allow nothing (no route), so it is not created.
resource "aws_vpc_security_group_egress_rule" "consumer_https_internet" {
  for_each = local.internet_egress_consumers

  security_group_id = aws_security_group.consumer[each.key].id
  description       = "HTTPS to the internet through the NAT gateway."
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# AWS Glue requires a self-referencing rule on all TCP ports for jobs that run in a VPC.
resource "aws_vpc_security_group_ingress_rule" "consumer_self" {
  for_each = local.self_referencing

  security_group_id            = aws_security_group.consumer[each.key].id
  description                  = "All TCP from members of the same group."
  ip_protocol                  = "tcp"
  from_port                    = 0
  to_port                      = 65535
  referenced_security_group_id = aws_security_group.consumer[each.key].id
}

resource "aws_vpc_security_group_egress_rule" "consumer_self" {
  for_each = local.self_referencing

  security_group_id            = aws_security_group.consumer[each.key].id
  description                  = "All TCP to members of the same group."
  ip_protocol                  = "tcp"
  from_port                    = 0
  to_port                      = 65535
  referenced_security_group_id = aws_security_group.consumer[each.key].id
}
