# Ingress only from the producers' and consumers' groups, only on the IAM port 9098. The group has
# no egress rule (Terraform removes the default allow-all one): the brokers never open
# connections to clients.
resource "aws_security_group" "this" {
  name        = local.name
  description = "MSK ${local.name}: port ${local.port} (SASL/IAM over TLS) from the client groups only."
  vpc_id      = var.vpc_id

  tags = {
    Name = local.name
  }
}

resource "aws_vpc_security_group_ingress_rule" "client" {
  for_each = var.allowed_security_group_ids

  security_group_id            = aws_security_group.this.id
  description                  = "${each.key} to ${local.name} on ${local.port}."
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = each.value
}

# The consumer groups of the network module allow HTTPS egress only; each admitted group gets the
# matching rule to the brokers, so the two sides are granted together.
resource "aws_vpc_security_group_egress_rule" "client" {
  for_each = var.allowed_security_group_ids

  security_group_id            = each.value
  description                  = "${each.key} to ${local.name} on ${local.port}."
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.this.id
}
