output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "IPv4 range of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "private_subnet_ids" {
  description = "IDs of the private subnets by zone name."
  value       = { for zone, subnet in aws_subnet.private : zone => subnet.id }
}

output "private_subnet_id_list" {
  description = "IDs of the private subnets as a list, in the order of availability_zones (for arguments that take a list, e.g. subnet groups)."
  value       = [for zone in var.availability_zones : aws_subnet.private[zone].id]
}

output "public_subnet_ids" {
  description = "IDs of the public subnets (NAT gateways only) by zone name."
  value       = { for zone, subnet in aws_subnet.public : zone => subnet.id }
}

output "private_route_table_ids" {
  description = "IDs of the private route tables by zone name."
  value       = { for zone, table in aws_route_table.private : zone => table.id }
}

output "consumer_security_group_ids" {
  description = "Security group ID of each consumer by consumer name; data stores admit these groups."
  value       = { for name, group in aws_security_group.consumer : name => group.id }
}

output "endpoint_security_group_id" {
  description = "ID of the security group of the interface VPC endpoints; null when every interface endpoint is off."
  value       = one(aws_security_group.endpoints[*].id)
}

output "nat_gateway_ids" {
  description = "IDs of the NAT gateways by zone name; empty when nat.mode is none."
  value       = { for zone, gateway in aws_nat_gateway.this : zone => gateway.id }
}

output "flow_log_group_name" {
  description = "Name of the CloudWatch log group that receives the VPC flow logs."
  value       = aws_cloudwatch_log_group.flow_logs.name
}
