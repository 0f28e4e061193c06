# QuickSight runs Athena queries as its account-wide service role (aws-quicksight-service-role-v0),
# which this module does not own: it only renders the policy that role needs for this data source,
# for the account admin to attach.
data "aws_partition" "current" {}

locals {
  access = var.service_role_access

  # The key, the lake and the workgroup are in the platform's account and region; the key ARN
  # tells the region without an AWS call. Unused (empty) when no policy is rendered.
  region = try(split(":", local.access.kms_key_arn)[3], "")
  arn    = "arn:${data.aws_partition.current.partition}"

  athena_workgroup_arn = "${local.arn}:athena:${local.region}:${var.account_id}:workgroup/${var.athena_workgroup_name}"
  athena_catalog_arn   = "${local.arn}:athena:${local.region}:${var.account_id}:datacatalog/AwsDataCatalog"
  glue_catalog_arn     = "${local.arn}:glue:${local.region}:${var.account_id}:catalog"
  glue_database_arn    = "${local.arn}:glue:${local.region}:${var.account_id}:database/${try(local.access.glue_database_name, "")}"
  glue_tables_arn      = "${local.arn}:glue:${local.region}:${var.account_id}:table/${try(local.access.glue_database_name, "")}/*"
}

data "aws_iam_policy_document" "service_role" {
  count = local.access == null ? 0 : 1

  # Queries run, are polled and read back in the one workgroup the data source names.
  statement {
    sid = "RunQueriesInWorkgroup"
    actions = [
      "athena:BatchGetQueryExecution",
      "athena:GetQueryExecution",
      "athena:GetQueryResults",
      "athena:GetQueryResultsStream",
      "athena:GetWorkGroup",
      "athena:ListQueryExecutions",
      "athena:StartQueryExecution",
      "athena:StopQueryExecution",
    ]
    resources = [local.athena_workgroup_arn]
  }

  # Browsing databases and tables when a dataset is built goes through Athena's catalog API.
  statement {
    sid = "BrowseAthenaCatalog"
    actions = [
      "athena:GetDataCatalog",
      "athena:GetDatabase",
      "athena:GetTableMetadata",
      "athena:ListDatabases",
      "athena:ListTableMetadata",
    ]
    resources = [local.athena_catalog_arn]
  }

  # Athena reads the Glue catalog with the caller's (the service role's) permissions.
  statement {
    sid = "ReadLakeCatalog"
    actions = [
      "glue:BatchGetPartition",
      "glue:GetDatabase",
      "glue:GetDatabases",
      "glue:GetPartition",
      "glue:GetPartitions",
      "glue:GetTable",
      "glue:GetTables",
    ]
    resources = [local.glue_catalog_arn, local.glue_database_arn, local.glue_tables_arn]
  }

  statement {
    sid       = "ListBuckets"
    actions   = ["s3:GetBucketLocation", "s3:ListBucket"]
    resources = concat(local.access.lake_bucket_arns, [local.access.results_bucket_arn])
  }

  statement {
    sid       = "ReadLakeObjects"
    actions   = ["s3:GetObject"]
    resources = [for arn in local.access.lake_bucket_arns : "${arn}/*"]
  }

  # Athena writes each result under the workgroup's output location and QuickSight reads it back.
  statement {
    sid = "WriteQueryResults"
    actions = [
      "s3:AbortMultipartUpload",
      "s3:GetObject",
      "s3:ListMultipartUploadParts",
      "s3:PutObject",
    ]
    resources = ["${local.access.results_bucket_arn}/${local.access.results_prefix}/*"]
  }

  statement {
    sid       = "ListResultUploads"
    actions   = ["s3:ListBucketMultipartUploads"]
    resources = [local.access.results_bucket_arn]
  }

  # Lake objects and results are SSE-KMS with the platform key; the Glue catalog may be too.
  statement {
    sid       = "UsePlatformKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [local.access.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values = [
        "s3.${local.region}.${data.aws_partition.current.dns_suffix}",
        "glue.${local.region}.${data.aws_partition.current.dns_suffix}",
      ]
    }
  }
}
