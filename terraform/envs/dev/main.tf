# Generated from manifest/dev.yaml (over manifest/defaults.yaml) by `python -m generator render`.
# Do not edit: change the manifest and re-render; `make check-render` fails on hand edits.
#
# Environment dev (clickstack-dev) in eu-west-1, account 111111111111.
# Modules read top to bottom in the order events flow.

# ---------------------------------------------------------------------------------------------
# Foundation: the platform's encryption key, network and secrets
# ---------------------------------------------------------------------------------------------
# secrets: disabled in manifest/dev.yaml (services.secrets.enabled = false)

module "kms" {
  source = "../../modules/kms"

  prefix                  = "clickstack-dev"
  account_id              = "111111111111"
  deletion_window_in_days = 30
  extra_policy_documents = {
    alarm_topic = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Sid      = "CloudWatchAlarmsUseKeyForEncryptedTopic"
          Effect   = "Allow"
          Action   = ["kms:GenerateDataKey*", "kms:Decrypt"]
          Resource = "*"
          Principal = {
            Service = "cloudwatch.amazonaws.com"
          }
          Condition = {
            ArnLike = {
              "aws:SourceArn" = "arn:aws:cloudwatch:eu-west-1:111111111111:alarm:clickstack-dev-*"
            }
            StringEquals = {
              "aws:SourceAccount" = "111111111111"
            }
          }
        },
        {
          Sid      = "EventBridgeUsesKeyForEncryptedTopic"
          Effect   = "Allow"
          Action   = ["kms:GenerateDataKey*", "kms:Decrypt"]
          Resource = "*"
          Principal = {
            Service = "events.amazonaws.com"
          }
        },
      ]
    })
  }
}

module "network" {
  source = "../../modules/network"

  prefix             = "clickstack-dev"
  account_id         = "111111111111"
  availability_zones = ["eu-west-1a", "eu-west-1b"]
  cidr_block         = "10.20.0.0/16"
  nat = {
    mode = "none"
  }
  interface_endpoints = {
    kinesis_streams = true
    secretsmanager  = true
    logs            = true
    glue            = true
  }
  consumers = {
    profile_updater = "Lambda profile updater: Kinesis to Redis and Aurora"
  }
  kms_key_arn             = module.kms.key_arn
  flow_log_retention_days = 365
}

# ---------------------------------------------------------------------------------------------
# Edge: WAF in front of the collector API and the collector fleet (Global Accelerator)
# ---------------------------------------------------------------------------------------------
# waf: disabled in manifest/dev.yaml (services.waf.enabled = false)
# ingest_fleet: disabled in manifest/dev.yaml (services.ingest_fleet.enabled = false)
# global_accelerator: disabled in manifest/dev.yaml (services.global_accelerator.enabled = false)

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
# Buffer: Kinesis Data Stream, partitioned by user_id, and MSK
# ---------------------------------------------------------------------------------------------
# msk: disabled in manifest/dev.yaml (services.msk.enabled = false)

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
# Stream processing: Managed Flink metrics and the Lambda profile updater
# ---------------------------------------------------------------------------------------------
# flink: disabled in manifest/dev.yaml (services.flink.enabled = false)

module "profile_updater" {
  source = "../../modules/lambda_function"

