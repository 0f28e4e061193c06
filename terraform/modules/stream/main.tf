locals {
  provisioned = var.capacity.mode == "PROVISIONED"
}

resource "aws_kinesis_stream" "this" {
  name             = "${var.prefix}-${var.name}"
  retention_period = var.retention_hours
  # The provider rejects shard_count in ON_DEMAND mode, where AWS manages shards itself.
  shard_count         = local.provisioned ? var.capacity.shard_count : null
  shard_level_metrics = var.shard_level_metrics
  encryption_type     = "KMS"
  kms_key_id          = var.kms_key_arn

  stream_mode_details {
    stream_mode = var.capacity.mode
  }
}
