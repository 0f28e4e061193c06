# The collector's images. Tags are immutable, so a tag always names the same image; the service
# should still be deployed by digest (var.image) so the task definition says exactly what runs.
resource "aws_ecr_repository" "this" {
  name                 = local.name
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  # ECR adds its own grant on the key when the repository is created; pulls need no KMS
  # permission in the execution role.
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = var.kms_key_arn
  }
}

locals {
  # Rules apply in priority order; a rule with tagStatus "any" must have the highest number.
  # An image pushed by digest only, without a tag, is "untagged": push with a tag and deploy
  # by digest, or the first rule deletes the running image after untagged_days.
  ecr_lifecycle_rules = [
    {
      rulePriority = 1
      description  = "Expire untagged images ${var.image_retention.untagged_days} days after their push."
      selection = {
        tagStatus   = "untagged"
        countType   = "sinceImagePushed"
        countUnit   = "days"
        countNumber = var.image_retention.untagged_days
      }
      action = { type = "expire" }
    },
    {
      rulePriority = 2
      description  = "Keep the newest ${var.image_retention.keep_images} images."
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = var.image_retention.keep_images
      }
      action = { type = "expire" }
    },
  ]
}

resource "aws_ecr_lifecycle_policy" "this" {
  repository = aws_ecr_repository.this.name
  policy     = jsonencode({ rules = local.ecr_lifecycle_rules })
}
