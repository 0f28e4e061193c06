locals {
  name = "${var.prefix}-users"
  port = 5432

  # aurora-postgresql 16.4 -> aurora-postgresql16
  parameter_group_family = "aurora-postgresql${split(".", var.engine_version)[0]}"

  # RDS writes the exported log to this group; it is created first so retention and KMS are ours.
  log_group_name = "/aws/rds/cluster/${local.name}/postgresql"

  # Instances 01, 02, ...: stable addresses, and scaling in removes the highest numbers.
  instance_keys = toset([for i in range(1, var.instances + 1) : format("%02d", i)])

  # The key is in the cluster's account and region (RDS and Secrets Manager need a same-region
  # key), so its ARN tells both without an AWS call.
  kms_arn_parts = split(":", var.kms_key_arn)
  region        = local.kms_arn_parts[3]
  account_id    = local.kms_arn_parts[4]

  master_user_secret_arn = aws_rds_cluster.this.master_user_secret[0].secret_arn
}

resource "aws_db_subnet_group" "this" {
  name        = local.name
  description = "Subnets of the ${local.name} Aurora cluster."
  subnet_ids  = var.subnet_ids
}

# TLS only; connections, disconnections, DDL, statements slower than 1 s and lock waits are
# logged (never every statement: rows carry user ids).
resource "aws_rds_cluster_parameter_group" "this" {
  name        = "${local.name}-${local.parameter_group_family}"
  family      = local.parameter_group_family
  description = "Settings of the ${local.name} Aurora cluster."

  # rds.force_ssl is in effect from the first boot; a later change waits for a reboot, which RDS
  # accepts for any parameter. The log_* parameters are dynamic and apply at once.
  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "pending-reboot"
  }

  parameter {
    name         = "log_connections"
    value        = "1"
    apply_method = "immediate"
  }

  parameter {
    name         = "log_disconnections"
    value        = "1"
    apply_method = "immediate"
  }

  parameter {
    name         = "log_statement"
    value        = "ddl"
    apply_method = "immediate"
  }

  parameter {
    name         = "log_min_duration_statement"
    value        = "1000"
    apply_method = "immediate"
  }

  parameter {
    name         = "log_lock_waits"
    value        = "1"
    apply_method = "immediate"
  }

  # The name carries the family, so a major version upgrade creates the new group before the
  # cluster moves to it and the old one is deleted afterwards.
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = local.name
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned"
  engine_version     = var.engine_version
  database_name      = var.database_name
  port               = local.port

  master_username               = var.master_username
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arn

  iam_database_authentication_enabled = var.iam_auth

  storage_encrypted = true
  kms_key_id        = var.kms_key_arn

  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = [aws_security_group.this.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name

  serverlessv2_scaling_configuration {
    min_capacity = var.min_acu
    max_capacity = var.max_acu
  }

  backup_retention_period   = var.backup_retention_days
  copy_tags_to_snapshot     = true
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = var.skip_final_snapshot
  final_snapshot_identifier = var.skip_final_snapshot ? null : "${local.name}-final"

  enabled_cloudwatch_logs_exports = ["postgresql"]

  # Otherwise RDS creates the group on first export, without retention or KMS, and the
  # module's group then fails to create.
  depends_on = [aws_cloudwatch_log_group.this]
}

resource "aws_rds_cluster_instance" "this" {
  for_each = local.instance_keys

  identifier         = "${local.name}-${each.key}"
  cluster_identifier = aws_rds_cluster.this.id
  engine             = aws_rds_cluster.this.engine
  engine_version     = aws_rds_cluster.this.engine_version
  instance_class     = "db.serverless"

  publicly_accessible        = false
  auto_minor_version_upgrade = true

  performance_insights_enabled          = var.performance_insights
  performance_insights_kms_key_id       = var.performance_insights ? var.kms_key_arn : null
  performance_insights_retention_period = var.performance_insights ? 7 : null

  monitoring_interval = var.enhanced_monitoring_interval
  monitoring_role_arn = one(aws_iam_role.monitoring[*].arn)
}
