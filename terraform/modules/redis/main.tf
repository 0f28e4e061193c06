locals {
  name = "${var.prefix}-cache"
  port = 6379

  default_engine_versions = { valkey = "8.0", redis = "7.1" }
  engine_version          = coalesce(var.engine_version, local.default_engine_versions[var.engine])
  # valkey 8.0 -> valkey8, redis 7.1 -> redis7: the parameter group family of the major version.
  parameter_group_family = "${var.engine}${split(".", local.engine_version)[0]}"

  log_types = toset(["slow-log", "engine-log"])
}

resource "aws_elasticache_subnet_group" "this" {
  name        = local.name
  description = "Subnets of the ${local.name} replication group."
  subnet_ids  = var.subnet_ids
}

# The profile updater's Lua script builds its keys inside the script, which only works with
# cluster mode disabled; a family's own parameter group has cluster-enabled = no.
resource "aws_elasticache_parameter_group" "this" {
  name        = "${local.name}-${local.parameter_group_family}"
  family      = local.parameter_group_family
  description = "Settings of the ${local.name} replication group."

  parameter {
    name  = "maxmemory-policy"
    value = var.maxmemory_policy
  }

  # The name carries the family, so an engine upgrade creates the new group before the cache
  # moves to it and the old one is deleted afterwards.
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id = local.name
  description          = "User profiles and last-access times of ${var.prefix}."

  engine               = var.engine
  engine_version       = local.engine_version
  node_type            = var.node_type
  port                 = local.port
  parameter_group_name = aws_elasticache_parameter_group.this.name

  # Cluster mode disabled: one shard, a primary and var.replicas replicas.
  num_cache_clusters         = var.replicas + 1
  automatic_failover_enabled = var.multi_az
  multi_az_enabled           = var.multi_az

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = [aws_security_group.this.id]

  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  # Access through RBAC users only (see auth.tf); no shared AUTH token exists.
  user_group_ids = [aws_elasticache_user_group.this.user_group_id]

  auto_minor_version_upgrade = true
  maintenance_window         = var.maintenance_window
  snapshot_retention_limit   = var.snapshot_retention_days

  dynamic "log_delivery_configuration" {
    for_each = local.log_types
    content {
      destination      = aws_cloudwatch_log_group.this[log_delivery_configuration.value].name
      destination_type = "cloudwatch-logs"
      log_format       = "json"
      log_type         = log_delivery_configuration.value
    }
  }
}
