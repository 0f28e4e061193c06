locals {
  name      = "${var.prefix}-${var.name}"
  role_name = "${local.name}-emr-job"

  # The platform key is in the application's account and region, so its ARN tells both without
  # an AWS call (plans run offline).
  key_arn_parts = split(":", var.kms_key_arn)
  partition     = local.key_arn_parts[1]
  region        = local.key_arn_parts[3]
  account_id    = local.key_arn_parts[4]

  # EMR Serverless takes worker sizes as strings ("4 vCPU", "16 GB"); kinds without workers are
  # left out, since a pre-initialized capacity needs at least one worker.
  initial_capacity = {
    for type, worker in { Driver = var.initial_capacity.driver, Executor = var.initial_capacity.executor } :
    type => {
      workers = worker.workers
      cpu     = "${worker.cpu} vCPU"
      memory  = "${worker.memory_gb} GB"
      disk    = "${worker.disk_gb} GB"
    }
    if worker.workers > 0
  }
}

resource "aws_emrserverless_application" "this" {
  name          = local.name
  type          = "spark"
  release_label = var.release_label
  architecture  = var.architecture

  # A job submitted to a stopped application starts it; after auto_stop_idle_minutes without a
  # job it stops again and releases the pre-initialized workers, so an idle day costs nothing.
  auto_start_configuration {
    enabled = true
  }

  auto_stop_configuration {
    enabled              = true
    idle_timeout_minutes = var.auto_stop_idle_minutes
  }

  dynamic "initial_capacity" {
    for_each = local.initial_capacity
    content {
      initial_capacity_type = initial_capacity.key

      initial_capacity_config {
        worker_count = initial_capacity.value.workers

        worker_configuration {
          cpu    = initial_capacity.value.cpu
          memory = initial_capacity.value.memory
          disk   = initial_capacity.value.disk
        }
      }
    }
  }

  maximum_capacity {
    cpu    = "${var.maximum_capacity.cpu} vCPU"
    memory = "${var.maximum_capacity.memory_gb} GB"
    disk   = "${var.maximum_capacity.disk_gb} GB"
  }

  dynamic "network_configuration" {
    for_each = var.network == null ? [] : [var.network]
    content {
      subnet_ids         = network_configuration.value.subnet_ids
      security_group_ids = network_configuration.value.security_group_ids
    }
  }
}
