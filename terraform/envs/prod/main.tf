# Generated from manifest/prod.yaml (over manifest/defaults.yaml) by `python -m generator render`.
# Do not edit: change the manifest and re-render; `make check-render` fails on hand edits.
#
# Environment prod (clickstack-prod) in eu-west-1, account 333333333333.
# Modules read top to bottom in the order events flow.

# ---------------------------------------------------------------------------------------------
# Foundation: the platform's encryption key, network and secrets
# ---------------------------------------------------------------------------------------------

module "kms" {
  source = "../../modules/kms"

  prefix                  = "clickstack-prod"
  account_id              = "333333333333"
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
              "aws:SourceArn" = "arn:aws:cloudwatch:eu-west-1:333333333333:alarm:clickstack-prod-*"
            }
            StringEquals = {
              "aws:SourceAccount" = "333333333333"
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
    state_machine_logs = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Sid    = "StateMachineLogDelivery"
          Effect = "Allow"
          Principal = {
            Service = "delivery.logs.amazonaws.com"
          }
          Action   = "kms:Decrypt"
          Resource = "*"
        },
      ]
    })
  }
}

module "network" {
  source = "../../modules/network"

  prefix             = "clickstack-prod"
  account_id         = "333333333333"
  availability_zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  cidr_block         = "10.40.0.0/16"
  nat = {
    mode = "per_az"
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

module "secrets" {
  source = "../../modules/secrets"

  prefix               = "clickstack-prod"
  account_id           = "333333333333"
  kms_key_arn          = module.kms.key_arn
  recovery_window_days = 30
  secrets = {
    bi_user = {
      description = "Redshift user of the BI tools (created in the database by the warehouse owner)"
      generated_password = {
        json_key = "password"
        json_fields = {
          username = "clickstack_bi"
        }
      }
    }
    oidc_client = {
      description        = "Client secret of the console's OIDC identity provider (an operator puts it)"
      generated_password = null
    }
  }
}

# ---------------------------------------------------------------------------------------------
# Edge: WAF in front of the collector API and the collector fleet (Global Accelerator)
# ---------------------------------------------------------------------------------------------

module "waf" {
  source = "../../modules/waf"

  prefix             = "clickstack-prod"
  rate_limit_per_ip  = 5000
  max_body_bytes     = 8192
  kms_key_arn        = module.kms.key_arn
  log_retention_days = 90
  resource_arns = {
    api   = module.ingest_api.stage_arn
    fleet = module.ingest_fleet.alb_arn
  }
}

module "ingest_api" {
  source = "../../modules/ingest_api"

  prefix      = "clickstack-prod"
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
    rate_limit  = 3750.0
    burst_limit = 7500
  }
  cors_allow_origins          = ["https://www.example.com"]
  stage_name                  = "v1"
  access_log_retention_days   = 90
  manage_account_logging_role = true
}

module "ingest_fleet" {
  source = "../../modules/ingest_fleet"

  prefix             = "clickstack-prod"
  account_id         = "333333333333"
  vpc_id             = module.network.vpc_id
  private_subnet_ids = module.network.private_subnet_id_list
  public_subnet_ids  = values(module.network.public_subnet_ids)
  stream_arn         = module.stream.stream_arn
  kms_key_arn        = module.kms.key_arn
  image              = "333333333333.dkr.ecr.eu-west-1.amazonaws.com/clickstack-prod-fleet:0.1.0"
  instance_type      = "c7g.xlarge"
  instances = {
    min_size = 3
    max_size = 12
  }
  tasks = {
    min                      = 6
    max                      = 48
    target_requests_per_task = 6000
  }
  task_cpu        = 512
  task_memory     = 1024
  certificate_arn = "arn:aws:acm:eu-west-1:333333333333:certificate/0b6e2f52-8d0c-4c47-a5a4-6f8b9a1c2d3e"
  domain_name     = "collect.example.com"
  allowed_cidrs = {
    internet = "0.0.0.0/0"
  }
  deletion_protection = true
  log_retention_days  = 90
  access_logs = {
    bucket = module.data_lake.access_logs_bucket_name
    prefix = "alb"
  }
}

module "global_accelerator" {
  source = "../../modules/global_accelerator"

