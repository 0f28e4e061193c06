locals {
  name = "${var.prefix}-kafka"
  # The IAM-authenticated (SASL/IAM over TLS) listener for clients inside AWS; the module opens no
  # other port.
  port = 9098

  serverless  = var.mode == "serverless"
  provisioned = var.mode == "provisioned"

  topic_name             = coalesce(var.topic_name, "${var.prefix}-events")
  consumer_group_pattern = coalesce(var.consumer_group_pattern, "${var.prefix}-*")

  # MSK spreads the brokers evenly over the subnets (one zone each).
  broker_count = var.provisioned.brokers_per_az * length(var.subnet_ids)
  # MSK's own defaults for 2 and 3 zones: replication factor 2 with min.insync.replicas 1, or 3
  # with 2 (so acks=all writes go on while one broker is down).
  replication_factor = min(3, local.broker_count)

  # Module defaults, then the caller's overrides; auto.create.topics.enable is applied last so no
  # override can turn it on (variables.tf also refuses it): a typo in a client's topic name must
  # fail instead of silently creating a second topic that nobody reads.
  server_properties = merge(
    {
      "default.replication.factor"     = tostring(local.replication_factor)
      "min.insync.replicas"            = tostring(max(1, local.replication_factor - 1))
      "num.partitions"                 = "6"
      "unclean.leader.election.enable" = "false"
      "log.retention.hours"            = "168"
    },
    var.provisioned.server_properties,
    { "auto.create.topics.enable" = "false" },
  )
  server_properties_text = join("\n", [for key in sort(keys(local.server_properties)) : "${key}=${local.server_properties[key]}"])

  # 3.8.x -> 3-8-x: configuration names allow letters, digits and hyphens only.
  configuration_name = "${local.name}-${replace(var.provisioned.kafka_version, ".", "-")}"
  log_group_name     = "/aws/msk/${local.name}/broker"
}

# mode = "serverless": MSK sizes and scales the cluster itself, always with IAM authentication and
# TLS. Encryption at rest uses a key MSK manages; a serverless cluster cannot take kms_key_arn.
resource "aws_msk_serverless_cluster" "this" {
  count = local.serverless ? 1 : 0

  cluster_name = local.name

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.this.id]
  }

  client_authentication {
    sasl {
      iam {
        enabled = true
      }
    }
  }
}

# mode = "provisioned": brokers_per_az brokers in each subnet's zone.
resource "aws_msk_configuration" "this" {
  count = local.provisioned ? 1 : 0

  # The name carries the Kafka version, so a version upgrade creates the new configuration before
  # the cluster moves to it and deletes the old one afterwards.
  name              = local.configuration_name
  description       = "Broker settings of ${local.name}."
  kafka_versions    = [var.provisioned.kafka_version]
  server_properties = local.server_properties_text

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_msk_cluster" "this" {
  count = local.provisioned ? 1 : 0

  cluster_name           = local.name
  kafka_version          = var.provisioned.kafka_version
  number_of_broker_nodes = local.broker_count
  enhanced_monitoring    = var.provisioned.enhanced_monitoring

  broker_node_group_info {
    instance_type   = var.provisioned.instance_type
    client_subnets  = var.subnet_ids
    security_groups = [aws_security_group.this.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.provisioned.ebs_volume_size
      }
    }

    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this[0].arn
    revision = aws_msk_configuration.this[0].latest_revision
  }

  # IAM (SASL/IAM) is the only way in: no unauthenticated access, no SCRAM users, no client
  # certificates.
  client_authentication {
    unauthenticated = false

    sasl {
      iam   = true
      scram = false
    }
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = var.kms_key_arn

    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.broker[0].name
      }
    }
  }
}
