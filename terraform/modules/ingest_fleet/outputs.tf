output "alb_arn" {
  description = "ARN of the load balancer; the waf module associates its web ACL with it."
  value       = aws_lb.this.arn
}

output "alb_arn_suffix" {
  description = "ARN suffix of the load balancer (app/<name>/<id>), the LoadBalancer dimension of its CloudWatch metrics."
  value       = aws_lb.this.arn_suffix
}

output "alb_dns_name" {
  description = "DNS name of the load balancer; point domain_name at it (alias record)."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "Route 53 hosted zone id of the load balancer, for an alias record."
  value       = aws_lb.this.zone_id
}

output "collect_url" {
  description = "URL clients post event batches to: https://<domain_name or load balancer DNS name>/collect."
  value       = "https://${local.collect_host}/collect"
}

output "target_group_arn_suffix" {
  description = "ARN suffix of the target group (targetgroup/<name>/<id>), the TargetGroup dimension of its CloudWatch metrics."
  value       = aws_lb_target_group.this.arn_suffix
}

output "ecr_repository_url" {
  description = "URL of the collector's ECR repository (<account>.dkr.ecr.<region>.amazonaws.com/<prefix>-fleet); push images here and deploy them by digest."
  value       = aws_ecr_repository.this.repository_url
}

output "ecr_repository_arn" {
  description = "ARN of the collector's ECR repository."
  value       = aws_ecr_repository.this.arn
}

output "cpu_architecture" {
  description = "CPU architecture of the instances and tasks (ARM64 or X86_64), derived from instance_type; images must be built for it."
  value       = local.cpu_architecture
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn
}

output "service_name" {
  description = "Name of the ECS service."
  value       = aws_ecs_service.this.name
}

output "autoscaling_group_name" {
  description = "Name of the Auto Scaling group of container instances."
  value       = aws_autoscaling_group.this.name
}

output "alb_security_group_id" {
  description = "ID of the load balancer's security group."
  value       = aws_security_group.alb.id
}

output "service_security_group_id" {
  description = "ID of the tasks' security group (admits only the load balancer on the container port)."
  value       = aws_security_group.service.id
}

output "instances_security_group_id" {
  description = "ID of the container instances' security group (no inbound rules)."
  value       = aws_security_group.instances.id
}

output "log_group_name" {
  description = "Name of the CloudWatch log group of the collector containers."
  value       = aws_cloudwatch_log_group.this["collector"].name
}

output "task_role_arn" {
  description = "ARN of the task role (kinesis:PutRecord/PutRecords on stream_arn only)."
  value       = aws_iam_role.task.arn
}

output "task_role_name" {
  description = "Name of the task role, to attach further policies the collector may need."
  value       = aws_iam_role.task.name
}

output "execution_role_arn" {
  description = "ARN of the execution role (pulls from the module's repository, writes the collector's logs)."
  value       = aws_iam_role.execution.arn
}