  prefix                  = "clickstack-prod"
  alb_arn                 = module.ingest_fleet.alb_arn
  alb_region              = "eu-west-1"
  client_affinity         = "NONE"
  traffic_dial_percentage = 100
}

# ---------------------------------------------------------------------------------------------
# Buffer: Kinesis Data Stream, partitioned by user_id, and MSK
# ---------------------------------------------------------------------------------------------
# msk: disabled in manifest/prod.yaml (services.msk.enabled = false)

module "stream" {
  source = "../../modules/stream"

  prefix = "clickstack-prod"
  capacity = {
    mode        = "PROVISIONED"
    shard_count = 25
  }
  retention_hours = 168
  kms_key_arn     = module.kms.key_arn
}

# ---------------------------------------------------------------------------------------------
# Stream processing: Managed Flink metrics and the Lambda profile updater
# ---------------------------------------------------------------------------------------------

module "flink_metrics_stream" {
  source = "../../modules/stream"

  prefix = "clickstack-prod"
  name   = "metrics"
  capacity = {
    mode = "ON_DEMAND"
  }
  retention_hours     = 24
  kms_key_arn         = module.kms.key_arn
  shard_level_metrics = []
}

module "flink_errors_stream" {
  source = "../../modules/stream"

  prefix = "clickstack-prod"
  name   = "flink-errors"
  capacity = {
    mode = "ON_DEMAND"
  }
  retention_hours     = 24
  kms_key_arn         = module.kms.key_arn
  shard_level_metrics = []
}

module "flink_late_events_stream" {
  source = "../../modules/stream"

  prefix = "clickstack-prod"
  name   = "late-events"
  capacity = {
    mode = "ON_DEMAND"
  }
  retention_hours     = 24
  kms_key_arn         = module.kms.key_arn
  shard_level_metrics = []
}

module "flink" {
  source = "../../modules/flink"

  prefix = "clickstack-prod"
  code = {
    bucket_arn     = module.artifacts.objects["flink/realtime_metrics"].bucket_arn
    key            = module.artifacts.objects["flink/realtime_metrics"].key
    object_version = module.artifacts.objects["flink/realtime_metrics"].version_id
    jarfile        = var.artifacts["flink/realtime_metrics"].jarfile
  }
  input_stream_arn = module.stream.stream_arn
  output_stream_arns = {
    metrics     = module.flink_metrics_stream.stream_arn
    errors      = module.flink_errors_stream.stream_arn
    late_events = module.flink_late_events_stream.stream_arn
  }
  parallelism = {
    initial     = 4
    per_kpu     = 1
    autoscaling = true
  }
  checkpointing = {
    interval_ms = 60000
  }
  log_retention_days = 90
  kms_key_arn        = module.kms.key_arn
  start_application  = false
  snapshots_enabled  = true
}

module "profile_updater" {
  source = "../../modules/lambda_function"

  prefix     = "clickstack-prod"
  name       = "profile-updater"
  account_id = "333333333333"
  handler    = "profile_updater.handler.handler"
  artifact = {
    bucket        = module.artifacts.objects["lambda/profile_updater"].bucket
    key           = module.artifacts.objects["lambda/profile_updater"].key
    sha256_base64 = var.artifacts["lambda/profile_updater"].sha256_base64
  }
  memory_mb            = 1024
  timeout_seconds      = 60
  reserved_concurrency = 100
  kms_key_arn          = module.kms.key_arn
  log_retention_days   = 90
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
    batch_size                      = 1000
    maximum_batching_window_seconds = 1
    parallelization_factor          = 2
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

  prefix     = "clickstack-prod"
  name       = "firehose-transform"
  account_id = "333333333333"
  handler    = "firehose_transform.handler.handler"
  artifact = {
    bucket        = module.artifacts.objects["lambda/firehose_transform"].bucket
    key           = module.artifacts.objects["lambda/firehose_transform"].key
    sha256_base64 = var.artifacts["lambda/firehose_transform"].sha256_base64
  }
  memory_mb            = 512
  timeout_seconds      = 60
  reserved_concurrency = null
  kms_key_arn          = module.kms.key_arn
  log_retention_days   = 90
  invokers = {
    firehose = {
      principal  = "firehose.amazonaws.com"
      source_arn = "arn:aws:firehose:eu-west-1:333333333333:deliverystream/clickstack-prod-raw-events"
    }
  }
}

module "firehose" {
  source = "../../modules/firehose"