  prefix     = "clickstack-dev"
  name       = "profile-updater"
  account_id = "111111111111"
  handler    = "profile_updater.handler.handler"
  artifact = {
    bucket        = module.artifacts.objects["lambda/profile_updater"].bucket
    key           = module.artifacts.objects["lambda/profile_updater"].key
    sha256_base64 = var.artifacts["lambda/profile_updater"].sha256_base64
  }
  memory_mb            = 256
  timeout_seconds      = 60
  reserved_concurrency = null
  kms_key_arn          = module.kms.key_arn
  log_retention_days   = 7
  environment = {
    REDIS_URL           = module.redis.connection_url
    REDIS_IAM_USER      = module.redis.user_id
    REDIS_CACHE_NAME    = module.redis.replication_group_id
    PGHOST              = module.aurora.endpoint
    PGPORT              = tostring(module.aurora.port)
    PGDATABASE          = module.aurora.database_name
    PGSSLMODE           = "require"
    DATABASE_SECRET_ARN = module.aurora.master_user_secret_arn
  }
  vpc = {
    subnet_ids         = module.network.private_subnet_id_list
    security_group_ids = [module.network.consumer_security_group_ids["profile_updater"]]
  }
  extra_policy_json = jsonencode({ Version = "2012-10-17", Statement = concat(jsondecode(module.redis.connect_policy_json).Statement, jsondecode(module.aurora.secret_read_policy_json).Statement) })
  kinesis_source = {
    stream_arn                      = module.stream.stream_arn
    batch_size                      = 500
    maximum_batching_window_seconds = 1
    parallelization_factor          = 1
    maximum_retry_attempts          = 5
    maximum_record_age_seconds      = 3600
    on_failure                      = "sqs"
  }
}

# ---------------------------------------------------------------------------------------------
# Delivery: Firehose from the stream into the raw zone, through the record transform
# ---------------------------------------------------------------------------------------------

module "firehose_transform" {
  source = "../../modules/lambda_function"

  prefix     = "clickstack-dev"
  name       = "firehose-transform"
  account_id = "111111111111"
  handler    = "firehose_transform.handler.handler"
  artifact = {
    bucket        = module.artifacts.objects["lambda/firehose_transform"].bucket
    key           = module.artifacts.objects["lambda/firehose_transform"].key
    sha256_base64 = var.artifacts["lambda/firehose_transform"].sha256_base64
  }
  memory_mb            = 256
  timeout_seconds      = 60
  reserved_concurrency = null
  kms_key_arn          = module.kms.key_arn
  log_retention_days   = 7
  invokers = {
    firehose = {
      principal  = "firehose.amazonaws.com"
      source_arn = "arn:aws:firehose:eu-west-1:111111111111:deliverystream/clickstack-dev-raw-events"
    }
  }
}

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
  compression          = "GZIP"
  log_retention_days   = 7
  processor_lambda_arn = module.firehose_transform.function_arn
}

# ---------------------------------------------------------------------------------------------
# Lake: S3 buckets, the code artifacts, the Glue catalog and the daily batch job (Glue or EMR Serverless, run by the Step Functions workflow)
# ---------------------------------------------------------------------------------------------
# emr_serverless: disabled in manifest/dev.yaml (services.emr_serverless.enabled = false)
# orchestration: disabled in manifest/dev.yaml (services.orchestration.enabled = false)

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

module "artifacts" {
  source = "../../modules/artifacts"

  bucket_name = module.data_lake.artifacts_bucket_name
  kms_key_arn = module.kms.key_arn
  artifacts   = { for name in ["glue/sessionize", "lambda/firehose_transform", "lambda/profile_updater"] : name => var.artifacts[name] }
}

module "catalog" {
  source = "../../modules/catalog"

