# Generated from manifest/dev.yaml (over manifest/defaults.yaml) by `python -m generator render`.
# Do not edit: change the manifest and re-render; `make check-render` fails on hand edits.
#
# Environment dev (clickstack-dev) in eu-west-1, account 111111111111.
# Modules read top to bottom in the order events flow.

# ---------------------------------------------------------------------------------------------
# Foundation: the platform's encryption key
# ---------------------------------------------------------------------------------------------

module "kms" {
  source = "../../modules/kms"

  prefix                  = "clickstack-dev"
  account_id              = "111111111111"
  deletion_window_in_days = 30
}

# ---------------------------------------------------------------------------------------------
# Edge: WAF in front of the collector API
# ---------------------------------------------------------------------------------------------
# waf: disabled in manifest/dev.yaml (services.waf.enabled = false)

module "ingest_api" {
  source = "../../modules/ingest_api"

  prefix      = "clickstack-dev"
  stream_name = module.stream.stream_name
  stream_arn  = module.stream.stream_arn
  kms_key_arn = module.kms.key_arn
  request_model_schema = jsonencode({
    "$schema" = "http://json-schema.org/draft-04/schema#"
    title     = "CollectRequest"
    type      = "array"
    minItems  = 1
    maxItems  = 500
    items = {
      type                 = "object"
      required             = ["event_id", "event_type", "timestamp", "user_id"]
      additionalProperties = false
      properties = {
        event_id = {
          type      = "string"
          minLength = 1
          maxLength = 64
        }
        event_type = {
          type      = "string"
          minLength = 1
          maxLength = 64
        }
        timestamp = {
          type    = "integer"
          minimum = 0
          maximum = 253402300799999
        }
        app_id = {
          type      = "string"
          minLength = 0
          maxLength = 128
        }
        user_id = {
          type      = "string"
          minLength = 1
          maxLength = 128
        }
        session_id = {
          type      = "string"
          minLength = 0
          maxLength = 128
        }
        page_url = {
          type      = "string"
          minLength = 0
          maxLength = 2048
        }
        page_title = {
          type      = "string"
          minLength = 0
          maxLength = 512
        }
        referrer = {
          type      = "string"
          minLength = 0
          maxLength = 2048
        }
        platform = {
          type = "string"
          enum = ["web", "ios", "android", "other"]
        }
        screen = {
          type      = "string"
          maxLength = 11
          pattern   = "^[0-9]{1,5}x[0-9]{1,5}$"
        }
        locale = {
          type      = "string"
          minLength = 2
          maxLength = 35
          pattern   = "^[A-Za-z]{2,8}([_-][A-Za-z0-9]{1,8})*$"
        }
        timezone = {
          type      = "string"
          minLength = 1
          maxLength = 64
        }
        country = {
          type    = "string"
          pattern = "^[A-Z]{2}$"
        }
        device_model = {
          type      = "string"
          minLength = 0
          maxLength = 128
        }
        app_version = {
          type      = "string"
          minLength = 0
          maxLength = 64
        }
        properties = {
          type          = "object"
          maxProperties = 50
          additionalProperties = {
            type      = "string"
            maxLength = 1024
          }
        }
      }
    }
  })
  throttling = {
    rate_limit  = 10.0
    burst_limit = 20
  }
  cors_allow_origins          = ["http://localhost:3000"]
  stage_name                  = "v1"
  access_log_retention_days   = 7
  manage_account_logging_role = false
}

# ---------------------------------------------------------------------------------------------
# Buffer: Kinesis Data Stream, partitioned by user_id
# ---------------------------------------------------------------------------------------------

module "stream" {
  source = "../../modules/stream"

  prefix = "clickstack-dev"
  capacity = {
    mode        = "ON_DEMAND"
    shard_count = null
  }
  retention_hours = 24
  kms_key_arn     = module.kms.key_arn
}

# ---------------------------------------------------------------------------------------------
# Delivery: Firehose from the stream into the raw zone
# ---------------------------------------------------------------------------------------------

module "firehose" {
  source = "../../modules/firehose"

  prefix                 = "clickstack-dev"
  source_stream_arn      = module.stream.stream_arn
  kms_key_arn            = module.kms.key_arn
  destination_bucket_arn = module.data_lake.raw_bucket_arn
  events_prefix          = "events"
  errors_prefix          = "errors"
  buffering = {
    size_mb          = 5
    interval_seconds = 60
  }
  compression        = "GZIP"
  log_retention_days = 7
}

# ---------------------------------------------------------------------------------------------
# Lake: S3 buckets and the Glue catalog over them
# ---------------------------------------------------------------------------------------------

module "data_lake" {
  source = "../../modules/data_lake"

  prefix      = "clickstack-dev"
  account_id  = "111111111111"
  kms_key_arn = module.kms.key_arn
  retention = {
    raw_days                = 30
    curated_days            = 30
    query_results_days      = 7
    access_logs_days        = 30
    noncurrent_version_days = 7
  }
  force_destroy = true
}

module "catalog" {
  source = "../../modules/catalog"

  prefix          = "clickstack-dev"
  raw_bucket_name = module.data_lake.raw_bucket_name
  events_prefix   = "events"
  columns = [
    {
      name    = "envelope_version"
      type    = "int"
      comment = "Collector envelope format version."
    },
    {
      name    = "received_at"
      type    = "bigint"
      comment = "API Gateway receive time, epoch milliseconds."
    },
    {
      name    = "source_ip"
      type    = "string"
      comment = "Client IP as seen by API Gateway."
    },
    {
      name    = "user_agent"
      type    = "string"
      comment = "User-Agent header as seen by API Gateway."
    },
    {
      name    = "request_id"
      type    = "string"
      comment = "API Gateway request id."
    },
    {
      name    = "event"
      type    = "struct<event_id:string,event_type:string,timestamp:bigint,app_id:string,user_id:string,session_id:string,page_url:string,page_title:string,referrer:string,platform:string,screen:string,locale:string,timezone:string,country:string,device_model:string,app_version:string,properties:map<string,string>>"
      comment = "Client event."
    },
  ]
  projection_start_date = "2026-01-01"
}

# ---------------------------------------------------------------------------------------------
# Query: Athena workgroup and named queries
# ---------------------------------------------------------------------------------------------

module "athena" {
  source = "../../modules/athena"

  prefix                         = "clickstack-dev"
  results_bucket_name            = module.data_lake.query_results_bucket_name
  kms_key_arn                    = module.kms.key_arn
  bytes_scanned_cutoff_per_query = 1073741824
  database_name                  = module.catalog.database_name
  raw_table_name                 = module.catalog.raw_table_name
}