  prefix                 = "clickstack-prod"
  source_stream_arn      = module.stream.stream_arn
  kms_key_arn            = module.kms.key_arn
  destination_bucket_arn = module.data_lake.raw_bucket_arn
  events_prefix          = "events"
  errors_prefix          = "errors"
  buffering = {
    size_mb          = 128
    interval_seconds = 300
  }
  compression          = "GZIP"
  log_retention_days   = 90
  processor_lambda_arn = module.firehose_transform.function_arn
}

# ---------------------------------------------------------------------------------------------
# Lake: S3 buckets, the code artifacts, the Glue catalog and the daily batch job (Glue or EMR Serverless, run by the Step Functions workflow)
# ---------------------------------------------------------------------------------------------
# emr_serverless: disabled in manifest/prod.yaml (services.emr_serverless.enabled = false)

module "data_lake" {
  source = "../../modules/data_lake"

  prefix      = "clickstack-prod"
  account_id  = "333333333333"
  kms_key_arn = module.kms.key_arn
  retention = {
    raw_days                = 400
    curated_days            = 1095
    query_results_days      = 30
    access_logs_days        = 365
    noncurrent_version_days = 30
  }
  force_destroy              = false
  load_balancer_log_prefixes = ["alb"]
}

module "artifacts" {
  source = "../../modules/artifacts"

  bucket_name = module.data_lake.artifacts_bucket_name
  kms_key_arn = module.kms.key_arn
  artifacts   = { for name in ["flink/realtime_metrics", "glue/sessionize", "lambda/console_api", "lambda/firehose_transform", "lambda/profile_updater"] : name => var.artifacts[name] }
}

module "catalog" {
  source = "../../modules/catalog"

  prefix          = "clickstack-prod"
  database_name   = "clickstack_prod"
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

  prefix = "clickstack-prod"
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
  worker_type         = "G.2X"
  number_of_workers   = 10
  timeout_minutes     = 120
  max_retries         = 1
  session_gap_minutes = 30
  schedule            = null
  log_retention_days  = 90
  glue_database_name  = module.catalog.database_name
  curated_table_names = {
    events   = "curated_events"
    sessions = "sessions"
    errors   = "processing_errors"
  }
}

module "orchestration" {
  source = "../../modules/orchestration"

  prefix          = "clickstack-prod"
  kms_key_arn     = module.kms.key_arn
  engine          = "glue"
  glue_job_name   = module.glue_etl.job_name
  emr_serverless  = null
  redshift        = null
  alarm_topic_arn = module.monitoring.topic_arn
  schedule = {
    expression = "cron(15 1 * * ? *)"
    timezone   = "UTC"
  }
  timeout_minutes    = 240
  log_retention_days = 90
}

# ---------------------------------------------------------------------------------------------
# Warehouse and query: Athena, Redshift Spectrum and QuickSight
# ---------------------------------------------------------------------------------------------

module "athena" {
  source = "../../modules/athena"

  prefix                         = "clickstack-prod"
  results_bucket_name            = module.data_lake.query_results_bucket_name
  kms_key_arn                    = module.kms.key_arn
  bytes_scanned_cutoff_per_query = 53687091200
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
        FROM "clickstack_prod"."curated_events"
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
        FROM "clickstack_prod"."curated_events"
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
        FROM "clickstack_prod"."processing_errors"
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
        FROM "clickstack_prod"."sessions"
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
        FROM "clickstack_prod"."sessions"
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
        FROM "clickstack_prod"."curated_events"
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

module "redshift" {
  source = "../../modules/redshift"

  prefix             = "clickstack-prod"
  base_capacity      = 16
  max_capacity       = 64
  subnet_ids         = module.network.private_subnet_id_list
  vpc_id             = module.network.vpc_id
  kms_key_arn        = module.kms.key_arn
  glue_database_name = module.catalog.database_name
  lake = {
    bucket_arns = [module.data_lake.bucket_arns["raw"], module.data_lake.bucket_arns["curated"]]
  }
  usage_limit = {
    rpu_hours_per_day = 200
    breach_action     = "log"
  }
  log_retention_days = 365
}

module "quicksight" {
  source = "../../modules/quicksight"

