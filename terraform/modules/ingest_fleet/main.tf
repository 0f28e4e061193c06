data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  dns_suffix = data.aws_partition.current.dns_suffix
  region     = data.aws_region.current.name
  name       = "${var.prefix}-fleet"

  # arn:<partition>:kinesis:<region>:<account>:stream/<name>
  stream_name = split("/", var.stream_arn)[1]

  # Graviton instance families carry a "g" after the generation digit (c7g, m7gd, t4g, r8g,
  # im4gn); their AMI, and the image, must be arm64.
  arm64            = can(regex("^[a-z]+[0-9]+g[a-z]*\\.", var.instance_type))
  cpu_architecture = local.arm64 ? "ARM64" : "X86_64"
}

resource "aws_ecs_cluster" "this" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  # Container Insights must find its log group encrypted and with retention already in place.
  depends_on = [aws_cloudwatch_log_group.this]
}

# The instances of the Auto Scaling group are the only capacity: ECS managed scaling grows and
# shrinks the group to fit the tasks (target_capacity percent used), and managed termination
# protection keeps Auto Scaling from removing an instance that still runs tasks.
resource "aws_ecs_capacity_provider" "this" {
  name = local.name

  auto_scaling_group_provider {
    auto_scaling_group_arn         = aws_autoscaling_group.this.arn
    managed_termination_protection = "ENABLED"
    # Before an instance is scaled in, ECS moves its tasks elsewhere.
    managed_draining = "ENABLED"

    managed_scaling {
      status                    = "ENABLED"
      target_capacity           = var.instances.target_capacity
      minimum_scaling_step_size = 1
      maximum_scaling_step_size = 2
      instance_warmup_period    = 180
    }
  }
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = [aws_ecs_capacity_provider.this.name]

  default_capacity_provider_strategy {
    capacity_provider = aws_ecs_capacity_provider.this.name
    weight            = 1
  }
}
