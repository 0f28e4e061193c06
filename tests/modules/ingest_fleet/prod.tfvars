prefix             = "clickstack-prod"
account_id         = "111111111111"
vpc_id             = "vpc-0123456789abcdef0"
private_subnet_ids = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3"]
public_subnet_ids  = ["subnet-0ddddddddddddddd4", "subnet-0eeeeeeeeeeeeeee5", "subnet-0fffffffffffffff6"]
stream_arn         = "arn:aws:kinesis:eu-west-1:111111111111:stream/clickstack-prod-events"
kms_key_arn        = "arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000"
image              = "111111111111.dkr.ecr.eu-west-1.amazonaws.com/clickstack-prod-fleet:1.4.2"
container_port     = 9000
task_cpu           = 1024
task_memory        = 2048
environment = {
  KINESIS_MAX_CONNECTIONS = "64"
  LOG_LEVEL               = "WARNING"
}
health_check_path              = "/ping"
container_health_check_command = ["CMD-SHELL", "python -m collector healthcheck || exit 1"]
log_retention_days             = 365
image_retention                = { keep_images = 50, untagged_days = 7 }
instance_type                  = "m7i.large"
ami_id                         = "ami-0123456789abcdef0"
instances = {
  min_size         = 3
  max_size         = 12
  desired_capacity = 4
  target_capacity  = 80
  root_volume_size = 50
}
autoscaling_service_role_arn = "arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_clickstack"
tasks = {
  min                      = 3
  max                      = 30
  target_requests_per_task = 3000
}
certificate_arn = "arn:aws:acm:eu-west-1:111111111111:certificate/11111111-2222-3333-4444-555555555555"
domain_name     = "collect.example.com"
allowed_cidrs = {
  internet = "0.0.0.0/0"
  partner  = "203.0.113.0/24"
}
deletion_protection = true
access_logs = {
  bucket = "clickstack-prod-111111111111-access-logs"
  prefix = "load-balancers/ingest-fleet"
}
