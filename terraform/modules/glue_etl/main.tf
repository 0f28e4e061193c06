locals {
  name                        = "${var.prefix}-${var.name}"
  role_name                   = "${local.name}-glue"
  security_configuration_name = local.name

  # The platform key is in the job's account and region, so its ARN tells both without an AWS
  # call (plans run offline).
  key_arn_parts = split(":", var.kms_key_arn)
  partition     = local.key_arn_parts[1]
  region        = local.key_arn_parts[3]
  account_id    = local.key_arn_parts[4]

  # The three outputs of the script, by its argument name.
  output_prefixes = {
    curated_path  = var.curated.events_prefix
    sessions_path = var.curated.sessions_prefix
    errors_path   = var.curated.errors_prefix
  }
  temp_prefix = "glue-temp/${local.name}"

  script_arguments = merge(
    { "--raw_path" = "s3://${var.raw.bucket}/${var.raw.prefix}" },
    { for arg, prefix in local.output_prefixes : "--${arg}" => "s3://${var.curated.bucket}/${prefix}" },
    { "--session_gap_minutes" = tostring(var.session_gap_minutes) },
  )

  # --dt is left out: the script then processes yesterday (UTC), which is what the schedule
  # wants; a manual run passes --dt to (re)process another day.
  default_arguments = merge(local.script_arguments, {
    "--job-language"           = "python"
    "--job-bookmark-option"    = "job-bookmark-enable"
    "--enable-metrics"         = "true"
    "--custom-logGroup-prefix" = local.log_group_prefix
    "--TempDir"                = "s3://${var.artifacts_bucket}/${local.temp_prefix}/"
  })

  catalog_tables = [var.curated_table_names.events, var.curated_table_names.sessions, var.curated_table_names.errors]
  description = join(" ", compact([
    "Sessionizes one day (--dt, default yesterday UTC) of s3://${var.raw.bucket}/${var.raw.prefix}/ into Parquet under s3://${var.curated.bucket}/ (${join(", ", [var.curated.events_prefix, var.curated.sessions_prefix, var.curated.errors_prefix])}).",
    var.glue_database_name == null ? null : "Catalog tables: ${join(", ", [for t in local.catalog_tables : "${var.glue_database_name}.${t}"])}.",
  ]))
}

resource "aws_glue_security_configuration" "this" {
  name = local.security_configuration_name

  encryption_configuration {
    # CloudWatch Logs encrypts the job's log groups; Glue calls logs:AssociateKmsKey with the role.
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = var.kms_key_arn
    }

    # Client-side: the job encrypts its bookmark with the key before Glue stores it.
    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = var.kms_key_arn
    }

    s3_encryption {
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn        = var.kms_key_arn
    }
  }
}

resource "aws_glue_job" "this" {
  name                   = local.name
  description            = local.description
  role_arn               = aws_iam_role.this.arn
  glue_version           = "5.0"
  worker_type            = var.worker_type
  number_of_workers      = var.number_of_workers
  timeout                = var.timeout_minutes
  max_retries            = var.max_retries
  security_configuration = aws_glue_security_configuration.this.name
  # AWS's default, written out: the local test AWS (moto) has no UpdateJob, so the job must
  # plan no change after its first apply.
  execution_class   = "STANDARD"
  default_arguments = local.default_arguments

  command {
    name            = "glueetl"
    script_location = "s3://${var.script.bucket}/${var.script.key}"
    python_version  = "3"
  }

  # One run at a time: two runs of the same day would overwrite each other's output, and job
  # bookmarks do not support concurrent runs.
  execution_property {
    max_concurrent_runs = 1
  }

  # A run started before the role's policy is attached fails on its first S3 read.
  depends_on = [aws_iam_role_policy.this, aws_cloudwatch_log_group.this]
}

resource "aws_glue_trigger" "this" {
  count = var.schedule == null ? 0 : 1

  name              = local.name
  description       = "Runs ${local.name} on ${var.schedule} (UTC); each run processes yesterday."
  type              = "SCHEDULED"
  schedule          = var.schedule
  start_on_creation = true

  actions {
    job_name = aws_glue_job.this.name
  }
}