  prefix          = "clickstack-dev"
  database_name   = "clickstack_dev"
  raw_bucket_name = module.data_lake.raw_bucket_name
  events_prefix   = "events"
  columns = [
    {
      name    = "event_id"
      type    = "string"
      comment = "Client-generated unique id (dedup key)."
    },
    {
      name    = "event_type"
      type    = "string"
      comment = "page_view, click, ..."
    },
    {
      name    = "event_time"
      type    = "bigint"
      comment = "Event time, epoch ms: the client time, or corrected by the server when the client clock was off by more than the tolerance."
    },
    {
      name    = "client_time"
      type    = "bigint"
      comment = "The client's own timestamp, epoch ms, as sent."
    },
    {
      name    = "received_at"
      type    = "bigint"
      comment = "API Gateway receive time, epoch ms."
    },
    {
      name    = "clock_skew_ms"
      type    = "bigint"
      comment = "received_at - client clock, ms (for SDK batches: received_at - the SDK's upload_timestamp)."
    },
    {
      name    = "clock_corrected"
      type    = "boolean"
      comment = "True when event_time was corrected for client clock skew."
    },
    {
      name    = "app_id"
      type    = "string"
      comment = "Application that sent the event."
    },
    {
      name    = "user_id"
      type    = "string"
      comment = "User id."
    },
    {
      name    = "session_id"
      type    = "string"
      comment = "Client session id."
    },
    {
      name    = "page_url"
      type    = "string"
      comment = "Page URL."
    },
    {
      name    = "page_path"
      type    = "string"
      comment = "Path part of page_url (no query or fragment)."
    },
    {
      name    = "page_title"
      type    = "string"
      comment = "Page title."
    },
    {
      name    = "referrer"
      type    = "string"
      comment = "Referrer URL."
    },
    {
      name    = "client_ip"
      type    = "string"
      comment = "Client IP as seen by API Gateway."
    },
    {
      name    = "user_agent"
      type    = "string"
      comment = "User-Agent header as seen by API Gateway."
    },
    {
      name    = "device_type"
      type    = "string"
      comment = "Device class from the user agent."
    },
    {
      name    = "os_name"
      type    = "string"
      comment = "Operating system from the user agent."
    },
    {
      name    = "browser_name"
      type    = "string"
      comment = "Browser from the user agent."
    },
    {
      name    = "is_bot"
      type    = "boolean"
      comment = "User agent is a known crawler, script or headless browser."
    },
    {
      name    = "platform"
      type    = "string"
      comment = "Client platform."
    },
    {
      name    = "country"
      type    = "string"
      comment = "ISO 3166-1 alpha-2 country (client hint)."
    },
    {
      name    = "locale"
      type    = "string"
      comment = "Client locale."
    },
    {
      name    = "screen"
      type    = "string"
      comment = "Screen size, WIDTHxHEIGHT."
    },
    {
      name    = "timezone"
      type    = "string"
      comment = "Client time zone."
    },
    {
      name    = "device_model"
      type    = "string"
      comment = "Device model."
    },
    {
      name    = "app_version"
      type    = "string"
      comment = "App version."
    },
    {
      name    = "properties"
      type    = "map<string,string>"
      comment = "Free-form string properties."
    },
  ]
  curated_bucket_name = module.data_lake.curated_bucket_name
  curated_tables = {
    curated_events = {
      prefix      = "events"
      description = "Valid, de-duplicated events with their session_key (Parquet, by dt)."
      columns = [
        {
          name    = "event_id"
          type    = "string"
          comment = "Client-generated unique id (dedup key)."
        },
        {
          name    = "event_type"
          type    = "string"
          comment = "page_view, click, ..."
        },
        {
          name    = "event_time"
          type    = "bigint"
          comment = "Event time, epoch ms: the client time, or corrected by the server when the client clock was off by more than the tolerance."
        },
        {
          name    = "client_time"
          type    = "bigint"
          comment = "The client's own timestamp, epoch ms, as sent."
        },
        {
          name    = "received_at"
          type    = "bigint"
          comment = "API Gateway receive time, epoch ms."
        },
        {
          name    = "clock_skew_ms"
          type    = "bigint"
          comment = "received_at - client clock, ms (for SDK batches: received_at - the SDK's upload_timestamp)."
        },
        {
          name    = "clock_corrected"
          type    = "boolean"
          comment = "True when event_time was corrected for client clock skew."
        },
        {
          name    = "app_id"
          type    = "string"
          comment = "Application that sent the event."
        },
        {
          name    = "user_id"
          type    = "string"
          comment = "User id."
        },
        {
          name    = "session_id"
          type    = "string"
          comment = "Client session id."
        },
        {
          name    = "page_url"
          type    = "string"
          comment = "Page URL."
        },
        {
          name    = "page_path"
          type    = "string"
          comment = "Path part of page_url (no query or fragment)."
        },
        {
          name    = "page_title"
          type    = "string"
          comment = "Page title."
        },
        {
          name    = "referrer"
          type    = "string"
          comment = "Referrer URL."
        },
        {
          name    = "client_ip"
          type    = "string"
          comment = "Client IP as seen by API Gateway."
        },
        {
          name    = "user_agent"
          type    = "string"
          comment = "User-Agent header as seen by API Gateway."
        },
        {
          name    = "device_type"
          type    = "string"
          comment = "Device class from the user agent."
        },
        {
          name    = "os_name"
          type    = "string"
          comment = "Operating system from the user agent."
        },
        {
          name    = "browser_name"
          type    = "string"
          comment = "Browser from the user agent."
        },
        {
          name    = "is_bot"
          type    = "boolean"
          comment = "User agent is a known crawler, script or headless browser."
        },
        {
          name    = "platform"
          type    = "string"
          comment = "Client platform."
        },
        {
          name    = "country"
          type    = "string"
          comment = "ISO 3166-1 alpha-2 country (client hint)."
        },
        {
          name    = "locale"
          type    = "string"
          comment = "Client locale."
        },
        {
          name    = "screen"
          type    = "string"
          comment = "Screen size, WIDTHxHEIGHT."
        },
        {
          name    = "timezone"
          type    = "string"
          comment = "Client time zone."
        },
        {
          name    = "device_model"
          type    = "string"
          comment = "Device model."
        },
        {
          name    = "app_version"
          type    = "string"
          comment = "App version."
        },
        {
          name    = "properties"
          type    = "map<string,string>"
          comment = "Free-form string properties."
        },
        {
          name    = "hr"
          type    = "string"
          comment = "UTC hour of event_time, HH."
        },
        {
          name    = "session_key"
          type    = "string"
          comment = "Server-side session: sha256 of user_id and the session's first event_id (30-minute inactivity gap)."
        },
      ]
    }
    sessions = {
      prefix      = "sessions"
      description = "One row per session, 30-minute inactivity gap (Parquet, by dt)."
      columns = [
        {
          name    = "session_key"
          type    = "string"
          comment = "Session id, as on the curated events."
        },
        {
          name    = "user_id"
          type    = "string"
          comment = "User id."
        },
        {
          name    = "start"
          type    = "timestamp"
          comment = "Time of the first event, UTC."
        },
        {
          name    = "end"
          type    = "timestamp"
          comment = "Time of the last event, UTC."
        },
        {
          name    = "duration_s"
          type    = "double"
          comment = "end - start, seconds."
        },
        {
          name    = "event_count"
          type    = "bigint"
          comment = "Events in the session."
        },
        {
          name    = "page_views"
          type    = "bigint"
          comment = "page_view events in the session."
        },
        {
          name    = "first_page"
          type    = "string"
          comment = "Page (path, else URL) of the first event that has one."
        },
        {
          name    = "last_page"
          type    = "string"
          comment = "Page (path, else URL) of the last event that has one."
        },
        {
          name    = "entry_referrer"
          type    = "string"
          comment = "Referrer of the first event."
        },
        {
          name    = "device_type"
          type    = "string"
          comment = "Device class of the first event."
        },
        {
          name    = "is_bot"
          type    = "boolean"
          comment = "True when any event of the session was flagged as a bot."
        },
      ]
    }
    processing_errors = {
      prefix      = "errors"
      description = "Raw-zone lines the Glue job could not use, with why (Parquet, by dt)."
      columns = [
        {
          name    = "reason"
          type    = "string"
          comment = "Stable reason code."
        },
        {
          name    = "detail"
          type    = "string"
          comment = "The specifics: which field, what was found."
        },
        {
          name    = "event_id"
          type    = "string"
          comment = "event_id when it could be read."
        },
        {
          name    = "user_id"
          type    = "string"
          comment = "user_id when it could be read."
        },
        {
          name    = "raw_record"
          type    = "string"
          comment = "The line as read (verbatim when it was not JSON)."
        },
        {
          name    = "source_file"
          type    = "string"
          comment = "Raw-zone object the line came from."
        },
        {
          name    = "hr"
          type    = "string"
          comment = "Raw-zone hour partition of the line."
        },
      ]
    }
  }
  projection_start_date = "2026-01-01"
}

