# Projects and their registered apps in one table (single-table design). The backend
# (lambda/console_api/store.py) owns the item layout, described in the README:
#   PROJECT#<project_id> / META          the project
#   PROJECT#<project_id> / APP#<app_id>  an app of the project
#   APPID#<app_id>       / APPID         the claim that keeps an app id unique across projects
#   PROJECTS             / NAME#<key>    the project list, sorted by name, and the name's claim
# Listing projects is a Query of the PROJECTS partition, so the table needs no index.
resource "aws_dynamodb_table" "this" {
  name                        = local.name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  # No ttl block: items never expire (TTL off).
}
