output "accelerator_arn" {
  description = "ARN of the accelerator."
  value       = aws_globalaccelerator_accelerator.this.arn
}

output "accelerator_dns_name" {
  description = "DNS name of the accelerator (resolves to its static IPs); point the collector's host name at it with a CNAME, or a Route 53 alias using accelerator_hosted_zone_id."
  value       = aws_globalaccelerator_accelerator.this.dns_name
}

output "accelerator_hosted_zone_id" {
  description = "Route 53 hosted zone id of Global Accelerator, for an alias record to accelerator_dns_name."
  value       = aws_globalaccelerator_accelerator.this.hosted_zone_id
}

output "ip_sets" {
  description = "The accelerator's static IP address sets as returned by AWS: a list of { ip_family, ip_addresses }."
  value       = aws_globalaccelerator_accelerator.this.ip_sets
}

output "static_ip_addresses" {
  description = "The accelerator's static anycast IPv4 addresses (two), flattened from ip_sets, e.g. for client allow-lists."
  value       = flatten(aws_globalaccelerator_accelerator.this.ip_sets[*].ip_addresses)
}

output "listener_arn" {
  description = "ARN of the TCP listener."
  value       = aws_globalaccelerator_listener.this.arn
}

output "endpoint_group_arn" {
  description = "ARN of the endpoint group in alb_region that holds the ALB."
  value       = aws_globalaccelerator_endpoint_group.this.arn
}