module "glue_etl" {
  source = "../../modules/glue_etl"

  prefix = "clickstack-dev"
  script = {
    bucket = module.artifacts.objects["glue/sessionize"].bucket
    key    = module.artifacts.objects["glue/sessionize"].key
  }
  raw = {
    bucket = module.data_lake.raw_bucket_name
    prefix = "events"
  }
  curated = {
    bucket          = module.data_lake.curated_bucket_name
    events_prefix   = "events"
    sessions_prefix = "sessions"
    errors_prefix   = "errors"
  }
  artifacts_bucket    = module.data_lake.artifacts_bucket_name
  kms_key_arn         = module.kms.key_arn
  worker_type         = "G.1X"
  number_of_workers   = 2
  timeout_minutes     = 60
  max_retries         = 1
  session_gap_minutes = 30
  schedule            = "cron(15 1 * * ? *)"
  log_retention_days  = 7
  glue_database_name  = module.catalog.database_name
  curated_table_names = {
    events   = "curated_events"
    sessions = "sessions"
    errors   = "processing_errors"
  }
}

# ---------------------------------------------------------------------------------------------
# Warehouse and query: Athena, Redshift Spectrum and QuickSight
# ---------------------------------------------------------------------------------------------
# redshift: disabled in manifest/dev.yaml (services.redshift.enabled = false)
# quicksight: disabled in manifest/dev.yaml (services.quicksight.enabled = false)

