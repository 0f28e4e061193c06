# ---------------------------------------------------------------- state machine role

data "aws_iam_policy_document" "state_machine_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["states.amazonaws.com"]
    }

    # Only this state machine may assume the role (confused deputy protection).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.state_machine_arn]
    }
  }
}

data "aws_iam_policy_document" "state_machine" {
  # glue:startJobRun.sync polls the run; BatchStopJobRun stops it when the execution is stopped
  # or times out.
  dynamic "statement" {
    for_each = var.engine == "glue" ? [local.glue_job_arn] : []
    content {
      sid       = "RunGlueJob"
      actions   = ["glue:StartJobRun", "glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = var.engine == "emr_serverless" ? [local.emr_application_arn] : []
    content {
      sid       = "StartEmrServerlessJob"
      actions   = ["emr-serverless:StartJobRun"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = var.engine == "emr_serverless" ? [local.emr_application_arn] : []
    content {
      sid       = "WatchEmrServerlessJob"
      actions   = ["emr-serverless:GetJobRun", "emr-serverless:CancelJobRun"]
      resources = ["${statement.value}/jobruns/*"]
    }
  }

  # emr-serverless:startJobRun.sync learns that a run has ended from an EventBridge rule that
  # Step Functions manages under this fixed name.
  dynamic "statement" {
    for_each = var.engine == "emr_serverless" ? ["StepFunctionsGetEventsForEMRServerlessJobRule"] : []
    content {
      sid       = "ManageEmrServerlessJobRule"
      actions   = ["events:PutTargets", "events:PutRule", "events:DescribeRule"]
      resources = ["arn:${local.partition}:events:${local.arn_suffix}:rule/${statement.value}"]
    }
  }

  dynamic "statement" {
    for_each = var.engine == "emr_serverless" ? [var.emr_serverless.job_role_arn] : []
    content {
      sid       = "PassEmrServerlessJobRole"
      actions   = ["iam:PassRole"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "iam:PassedToService"
        values   = ["emr-serverless.amazonaws.com"]
      }
    }
  }

  # The job's logs in EMR's managed storage are encrypted with the platform key; EMR Serverless
  # refuses a job whose submitter may not use that key, and documents no encryption context.
  dynamic "statement" {
    for_each = var.engine == "emr_serverless" ? [var.kms_key_arn] : []
    content {
      sid       = "EncryptEmrServerlessJobLogs"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }

  # ExecuteStatement without a secret or database user uses the role's IAM identity
  # (redshift-serverless:GetCredentials); the statement then runs as the database user
  # "IAMR:<role name>", which needs the grants the SQL uses.
  dynamic "statement" {
    for_each = var.redshift == null ? [] : [var.redshift.workgroup_arn]
    content {
      sid       = "RunWarehouseLoad"
      actions   = ["redshift-data:ExecuteStatement", "redshift-serverless:GetCredentials"]
      resources = [statement.value]
    }
  }

  # DescribeStatement has no resource type; the condition limits it to statements this role
  # submitted.
  dynamic "statement" {
    for_each = var.redshift == null ? [] : ["&{aws:userid}"]
    content {
      sid       = "WatchWarehouseLoad"
      actions   = ["redshift-data:DescribeStatement"]
      resources = ["*"]

      condition {
        test     = "StringEquals"
        variable = "redshift-data:statement-owner-iam-userid"
        values   = [statement.value]
      }
    }
  }

  statement {
    sid       = "PublishFailure"
    actions   = ["sns:Publish"]
    resources = [var.alarm_topic_arn]
  }

  # For a topic encrypted with the platform key; nothing else may use the key through SNS.
  statement {
    sid       = "PublishToEncryptedTopic"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["sns.${local.region}.amazonaws.com"]
    }
  }

  # The state machine's definition and execution history are encrypted with the key, in the
  # encryption context of this state machine only.
  statement {
    sid       = "EncryptExecutionData"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:states:stateMachineArn"
      values   = [local.state_machine_arn]
    }
  }

  # Execution history sent to CloudWatch Logs is encrypted for the log delivery service.
  statement {
    sid       = "EncryptLogDelivery"
    actions   = ["kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:SourceArn"
      values   = ["arn:${local.partition}:logs:${local.arn_suffix}:*"]
    }
  }

  # Step Functions sets up log delivery to the log group with the role; CloudWatch Logs'
  # delivery APIs (CreateLogDelivery, PutResourcePolicy, ...) have no resource type, so they
  # cannot be limited to the group.
  statement {
    sid = "DeliverLogs"
    actions = [
      "logs:CreateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:DescribeLogGroups",
      "logs:DescribeResourcePolicies",
      "logs:GetLogDelivery",
      "logs:ListLogDeliveries",
      "logs:PutResourcePolicy",
      "logs:UpdateLogDelivery",
    ]
    resources = ["*"]
  }

  # Tracing: X-Ray's trace and sampling APIs have no resource type.
  statement {
    sid = "SendTraces"
    actions = [
      "xray:GetSamplingRules",
      "xray:GetSamplingTargets",
      "xray:PutTelemetryRecords",
      "xray:PutTraceSegments",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role" "state_machine" {
  name               = local.state_machine_role_name
  description        = "Step Functions state machine ${local.name}: runs the daily ${var.engine} transform${var.redshift == null ? "" : " and the warehouse load"}, publishes failures."
  assume_role_policy = data.aws_iam_policy_document.state_machine_assume.json
}

resource "aws_iam_role_policy" "state_machine" {
  name   = "workflow"
  role   = aws_iam_role.state_machine.id
  policy = data.aws_iam_policy_document.state_machine.json
}

# ---------------------------------------------------------------- scheduler role

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    # Only this schedule may assume the role.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.schedule_arn]
    }
  }
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "StartWorkflow"
    actions   = ["states:StartExecution"]
    resources = [local.state_machine_arn]
  }

  # The schedule's input is encrypted with the key; the scheduler decrypts it with this role.
  statement {
    sid       = "DecryptScheduleInput"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]
  }

  # StartExecution encrypts the execution's input with the state machine's key.
  statement {
    sid       = "EncryptExecutionInput"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:states:stateMachineArn"
      values   = [local.state_machine_arn]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = local.scheduler_role_name
  description        = "EventBridge Scheduler schedule ${local.name}: starts the ${local.name} state machine."
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "start-workflow"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}
