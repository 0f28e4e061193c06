locals {
  container_name = "collector"

  environment = merge(var.environment, {
    STREAM_NAME        = local.stream_name
    AWS_REGION         = local.region
    AWS_DEFAULT_REGION = local.region
    PORT               = tostring(var.container_port)
  })

  # No healthCheck key at all when the command is null.
  container_health_check = {
    for key, check in {
      healthCheck = {
        command     = var.container_health_check_command
        interval    = 15
        timeout     = 5
        retries     = 3
        startPeriod = 30
      }
    } : key => check if var.container_health_check_command != null
  }

  container = merge(local.container_health_check, {
    name      = local.container_name
    image     = var.image
    essential = true

    portMappings = [{
      containerPort = var.container_port
      hostPort      = var.container_port
      protocol      = "tcp"
    }]

    # Sorted by name, so the rendered definition is stable.
    environment = [for name in sort(keys(local.environment)) : { name = name, value = local.environment[name] }]

    # SIGTERM, then SIGKILL 30 s later; the collector drains its requests in less (25 s).
    stopTimeout = 30

    # Writable space only in memory; the image itself stays read-only.
    readonlyRootFilesystem = true
    linuxParameters = {
      initProcessEnabled = true
      tmpfs              = [{ containerPath = "/tmp", size = 64 }]
    }

    # Many concurrent connections (from the load balancer, to Kinesis): 1024 open files is low.
    ulimits = [{ name = "nofile", softLimit = 65536, hardLimit = 65536 }]

    # non-blocking: a slow CloudWatch Logs never stalls request handling (lines are dropped
    # from a full buffer instead).
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this["collector"].name
        awslogs-region        = local.region
        awslogs-stream-prefix = local.container_name
        mode                  = "non-blocking"
        max-buffer-size       = "25m"
      }
    }
  })
}

resource "aws_ecs_task_definition" "this" {
  family                   = local.name
  network_mode             = "awsvpc"
  requires_compatibilities = ["EC2"]
  cpu                      = tostring(var.task_cpu)
  memory                   = tostring(var.task_memory)
  task_role_arn            = aws_iam_role.task.arn
  execution_role_arn       = aws_iam_role.execution.arn
  container_definitions    = jsonencode([local.container])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = local.cpu_architecture
  }
}

resource "aws_ecs_service" "this" {
  name                              = local.name
  cluster                           = aws_ecs_cluster.this.arn
  task_definition                   = aws_ecs_task_definition.this.arn
  desired_count                     = var.tasks.min
  health_check_grace_period_seconds = 60
  enable_execute_command            = false
  enable_ecs_managed_tags           = true
  propagate_tags                    = "SERVICE"
  availability_zone_rebalancing     = "ENABLED"

  # New tasks must be healthy before old ones stop; a deployment whose tasks keep failing is
  # stopped and rolled back to the last one that reached steady state.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  capacity_provider_strategy {
    capacity_provider = aws_ecs_capacity_provider.this.name
    weight            = 1
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.service.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.this.arn
    container_name   = local.container_name
    container_port   = var.container_port
  }

  # Tasks spread evenly over the zones, and ECS moves them back when a zone has too many after
  # an outage (AZ rebalancing, which a binpack strategy would switch off). The number of
  # instances is kept down by managed scaling's target_capacity instead.
  ordered_placement_strategy {
    type  = "spread"
    field = "attribute:ecs.availability-zone"
  }

  # Service auto scaling owns the count between tasks.min and tasks.max.
  lifecycle {
    ignore_changes = [desired_count]
  }

  # The target group must be attached to the load balancer, and the capacity provider to the
  # cluster, before the service can use them; the roles' policies before the first task starts.
  depends_on = [
    aws_lb_listener_rule.collect,
    aws_ecs_cluster_capacity_providers.this,
    aws_iam_role_policy.task,
    aws_iam_role_policy.execution,
  ]
}

# ---------------------------------------------------------------------------------------------
# Service auto scaling on requests per task; ECS managed scaling then fits the instances.

resource "aws_appautoscaling_target" "this" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.this.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.tasks.min
  max_capacity       = var.tasks.max
}

resource "aws_appautoscaling_policy" "requests" {
  name               = "${local.name}-requests-per-task"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  resource_id        = aws_appautoscaling_target.this.resource_id
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension

  target_tracking_scaling_policy_configuration {
    # Requests per task per minute.
    target_value = var.tasks.target_requests_per_task
    # Out fast for a traffic spike, in slowly so a dip does not remove capacity still needed.
    scale_out_cooldown = 60
    scale_in_cooldown  = 300

    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${aws_lb.this.arn_suffix}/${aws_lb_target_group.this.arn_suffix}"
    }
  }
}
