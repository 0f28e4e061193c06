# The workflow, in Amazon States Language with JSONata expressions ("{% ... %}"):
#
#   ResolveProcessingDate -> CheckProcessingDate -> RunGlueJob | RunEmrServerlessJob
#     -> [StartWarehouseLoad -> WaitForWarehouseLoad -> CheckWarehouseLoad -> WarehouseLoadStatus]
#     -> Succeeded
#   any failure -> NotifyFailure (SNS) -> Failed
#
# Workflow variables carry the data between states: $processingDate (the day), $statementId and
# $statement (the Redshift statement) and $failure ({state, error, cause} of what went wrong).
locals {
  # Optional parts are null when absent: merge() skips null arguments.
  transform_state = var.engine == "glue" ? "RunGlueJob" : "RunEmrServerlessJob"
  after_transform = var.redshift == null ? "Succeeded" : "StartWarehouseLoad"

  # Retried with backoff: throttling and service-side faults of the API calls. A job or a SQL
  # statement that failed is not retried here (a Glue job retries its own runs, max_retries).
  # Glue.ConcurrentRunsExceededException: a run started by hand for the same job still runs.
  transient_errors = {
    glue = [
      "Glue.ConcurrentRunsExceededException",
      "Glue.InternalServiceException",
      "Glue.OperationTimeoutException",
      "Glue.ThrottlingException",
    ]
    emr_serverless = [
      "EMRServerless.InternalServerException",
      "EMRServerless.ServiceQuotaExceededException",
      "EMRServerless.ThrottlingException",
    ]
    redshift = [
      "RedshiftData.ActiveStatementsExceededException",
      "RedshiftData.InternalServerException",
      "RedshiftData.ThrottlingException",
    ]
    sns = [
      "SNS.InternalErrorException",
      "SNS.KMSThrottlingException",
      "SNS.ThrottledException",
    ]
  }
  backoff = {
    IntervalSeconds = 30
    BackoffRate     = 2
    MaxAttempts     = 4
    MaxDelaySeconds = 300
    JitterStrategy  = "FULL"
  }
  retry = { for kind, errors in local.transient_errors : kind => [merge({ ErrorEquals = errors }, local.backoff)] }

  # Every Task that can fail records what failed and hands over to NotifyFailure.
  catch = {
    for state in [local.transform_state, "StartWarehouseLoad", "CheckWarehouseLoad"] : state => [{
      ErrorEquals = ["States.ALL"]
      Assign = {
        failure = "{% {'state': '${state}', 'error': $states.errorOutput.Error, 'cause': $exists($states.errorOutput.Cause) ? $states.errorOutput.Cause : ''} %}"
      }
      Next = "NotifyFailure"
    }]
  }

  # Yesterday (UTC) of the execution's start unless the input names the day: a schedule sends {},
  # a backfill {"processing_date": "2024-05-01"}. StartTime does not change when an execution is
  # redriven, so a redrive processes the same day.
  resolve_date_states = {
    ResolveProcessingDate = {
      Type    = "Pass"
      Comment = "processing_date from the input, or yesterday (UTC) of the execution's start."
      Assign = {
        processingDate = "{% $exists($states.input.processing_date) ? $states.input.processing_date : $fromMillis($toMillis($states.context.Execution.StartTime) - 86400000, '[Y0001]-[M01]-[D01]') %}"
      }
      Next = "CheckProcessingDate"
    }
    CheckProcessingDate = {
      Type = "Choice"
      Choices = [{
        Condition = "{% $type($processingDate) = 'string' and $contains($processingDate, /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/) %}"
        Next      = local.transform_state
      }]
      Default = "InvalidProcessingDate"
    }
    InvalidProcessingDate = {
      Type = "Pass"
      Assign = {
        failure = "{% {'state': 'CheckProcessingDate', 'error': 'InvalidProcessingDate', 'cause': 'processing_date must be a day as YYYY-MM-DD, got ' & $string($processingDate)} %}"
      }
      Next = "NotifyFailure"
    }
  }

  glue_states = var.engine != "glue" ? null : {
    RunGlueJob = {
      Type     = "Task"
      Comment  = "Runs the Glue job for the day and waits until the run has finished."
      Resource = "arn:${local.partition}:states:::glue:startJobRun.sync"
      Arguments = {
        JobName   = var.glue_job_name
        Arguments = { (var.date_argument) = "{% $processingDate %}" }
      }
      Retry = local.retry.glue
      Catch = local.catch[local.transform_state]
      Next  = local.after_transform
    }
  }

  emr_serverless_states = var.engine != "emr_serverless" ? null : {
    RunEmrServerlessJob = {
      Type     = "Task"
      Comment  = "Runs the Spark job for the day on EMR Serverless and waits until the run has finished."
      Resource = "arn:${local.partition}:states:::emr-serverless:startJobRun.sync"
      Arguments = {
        ApplicationId           = var.emr_serverless.application_id
        ExecutionRoleArn        = var.emr_serverless.job_role_arn
        Name                    = "{% '${local.name}-' & $processingDate %}"
        ExecutionTimeoutMinutes = var.emr_serverless.execution_timeout_minutes
        JobDriver = {
          SparkSubmit = merge(
            {
              EntryPoint          = var.emr_serverless.entry_point
              EntryPointArguments = concat(var.emr_serverless.entry_point_arguments, [var.date_argument, "{% $processingDate %}"])
            },
            var.emr_serverless.spark_submit_parameters == null ? null : {
              SparkSubmitParameters = var.emr_serverless.spark_submit_parameters
            },
          )
        }
        # EMR's managed log storage (the Spark UI of past runs) is encrypted with the platform
        # key; with a log group the driver and executor logs also go to CloudWatch Logs.
        ConfigurationOverrides = {
          MonitoringConfiguration = merge(
            {
              ManagedPersistenceMonitoringConfiguration = {
                Enabled          = true
                EncryptionKeyArn = var.kms_key_arn
              }
            },
            var.emr_serverless.log_group_name == null ? null : {
              CloudWatchLoggingConfiguration = {
                Enabled      = true
                LogGroupName = var.emr_serverless.log_group_name
              }
            },
          )
        }
      }
      Retry = local.retry.emr_serverless
      Catch = local.catch[local.transform_state]
      Next  = local.after_transform
    }
  }

  # ExecuteStatement returns at once; the statement's state is polled until it has ended. The
  # Data API keeps statements for 24 hours, longer than timeout_minutes allows a run to take.
  redshift_states = var.redshift == null ? null : {
    StartWarehouseLoad = {
      Type     = "Task"
      Comment  = "Submits the warehouse load (Redshift Data API) for the day."
      Resource = "arn:${local.partition}:states:::aws-sdk:redshiftdata:executeStatement"
      Arguments = merge(
        {
          WorkgroupName = var.redshift.workgroup_name
          Database      = var.redshift.database
          Sql           = var.redshift.sql
          StatementName = local.name
        },
        # The day goes in as a named parameter only when the statement uses :processing_date,
        # so any SQL works as written.
        strcontains(var.redshift.sql, ":processing_date") ? {
          Parameters = [{ Name = "processing_date", Value = "{% $processingDate %}" }]
        } : null,
      )
      Assign = {
        statementId = "{% $states.result.Id %}"
      }
      Retry = local.retry.redshift
      Catch = local.catch.StartWarehouseLoad
      Next  = "WaitForWarehouseLoad"
    }
    WaitForWarehouseLoad = {
      Type    = "Wait"
      Seconds = var.redshift.poll_interval_seconds
      Next    = "CheckWarehouseLoad"
    }
    CheckWarehouseLoad = {
      Type     = "Task"
      Resource = "arn:${local.partition}:states:::aws-sdk:redshiftdata:describeStatement"
      Arguments = {
        Id = "{% $statementId %}"
      }
      Assign = {
        statement = "{% {'status': $states.result.Status, 'error': $exists($states.result.Error) ? $states.result.Error : ''} %}"
      }
      Retry = local.retry.redshift
      Catch = local.catch.CheckWarehouseLoad
      Next  = "WarehouseLoadStatus"
    }
    WarehouseLoadStatus = {
      Type = "Choice"
      Choices = [
        { Condition = "{% $statement.status = 'FINISHED' %}", Next = "Succeeded" },
        { Condition = "{% $statement.status in ['FAILED', 'ABORTED'] %}", Next = "WarehouseLoadFailed" },
      ]
      # SUBMITTED, PICKED, STARTED: still running.
      Default = "WaitForWarehouseLoad"
    }
    WarehouseLoadFailed = {
      Type = "Pass"
      Assign = {
        failure = "{% {'state': 'CheckWarehouseLoad', 'error': $statement.status = 'ABORTED' ? 'WarehouseLoadAborted' : 'WarehouseLoadFailed', 'cause': $statement.error} %}"
      }
      Next = "NotifyFailure"
    }
  }

  end_states = {
    Succeeded = {
      Type = "Succeed"
    }
    # The message is JSON, for people (e-mail subscriptions) and tools alike. If publishing fails
    # too, the execution still fails with the original error, and the failure rule reports it.
    NotifyFailure = {
      Type     = "Task"
      Resource = "arn:${local.partition}:states:::sns:publish"
      Arguments = {
        TopicArn = var.alarm_topic_arn
        Subject  = "{% $substring('${local.name} failed for ' & $string($processingDate), 0, 100) %}"
        Message  = "{% $string({'state_machine': $states.context.StateMachine.Name, 'execution': $states.context.Execution.Id, 'processing_date': $processingDate, 'engine': '${var.engine}', 'failed_state': $failure.state, 'error': $failure.error, 'cause': $failure.cause}, true) %}"
      }
      Retry = local.retry.sns
      Catch = [{ ErrorEquals = ["States.ALL"], Next = "Failed" }]
      Next  = "Failed"
    }
    Failed = {
      Type  = "Fail"
      Error = "{% $failure.error %}"
      Cause = "{% $failure.cause %}"
    }
  }

  definition = {
    Comment        = "Daily batch transform of ${var.prefix} (${var.engine})${var.redshift == null ? "" : ", then the warehouse load"}; failures are published to the alarm topic."
    QueryLanguage  = "JSONata"
    TimeoutSeconds = var.timeout_minutes * 60
    StartAt        = "ResolveProcessingDate"
    States = merge(
      local.resolve_date_states,
      local.glue_states,
      local.emr_serverless_states,
      local.redshift_states,
      local.end_states,
    )
  }
}
