locals {
  database_name = coalesce(var.database_name, replace(var.prefix, "-", "_"))
  location      = "s3://${var.raw_bucket_name}/${var.events_prefix}/"
  curated_locations = {
    for name, table in var.curated_tables : name => "s3://${var.curated_bucket_name}/${table.prefix}/"
  }
}

resource "aws_glue_catalog_database" "this" {
  name        = local.database_name
  description = "Clickstream events of ${var.prefix}."
}

resource "aws_glue_catalog_table" "raw_events" {
  name          = "raw_events"
  database_name = aws_glue_catalog_database.this.name
  description   = "Collector envelopes as delivered by Firehose: newline-delimited JSON, one object per event."
  table_type    = "EXTERNAL_TABLE"

  # Partition projection computes dt/hr from the key layout Firehose writes, so no crawler or
  # MSCK REPAIR is needed and new hours are queryable as soon as they land.
  parameters = {
    "EXTERNAL"                    = "TRUE"
    "classification"              = "json"
    "compressionType"             = "gzip"
    "projection.enabled"          = "true"
    "projection.dt.type"          = "date"
    "projection.dt.format"        = "yyyy-MM-dd"
    "projection.dt.range"         = "${var.projection_start_date},NOW"
    "projection.dt.interval"      = "1"
    "projection.dt.interval.unit" = "DAYS"
    "projection.hr.type"          = "integer"
    "projection.hr.range"         = "0,23"
    "projection.hr.digits"        = "2"
    "storage.location.template"   = "${local.location}dt=$${dt}/hr=$${hr}/"
  }

  storage_descriptor {
    location      = local.location
    input_format  = "org.apache.hadoop.mapred.TextInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"

    # ignore.malformed.json is deliberately not set: a malformed line must fail the query
    # rather than silently disappear from the results.
    ser_de_info {
      name                  = "json"
      serialization_library = "org.openx.data.jsonserde.JsonSerDe"
    }

    dynamic "columns" {
      for_each = var.columns
      content {
        name    = columns.value.name
        type    = columns.value.type
        comment = columns.value.comment
      }
    }
  }

  partition_keys {
    name    = "dt"
    type    = "string"
    comment = "Day the record reached Firehose, UTC, yyyy-MM-dd."
  }

  partition_keys {
    name    = "hr"
    type    = "string"
    comment = "Hour the record reached Firehose, UTC, 00-23."
  }
}

# Parquet tables the Glue job writes to the curated bucket (curated events, sessions, processing
# errors), one dt=yyyy-MM-dd folder per day. Projection again: a day the job writes is queryable
# at once, and a day it has not written yet reads as empty rather than failing.
resource "aws_glue_catalog_table" "curated" {
  for_each      = var.curated_tables
  name          = each.key
  database_name = aws_glue_catalog_database.this.name
  description   = each.value.description
  table_type    = "EXTERNAL_TABLE"

  parameters = {
    "EXTERNAL"                    = "TRUE"
    "classification"              = "parquet"
    "parquet.compression"         = "SNAPPY"
    "projection.enabled"          = "true"
    "projection.dt.type"          = "date"
    "projection.dt.format"        = "yyyy-MM-dd"
    "projection.dt.range"         = "${var.projection_start_date},NOW"
    "projection.dt.interval"      = "1"
    "projection.dt.interval.unit" = "DAYS"
    "storage.location.template"   = "${local.curated_locations[each.key]}dt=$${dt}/"
  }

  storage_descriptor {
    location      = local.curated_locations[each.key]
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      name                  = "parquet"
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    }

    dynamic "columns" {
      for_each = each.value.columns
      content {
        name    = columns.value.name
        type    = columns.value.type
        comment = columns.value.comment
      }
    }
  }

  partition_keys {
    name    = "dt"
    type    = "string"
    comment = "Day processed by the Glue job, UTC, yyyy-MM-dd."
  }
}

# Account/region singleton: only the stack that owns it may manage it, or stacks would
# overwrite each other's settings.
resource "aws_glue_data_catalog_encryption_settings" "this" {
  count = var.manage_catalog_encryption ? 1 : 0

  data_catalog_encryption_settings {
    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
      sse_aws_kms_key_id      = var.catalog_kms_key_arn
    }

    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id                       = var.catalog_kms_key_arn
    }
  }
}
