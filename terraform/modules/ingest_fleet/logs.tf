locals {
  log_groups = {
    collector = "/ecs/${local.name}"
    # Created here, before ECS would create it unencrypted and without retention.
    container_insights = "/aws/ecs/containerinsights/${local.name}/performance"
  }
}

# The key policy of kms_key_arn must let CloudWatch Logs of the region use the key.
resource "aws_cloudwatch_log_group" "this" {
  for_each = local.log_groups

  name              = each.value
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}