  prefix                = "clickstack-prod"
  account_id            = "333333333333"
  athena_workgroup_name = module.athena.workgroup_name
  principals = {
    analysts = {
      arn     = "arn:aws:quicksight:eu-west-1:333333333333:group/default/clickstack-analysts"
      actions = "viewer"
    }
    bi_admins = {
      arn     = "arn:aws:quicksight:eu-west-1:333333333333:group/default/clickstack-bi-admins"
      actions = "owner"
    }
  }
  service_role_access = {
    glue_database_name = module.catalog.database_name
    lake_bucket_arns   = [module.data_lake.bucket_arns["raw"], module.data_lake.bucket_arns["curated"]]
    results_bucket_arn = module.data_lake.bucket_arns["query_results"]
    kms_key_arn        = module.kms.key_arn
  }
}

# ---------------------------------------------------------------------------------------------
# Serving stores: Redis profiles and Aurora users
# ---------------------------------------------------------------------------------------------

module "redis" {
  source = "../../modules/redis"

  prefix         = "clickstack-prod"
  engine         = "valkey"
  engine_version = null
  node_type      = "cache.r7g.large"
  replicas       = 2
  multi_az       = true
  subnet_ids     = module.network.private_subnet_id_list
  vpc_id         = module.network.vpc_id
  allowed_security_group_ids = {
    profile_updater = module.network.consumer_security_group_ids["profile_updater"]
  }
  kms_key_arn             = module.kms.key_arn
  snapshot_retention_days = 14
  log_retention_days      = 90
}

module "aurora" {
  source = "../../modules/aurora"

  prefix         = "clickstack-prod"
  engine_version = "16.4"
  min_acu        = 2.0
  max_acu        = 16.0
  instances      = 2
  subnet_ids     = module.network.private_subnet_id_list
  vpc_id         = module.network.vpc_id
  allowed_security_group_ids = {
    profile_updater = module.network.consumer_security_group_ids["profile_updater"]
  }
  kms_key_arn           = module.kms.key_arn
  backup_retention_days = 14
  deletion_protection   = true
  skip_final_snapshot   = false
  performance_insights  = true
  log_retention_days    = 365
}

# ---------------------------------------------------------------------------------------------
# Operations: alarms and dashboard, and the operator console with its backend
# ---------------------------------------------------------------------------------------------

module "monitoring" {
  source = "../../modules/monitoring"

  prefix                 = "clickstack-prod"
  account_id             = "333333333333"
  kms_key_arn            = module.kms.key_arn
  alarm_emails           = ["data-platform-oncall@example.com"]
  topic_policy_documents = [module.orchestration.alarm_topic_policy_json]
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
    console_api = {
      function_name = module.console_api.function_name
    }
  }
  flink_application = {
    application_name = module.flink.application_name
  }
  glue_job = {
    job_name = module.glue_etl.job_name
  }
  emr_serverless_application = null
  load_balancer = {
    arn_suffix = module.ingest_fleet.alb_arn_suffix
  }
  ecs_service = {
    cluster_name = module.ingest_fleet.cluster_name
    service_name = module.ingest_fleet.service_name
  }
  elasticache = {
    cache_cluster_ids = module.redis.member_clusters
  }
  aurora_cluster = {
    cluster_identifier = module.aurora.cluster_id
  }
}

module "console_api" {
  source = "../../modules/lambda_function"

  prefix     = "clickstack-prod"
  name       = "console-api"
  account_id = "333333333333"
  handler    = "console_api.handler.handler"
  artifact = {
    bucket        = module.artifacts.objects["lambda/console_api"].bucket
    key           = module.artifacts.objects["lambda/console_api"].key
    sha256_base64 = var.artifacts["lambda/console_api"].sha256_base64
  }
  memory_mb            = 256
  timeout_seconds      = 60
  reserved_concurrency = null
  kms_key_arn          = module.kms.key_arn
  log_retention_days   = 365
  environment = {
    TABLE_NAME = module.console.table_name
  }
  extra_policy_json = module.console.backend_policy_json
}

module "console" {
  source = "../../modules/console"

  prefix                = "clickstack-prod"
  account_id            = "333333333333"
  kms_key_arn           = module.kms.key_arn
  backend_function_name = module.console_api.function_name
  backend_function_arn  = module.console_api.function_arn
  price_class           = "PriceClass_100"
  force_destroy         = false
  deletion_protection   = true
  auth = {
    callback_urls = ["https://console.example.com/"]
  }
  log_retention_days = 365
}