module "athena" {
  source = "../../modules/athena"

  prefix                         = "clickstack-dev"
  results_bucket_name            = module.data_lake.query_results_bucket_name
  kms_key_arn                    = module.kms.key_arn
  bytes_scanned_cutoff_per_query = 1073741824
  database_name                  = module.catalog.database_name
  named_queries = {
    daily_active_users = {
      description = "Distinct users, sessions and events per day over the last 7 days, bots excluded."
      query       = <<-SQL
        -- Distinct users, sessions and events per day over the last 7 days, bots excluded.
        SELECT
          dt,
          count(DISTINCT user_id) AS daily_active_users,
          count(DISTINCT session_key) AS sessions,
          count(*) AS events
        FROM "clickstack_dev"."curated_events"
        WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
          AND NOT is_bot
        GROUP BY dt
        ORDER BY dt
      SQL
    }
    events_per_type = {
      description = "Events per day and event type over the last 7 days, with how many came from bots."
      query       = <<-SQL
        -- Events per day and event type over the last 7 days, with how many came from bots.
        SELECT
          dt,
          event_type,
          count(*) AS events,
          count_if(is_bot) AS bot_events
        FROM "clickstack_dev"."curated_events"
        WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
        GROUP BY dt, event_type
        ORDER BY dt, events DESC, event_type
      SQL
    }
    processing_errors = {
      description = "Raw-zone lines the Glue job could not use, per day and reason over the last 7 days, with one example of each."
      query       = <<-SQL
        -- Raw-zone lines the Glue job could not use, per day and reason over the last 7 days, with one example of each.
        SELECT
          dt,
          reason,
          count(*) AS lines,
          arbitrary(raw_record) AS example
        FROM "clickstack_dev"."processing_errors"
        WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
        GROUP BY dt, reason
        ORDER BY dt, lines DESC, reason
      SQL
    }
    session_summary = {
      description = "Sessions per day over the last 7 days: count, average length, pages per session and bounce rate (one page view or none), bots excluded."
      query       = <<-SQL
        -- Sessions per day over the last 7 days: count, average length, pages per session and bounce rate (one page view or none), bots excluded.
        SELECT
          dt,
          count(*) AS sessions,
          round(avg(duration_s), 1) AS avg_duration_s,
          round(avg(page_views), 2) AS pages_per_session,
          round(avg(CASE WHEN page_views <= 1 THEN 1.0 ELSE 0.0 END), 4) AS bounce_rate
        FROM "clickstack_dev"."sessions"
        WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
          AND NOT is_bot
        GROUP BY dt
        ORDER BY dt
      SQL
    }
    top_entry_pages = {
      description = "The 50 pages most sessions start on over the last 7 days, with each page's bounce rate, bots excluded."
      query       = <<-SQL
        -- The 50 pages most sessions start on over the last 7 days, with each page's bounce rate, bots excluded.
        SELECT
          first_page AS entry_page,
          count(*) AS sessions,
          round(avg(CASE WHEN page_views <= 1 THEN 1.0 ELSE 0.0 END), 4) AS bounce_rate
        FROM "clickstack_dev"."sessions"
        WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
          AND first_page IS NOT NULL
          AND NOT is_bot
        GROUP BY first_page
        ORDER BY sessions DESC, entry_page
        LIMIT 50
      SQL
    }
    top_pages = {
      description = "The 50 most viewed pages (path, query string removed) over the last 7 days, bots excluded."
      query       = <<-SQL
        -- The 50 most viewed pages (path, query string removed) over the last 7 days, bots excluded.
        SELECT
          page_path,
          count(*) AS page_views,
          count(DISTINCT user_id) AS unique_users
        FROM "clickstack_dev"."curated_events"
        WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')
          AND event_type = 'page_view'
          AND page_path IS NOT NULL
          AND NOT is_bot
        GROUP BY page_path
        ORDER BY page_views DESC, page_path
        LIMIT 50
      SQL
    }
  }
}

