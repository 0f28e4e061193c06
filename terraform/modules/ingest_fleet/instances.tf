data "aws_default_tags" "current" {}

locals {
  # EC2 resolves the parameter at every launch, so new instances pick up the current
  # ECS-optimised AMI without a data source or a Terraform change.
  ami_ssm_parameter = coalesce(
    var.ami_ssm_parameter,
    "/aws/service/ecs/optimized-ami/amazon-linux-2023/${local.arm64 ? "arm64/" : ""}recommended/image_id",
  )
  image_id = var.ami_id != null ? var.ami_id : "resolve:ssm:${local.ami_ssm_parameter}"

  autoscaling_role_arn = coalesce(
    var.autoscaling_service_role_arn,
    "arn:${local.partition}:iam::${var.account_id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
  )

  # ECS_AWSVPC_BLOCK_IMDS: the tasks (awsvpc) get the task role from the ECS credentials
  # endpoint and must not reach the instance metadata service and the instance role.
  user_data = <<-EOT
    #!/bin/bash
    cat >> /etc/ecs/ecs.config <<'EOF'
    ECS_CLUSTER=${aws_ecs_cluster.this.name}
    ECS_AWSVPC_BLOCK_IMDS=true
    EOF
  EOT

  # Provider default_tags do not reach instances and volumes launched by Auto Scaling; the
  # launch template tags them (the Name plus the env's default tags).
  instance_tags = merge(data.aws_default_tags.current.tags, { Name = local.name })
}

resource "aws_launch_template" "this" {
  name                   = local.name
  description            = "ECS container instances of ${local.name}."
  image_id               = local.image_id
  instance_type          = var.instance_type
  update_default_version = true
  user_data              = base64encode(local.user_data)
  vpc_security_group_ids = [aws_security_group.instances.id]

  iam_instance_profile {
    arn = aws_iam_instance_profile.instance.arn
  }

  # IMDSv2 only. The hop limit of 2 lets IMDSv2 answers cross the one extra network hop of a
  # container; awsvpc tasks are kept off the service altogether (ECS_AWSVPC_BLOCK_IMDS).
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
    instance_metadata_tags      = "disabled"
  }

  monitoring {
    enabled = true
  }

  # The root volume of the Amazon Linux 2023 ECS-optimised AMI, which also holds the images.
  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = var.instances.root_volume_size
      volume_type           = "gp3"
      encrypted             = "true"
      kms_key_id            = var.kms_key_arn
      delete_on_termination = "true"
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = local.instance_tags
  }

  tag_specifications {
    resource_type = "volume"
    tags          = local.instance_tags
  }
}

# Auto Scaling launches the instances with its service-linked role, whose fixed policy has no
# access to customer managed keys: without this grant the encrypted root volumes cannot be
# created and every launch fails.
resource "aws_kms_grant" "autoscaling" {
  name              = "${local.name}-ebs"
  key_id            = var.kms_key_arn
  grantee_principal = local.autoscaling_role_arn
  operations = [
    "CreateGrant",
    "Decrypt",
    "DescribeKey",
    "Encrypt",
    "GenerateDataKey",
    "GenerateDataKeyWithoutPlaintext",
    "ReEncryptFrom",
    "ReEncryptTo",
  ]
}

resource "aws_autoscaling_group" "this" {
  name                    = local.name
  min_size                = var.instances.min_size
  max_size                = var.instances.max_size
  desired_capacity        = coalesce(var.instances.desired_capacity, var.instances.min_size)
  vpc_zone_identifier     = var.private_subnet_ids
  service_linked_role_arn = local.autoscaling_role_arn
  health_check_type       = "EC2"

  # Managed termination protection: ECS lifts the protection of an instance once it runs no
  # tasks, so Auto Scaling only ever scales in empty instances.
  protect_from_scale_in = true
  # Only used on destroy (after the service is gone): protected instances would otherwise keep
  # the group from being deleted.
  force_delete = true

  enabled_metrics = [
    "GroupDesiredCapacity",
    "GroupInServiceInstances",
    "GroupMaxSize",
    "GroupMinSize",
    "GroupPendingInstances",
    "GroupTerminatingInstances",
    "GroupTotalInstances",
  ]

  launch_template {
    id      = aws_launch_template.this.id
    version = aws_launch_template.this.latest_version
  }

  # ECS adds this tag when the capacity provider takes the group over; declaring it keeps
  # Terraform from removing it and tags the first instances too.
  tag {
    key                 = "AmazonECSManaged"
    value               = ""
    propagate_at_launch = true
  }

  # ECS managed scaling owns the size between min_size and max_size.
  lifecycle {
    ignore_changes = [desired_capacity]
  }

  depends_on = [aws_kms_grant.autoscaling]
}
