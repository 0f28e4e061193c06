# Access control without a password anywhere: the application user authenticates with a
# short-lived IAM token (SigV4, valid 15 minutes) that its role may only create with
# elasticache:Connect on this replication group and this user. Offline plans cannot generate a
# random AUTH token (only the aws provider is available), and a token passed in as a variable
# would end up in the state; IAM authentication needs neither.
#
# The users and the group use engine "redis": ElastiCache accepts Redis-engine user groups on
# Valkey caches too, and only they may hold the password-less "default" user below (a
# Valkey-engine group admits password or IAM users only).

# Every user group must contain a user named "default"; connections that have not authenticated
# run as it. This one is switched off and may run nothing, so an unauthenticated client can do
# nothing but AUTH/HELLO.
resource "aws_elasticache_user" "default" {
  user_id       = "${local.name}-default"
  user_name     = "default"
  engine        = "redis"
  access_string = "off -@all"
  # A disabled user; a password would only be one more secret to keep.
  no_password_required = true
}

# IAM users must have user_name equal to user_id; clients send it as the username with the IAM
# token as the password.
resource "aws_elasticache_user" "app" {
  user_id       = "${local.name}-app"
  user_name     = "${local.name}-app"
  engine        = "redis"
  access_string = var.access_string

  authentication_mode {
    type = "iam"
  }
}

resource "aws_elasticache_user_group" "this" {
  user_group_id = local.name
  engine        = "redis"
  user_ids = [
    aws_elasticache_user.default.user_id,
    aws_elasticache_user.app.user_id,
  ]
}

# What a consumer's role needs to create IAM tokens for the application user.
data "aws_iam_policy_document" "connect" {
  statement {
    sid     = "ConnectAsAppUser"
    actions = ["elasticache:Connect"]
    resources = [
      aws_elasticache_replication_group.this.arn,
      aws_elasticache_user.app.arn,
    ]
  }
}