# ---------------------------------------------------------------------------------------------
# Serving stores: Redis profiles and Aurora users
# ---------------------------------------------------------------------------------------------

module "redis" {
  source = "../../modules/redis"

  prefix         = "clickstack-dev"
  engine         = "valkey"
  engine_version = null
  node_type      = "cache.t4g.micro"
  replicas       = 0
  multi_az       = false
  subnet_ids     = module.network.private_subnet_id_list
  vpc_id         = module.network.vpc_id
  allowed_security_group_ids = {
    profile_updater = module.network.consumer_security_group_ids["profile_updater"]
  }
  kms_key_arn             = module.kms.key_arn
  snapshot_retention_days = 0
  log_retention_days      = 7
}

module "aurora" {
  source = "../../modules/aurora"

  prefix         = "clickstack-dev"
  engine_version = "16.4"
  min_acu        = 0.5
  max_acu        = 2.0
  instances      = 1
  subnet_ids     = module.network.private_subnet_id_list
  vpc_id         = module.network.vpc_id
  allowed_security_group_ids = {
    profile_updater = module.network.consumer_security_group_ids["profile_updater"]
  }
  kms_key_arn           = module.kms.key_arn
  backup_retention_days = 1
  deletion_protection   = false
  skip_final_snapshot   = true
  performance_insights  = true
  log_retention_days    = 365
}

# ---------------------------------------------------------------------------------------------
# Operations: alarms and dashboard, and the operator console with its backend
# ---------------------------------------------------------------------------------------------
# console: disabled in manifest/dev.yaml (services.console.enabled = false)

module "monitoring" {
  source = "../../modules/monitoring"

  prefix                 = "clickstack-dev"
  account_id             = "111111111111"
  kms_key_arn            = module.kms.key_arn
  alarm_emails           = []
  topic_policy_documents = []
  kinesis_stream = {
    stream_name = module.stream.stream_name
  }
  firehose = {
    delivery_stream_name = module.firehose.delivery_stream_name
  }
  lambda_functions = {
    profile_updater = {
      function_name = module.profile_updater.function_name
    }
    firehose_transform = {
      function_name = module.firehose_transform.function_name
    }
  }
  flink_application = null
  glue_job = {
    job_name = module.glue_etl.job_name
  }
  emr_serverless_application = null
  load_balancer              = null
  ecs_service                = null
  elasticache = {
    cache_cluster_ids = module.redis.member_clusters
  }
  aurora_cluster = {
    cluster_identifier = module.aurora.cluster_id
  }
}
