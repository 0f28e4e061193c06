locals {
  listener_ports = { https = 443, http = 80 }

  # One rule per admitted range and listener port: "https-internet", "http-internet", ...
  alb_ingress = {
    for pair in setproduct(keys(var.allowed_cidrs), keys(local.listener_ports)) :
    "${pair[1]}-${pair[0]}" => {
      name = pair[0]
      cidr = var.allowed_cidrs[pair[0]]
      port = local.listener_ports[pair[1]]
    }
  }
}

# ---------------------------------------------------------------------------------------------
# Load balancer: 443 and 80 from the admitted ranges, out only to the tasks.

resource "aws_security_group" "alb" {
  name        = "${local.name}-alb"
  description = "Load balancer ${local.name}: HTTPS and HTTP (redirect) in, the tasks' port out."
  vpc_id      = var.vpc_id

  tags = {
    Name = "${local.name}-alb"
  }
}

resource "aws_vpc_security_group_ingress_rule" "alb" {
  for_each = local.alb_ingress

  security_group_id = aws_security_group.alb.id
  description       = "${each.value.name} to ${local.name} on ${each.value.port}."
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr
}

resource "aws_vpc_security_group_egress_rule" "alb_to_service" {
  security_group_id            = aws_security_group.alb.id
  description                  = "Requests and health checks to the tasks on ${var.container_port}."
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = aws_security_group.service.id
}

# ---------------------------------------------------------------------------------------------
# Tasks (one network interface each, awsvpc): the load balancer in, HTTPS to Kinesis out.

resource "aws_security_group" "service" {
  name        = "${local.name}-service"
  description = "Tasks of ${local.name}: port ${var.container_port} from the load balancer only."
  vpc_id      = var.vpc_id

  tags = {
    Name = "${local.name}-service"
  }
}

resource "aws_vpc_security_group_ingress_rule" "service_from_alb" {
  security_group_id            = aws_security_group.service.id
  description                  = "Load balancer ${local.name} on ${var.container_port}."
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = aws_security_group.alb.id
}

# Kinesis is reached through its interface endpoint (an address in the VPC) or through NAT (a
# public address that is not known in advance), so HTTPS is allowed to any address; no other
# port is.
resource "aws_vpc_security_group_egress_rule" "service_https" {
  security_group_id = aws_security_group.service.id
  description       = "HTTPS to Kinesis (VPC endpoint or NAT)."
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# ---------------------------------------------------------------------------------------------
# Instances: nothing in (no SSH; tasks have their own interfaces), HTTPS out for the agent.

resource "aws_security_group" "instances" {
  name        = "${local.name}-instances"
  description = "ECS container instances of ${local.name}: no inbound traffic, HTTPS out."
  vpc_id      = var.vpc_id

  tags = {
    Name = "${local.name}-instances"
  }
}

# The agent talks to ECS, pulls image layers from ECR and S3 and ships logs to CloudWatch Logs,
# through VPC endpoints or NAT: HTTPS to any address, nothing else.
resource "aws_vpc_security_group_egress_rule" "instances_https" {
  security_group_id = aws_security_group.instances.id
  description       = "HTTPS to ECS, ECR, S3 and CloudWatch Logs (VPC endpoints or NAT)."
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
