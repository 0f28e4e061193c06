locals {
  output_location = "s3://${var.results_bucket_name}/athena/"
  # Saved queries shipped with the platform; SQL lives in templates/<name>.sql.
  named_queries = {
    daily_active_users = "Distinct users per day over the last 7 days of raw events."
    top_pages          = "Most viewed pages over the last 7 days of raw events."
    events_per_type    = "Event counts per day and event type over the last 7 days of raw events."
  }
}

resource "aws_athena_workgroup" "this" {
  name = var.prefix

  configuration {
    # Clients cannot override the output location, encryption or scan limit.
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    bytes_scanned_cutoff_per_query     = var.bytes_scanned_cutoff_per_query

    engine_version {
      selected_engine_version = "AUTO"
    }

    result_configuration {
      output_location = local.output_location

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = var.kms_key_arn
      }
    }
  }
}

resource "aws_athena_named_query" "this" {
  for_each    = local.named_queries
  name        = each.key
  description = each.value
  workgroup   = aws_athena_workgroup.this.id
  database    = var.database_name
  query = templatefile("${path.module}/templates/${each.key}.sql", {
    database = var.database_name
    table    = var.raw_table_name
  })
}
