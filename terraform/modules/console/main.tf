data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  dns_suffix = data.aws_partition.current.dns_suffix
  region     = data.aws_region.current.name
  name       = "${var.prefix}-console"

  web_bucket_name = "${var.prefix}-${var.account_id}-console-web"
  web_bucket_arn  = "arn:${local.partition}:s3:::${local.web_bucket_name}"
  table_arn       = "arn:${local.partition}:dynamodb:${local.region}:${var.account_id}:table/${local.name}"

  # Host names the browser uses: the aliases, or the distribution's own *.cloudfront.net name
  # (known only after apply). The console's origin https://<host>/ is always a Cognito callback
  # and logout URL, so a first apply without a custom domain signs in without a second pass.
  console_hosts = var.custom_domain != null ? var.custom_domain.aliases : [aws_cloudfront_distribution.this.domain_name]
  console_urls  = [for host in local.console_hosts : "https://${host}/"]

  hosted_ui_domain_prefix = coalesce(var.auth.hosted_ui_domain_prefix, "${local.name}-${var.account_id}")
}
