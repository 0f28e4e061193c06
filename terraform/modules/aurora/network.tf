# Ingress only from the consumers' groups, only on the database port. The group has no egress
# rule (Terraform removes the default allow-all one): the instances never open connections.
resource "aws_security_group" "this" {
  name        = local.name
  description = "Aurora ${local.name}: port ${local.port} from the consumer groups only."
  vpc_id      = var.vpc_id

  tags = {
    Name = local.name
  }
}

resource "aws_vpc_security_group_ingress_rule" "consumer" {
  for_each = var.allowed_security_group_ids

  security_group_id            = aws_security_group.this.id
  description                  = "${each.key} to ${local.name} on ${local.port}."
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = each.value
}

# The consumer groups of the network module allow HTTPS egress only; each admitted group gets
# the matching rule to this cluster, so the two sides are granted together.
resource "aws_vpc_security_group_egress_rule" "consumer" {
  for_each = var.allowed_security_group_ids

  security_group_id            = each.value
  description                  = "${each.key} to ${local.name} on ${local.port}."
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.this.id
}
