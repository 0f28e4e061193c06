"""Render ``terraform/envs/<env>/`` from the manifest: deterministic, fmt-clean, atomic."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator import event_contract, package, queries, sizing
from generator.atomic import swap_in
from generator.errors import TerraformError
from generator.hcl import Heredoc, JsonEncode, Ref, hcl
from generator.manifest import LoadedManifest, Manifest, Services
from generator.toolchain import LOCK_FILE, REPO_ROOT, terraform_binary

ENVS_DIR = REPO_ROOT / "terraform" / "envs"
TEMPLATES_DIR = Path(__file__).parent / "templates"
RENDERED_FILES = (
    "versions.tf", "providers.tf", "backend.tf", "variables.tf", "main.tf", "outputs.tf",
)  # fmt: skip
LOCK_NAME = ".terraform.lock.hcl"
MANAGED_BY = "clickstack"
FIREHOSE_NAME = "raw-events"  # the firehose module's default delivery stream name
EVENTS_PREFIX = "events"  # raw zone layout shared by firehose (writer) and catalog (reader)
ERRORS_PREFIX = "errors"
FLEET_LOG_PREFIX = "alb"  # the fleet ALB's access logs, in the lake's access-log bucket

# Step Functions delivers a state machine's execution history, encrypted with a customer managed
# key, through CloudWatch Logs vended delivery, which decrypts as its own service principal.
STATE_MACHINE_LOG_DELIVERY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "StateMachineLogDelivery",
            "Effect": "Allow",
            "Principal": {"Service": "delivery.logs.amazonaws.com"},
            "Action": "kms:Decrypt",
            "Resource": "*",
        }
    ],
}

# Sections of main.tf in the order data flows (STYLE.md); each lists its module calls. A call
# belongs to the manifest service of the same name, or to the one SERVICE_OF names.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Foundation: the platform's encryption key, network and secrets",
        ("kms", "network", "secrets"),
    ),
    (
        "Edge: WAF in front of the collector API and the collector fleet (Global Accelerator)",
        ("waf", "ingest_api", "ingest_fleet", "global_accelerator"),
    ),
    ("Buffer: Kinesis Data Stream, partitioned by user_id, and MSK", ("stream", "msk")),
    (
        "Stream processing: Managed Flink metrics and the Lambda profile updater",
        (
            "flink_metrics_stream",
            "flink_errors_stream",
            "flink_late_events_stream",
            "flink",
            "profile_updater",
        ),
    ),
    (
        "Delivery: Firehose from the stream into the raw zone, through the record transform",
        ("firehose_transform", "firehose"),
    ),
    (
        "Lake: S3 buckets, the code artifacts, the Glue catalog and the daily batch job "
        "(Glue or EMR Serverless, run by the Step Functions workflow)",
        ("data_lake", "artifacts", "catalog", "glue_etl", "emr_serverless", "orchestration"),
    ),
    (
        "Warehouse and query: Athena, Redshift Spectrum and QuickSight",
        ("athena", "redshift", "quicksight"),
    ),
    ("Serving stores: Redis profiles and Aurora users", ("redis", "aurora")),
    (
        "Operations: alarms and dashboard, and the operator console with its backend",
        ("monitoring", "console_api", "console"),
    ),
)

# Module calls that are part of another service (on when it is on).
SERVICE_OF = {
    "flink_metrics_stream": "flink",
    "flink_errors_stream": "flink",
    "flink_late_events_stream": "flink",
    "console_api": "console",
}

# The packaged artifact (build/artifacts/manifest.json) each service runs.
ARTIFACT_OF = {
    "flink": "flink/realtime_metrics",
    "profile_updater": "lambda/profile_updater",
    "firehose_transform": "lambda/firehose_transform",
    "glue_etl": "glue/sessionize",
    "emr_serverless": "glue/sessionize",  # the same PySpark script, on EMR Serverless
    "console_api": "lambda/console_api",
}

# Consumers in the private subnets, each with its own security group (network module).
VPC_CONSUMERS = {"profile_updater": "Lambda profile updater: Kinesis to Redis and Aurora"}


def alarm_topic_key_policy(prefix: str, account_id: str, region: str) -> dict[str, Any]:
    """The key policy statements the monitoring module's encrypted topic needs.

    The same document as that module's ``kms_key_policy_json`` (a test keeps them equal), built
    here because a kms input read from module.monitoring, which reads the key, is a module cycle
    to checkov: its code scan then stops expanding for_each in other modules.
    """
    alarms = f"arn:{partition(region)}:cloudwatch:{region}:{account_id}:alarm:{prefix}-*"
    actions = ["kms:GenerateDataKey*", "kms:Decrypt"]
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "CloudWatchAlarmsUseKeyForEncryptedTopic",
                "Effect": "Allow",
                "Action": actions,
                "Resource": "*",
                "Principal": {"Service": "cloudwatch.amazonaws.com"},
                "Condition": {
                    "ArnLike": {"aws:SourceArn": alarms},
                    "StringEquals": {"aws:SourceAccount": account_id},
                },
            },
            {
                # no source conditions: EventBridge's KMS requests for a target topic carry none
                "Sid": "EventBridgeUsesKeyForEncryptedTopic",
                "Effect": "Allow",
                "Action": actions,
                "Resource": "*",
                "Principal": {"Service": "events.amazonaws.com"},
            },
        ],
    }


@dataclass(frozen=True)
class ModuleCall:
    name: str  # the call's label in the env root: module "<name>"
    inputs: dict[str, Any]
    # root output name -> (module output, description)
    outputs: dict[str, tuple[str, str]] = field(default_factory=dict)
    module: str = ""  # the module it instantiates when the label differs (a second Lambda)

    @property
    def module_name(self) -> str:
        return self.module or self.name

    @property
    def source(self) -> str:
        return f"../../modules/{self.module_name}"


def call_enabled(m: Manifest, name: str) -> bool:
    if name == "artifacts":
        return bool(needed_artifacts(m))
    if name == "secrets":  # a secrets section without entries has nothing to create
        return m.enabled("secrets") and bool(m.services.secrets.secrets)
    return m.enabled(SERVICE_OF.get(name, name))


def needed_artifacts(m: Manifest) -> list[str]:
    """Names of the packaged artifacts the env's enabled services run, sorted."""
    return sorted(
        {
            artifact
            for call, artifact in ARTIFACT_OF.items()
            if m.enabled(SERVICE_OF.get(call, call))
        }
    )


def module_sources(m: Manifest) -> dict[str, str]:
    """Each module call of the env root -> the module it instantiates."""
    return {call.name: call.module_name for call in module_calls(m).values()}


def partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def _artifact_object(name: str) -> str:
    return f'module.artifacts.objects["{name}"]'


def _merged_policies(*documents: str) -> Ref:
    """One IAM policy document from the statements of several (module outputs)."""
    statements = ", ".join(f"jsondecode({d}).Statement" for d in documents)
    return Ref(f'jsonencode({{ Version = "2012-10-17", Statement = concat({statements}) }})')


def _gib_to_bytes(gib: float) -> int:
    return int(gib * 1024**3)


def database_name(m: Manifest) -> str:
    """The Glue database: the prefix with underscores (Athena reads hyphens only when quoted)."""
    return m.prefix.replace("-", "_")


def module_calls(m: Manifest) -> dict[str, ModuleCall]:
    """Every service's module inputs, decided here (pure) so the templates stay dumb."""
    s = m.services
    database = database_name(m)
    key = Ref("module.kms.key_arn")
    rate, burst = sizing.api_throttle(m)
    shards = sizing.shard_count(m)
    calls = {
        "kms": ModuleCall(
            "kms",
            {
                "prefix": m.prefix,
                "account_id": m.account_id,
                "deletion_window_in_days": s.kms.deletion_window_days,
            },
            {"kms_key_arn": ("key_arn", "ARN of the platform's customer managed KMS key.")},
        ),
        "waf": ModuleCall(
            "waf",
            {
                "prefix": m.prefix,
                "rate_limit_per_ip": s.waf.rate_limit_per_ip,
                "max_body_bytes": s.waf.max_body_bytes,
                "kms_key_arn": key,
                "log_retention_days": s.waf.log_retention_days,
            },
            {"waf_web_acl_arn": ("web_acl_arn", "ARN of the WAF web ACL on the entry points.")},
        ),
        "ingest_api": ModuleCall(
            "ingest_api",
            {
                "prefix": m.prefix,
                "stream_name": Ref("module.stream.stream_name"),
                "stream_arn": Ref("module.stream.stream_arn"),
                "kms_key_arn": key,
                "request_model_schema": JsonEncode(event_contract.request_model_schema()),
                "throttling": {"rate_limit": rate, "burst_limit": burst},
                "cors_allow_origins": list(s.ingest_api.cors_allow_origins),
                "stage_name": s.ingest_api.stage_name,
                "access_log_retention_days": s.ingest_api.access_log_retention_days,
                "manage_account_logging_role": s.ingest_api.manage_account_logging_role,
            },
            {
                "collect_url": ("collect_url", "URL clients POST event batches to."),
                "sdk_collect_url": (
                    "sdk_collect_url",
                    "URL for apps using the Clickstream Analytics on AWS SDKs.",
                ),
                "rest_api_id": ("rest_api_id", "Id of the collector REST API."),
            },
        ),
        "stream": ModuleCall(
            "stream",
            {
                "prefix": m.prefix,
                "capacity": {"mode": s.stream.mode, "shard_count": shards},
                "retention_hours": s.stream.retention_hours,
                "kms_key_arn": key,
            },
            {
                "stream_name": ("stream_name", "Name of the Kinesis Data Stream."),
                "stream_arn": ("stream_arn", "ARN of the Kinesis Data Stream."),
            },
        ),
        "firehose": ModuleCall(
            "firehose",
            {
                "prefix": m.prefix,
                "source_stream_arn": Ref("module.stream.stream_arn"),
                "kms_key_arn": key,
                "destination_bucket_arn": Ref("module.data_lake.raw_bucket_arn"),
                "events_prefix": EVENTS_PREFIX,
                "errors_prefix": ERRORS_PREFIX,
                "buffering": {
                    "size_mb": s.firehose.buffer.size_mb,
                    "interval_seconds": s.firehose.buffer.interval_seconds,
                },
                "compression": s.firehose.compression,
                "log_retention_days": s.firehose.log_retention_days,
            },
            {"delivery_stream_name": ("delivery_stream_name", "Firehose delivery stream name.")},
        ),
        "data_lake": ModuleCall(
            "data_lake",
            {
                "prefix": m.prefix,
                "account_id": m.account_id,
                "kms_key_arn": key,
                "retention": s.data_lake.retention.model_dump(),
                "force_destroy": s.data_lake.force_destroy,
            },
            {"lake_bucket_names": ("bucket_names", "Lake bucket names by zone.")},
        ),
        "catalog": ModuleCall(
            "catalog",
            {
                "prefix": m.prefix,
                "database_name": database,
                "raw_bucket_name": Ref("module.data_lake.raw_bucket_name"),
                "events_prefix": EVENTS_PREFIX,
                "columns": event_contract.transformed_raw_table_columns()
                if m.enabled("firehose_transform")
                else event_contract.raw_table_columns(),
                "curated_bucket_name": Ref("module.data_lake.curated_bucket_name"),
                "curated_tables": event_contract.curated_tables(),
                "projection_start_date": s.catalog.projection_start_date,
            },
            {
                "glue_database_name": ("database_name", "Glue database of the lake."),
                "raw_table_name": ("raw_table_name", "Glue table over the raw zone."),
                "curated_table_locations": (
                    "curated_table_locations",
                    "S3 folders of the curated Parquet tables the Glue job writes, by table.",
                ),
            },
        ),
        "athena": ModuleCall(
            "athena",
            {
                "prefix": m.prefix,
                "results_bucket_name": Ref("module.data_lake.query_results_bucket_name"),
                "kms_key_arn": key,
                "bytes_scanned_cutoff_per_query": _gib_to_bytes(s.athena.bytes_scanned_cutoff_gb),
                "database_name": Ref("module.catalog.database_name"),
                "named_queries": {
                    q.name: {"description": q.description, "query": Heredoc(q.sql, "SQL")}
                    for q in queries.named_queries(database)
                },
            },
            {"athena_workgroup_name": ("workgroup_name", "Athena workgroup to query in.")},
        ),
    }
    calls.update(_seed_000_calls(m))
    calls.update(_seed_002_calls(m))
    calls["waf"].inputs["resource_arns"] = {
        entry: Ref(arn)
        for entry, service, arn in (
            ("api", "ingest_api", "module.ingest_api.stage_arn"),
            ("fleet", "ingest_fleet", "module.ingest_fleet.alb_arn"),
        )
        if m.enabled(service)
    }
    if m.enabled("ingest_fleet"):
        calls["data_lake"].inputs["load_balancer_log_prefixes"] = [FLEET_LOG_PREFIX]
    key_policies: dict[str, Ref | JsonEncode] = {}
    if m.enabled("monitoring"):
        key_policies["alarm_topic"] = JsonEncode(
            alarm_topic_key_policy(m.prefix, m.account_id, m.region)
        )
    if m.enabled("orchestration"):
        key_policies["state_machine_logs"] = JsonEncode(STATE_MACHINE_LOG_DELIVERY)
    if key_policies:
        calls["kms"].inputs["extra_policy_documents"] = key_policies
    if m.enabled("firehose_transform"):
        calls["firehose"].inputs["processor_lambda_arn"] = Ref(
            "module.firehose_transform.function_arn"
        )
    return calls


def _seed_000_calls(m: Manifest) -> dict[str, ModuleCall]:
    """Network, stream processing, transform, Glue job, warehouse, BI and serving stores."""
    s = m.services
    key = Ref("module.kms.key_arn")
    private_subnets = Ref("module.network.private_subnet_id_list")
    firehose_arn = (
        f"arn:{partition(m.region)}:firehose:{m.region}:{m.account_id}:deliverystream/"
        f"{m.prefix}-{FIREHOSE_NAME}"
    )  # spelled out: the Lambda permission cannot refer to the stream that refers to the Lambda
    consumers = {name: text for name, text in VPC_CONSUMERS.items() if m.enabled(name)}
    calls: dict[str, ModuleCall] = {
        "network": ModuleCall(
            "network",
            {
                "prefix": m.prefix,
                "account_id": m.account_id,
                "availability_zones": list(m.availability_zones),
                "cidr_block": s.network.cidr_block,
                "nat": {"mode": s.network.nat},
                "interface_endpoints": s.network.interface_endpoints.model_dump(),
                "consumers": consumers,
                "kms_key_arn": key,
                "flow_log_retention_days": s.network.flow_log_retention_days,
            },
            {"vpc_id": ("vpc_id", "Id of the platform's VPC.")},
        ),
        "artifacts": ModuleCall(
            "artifacts",
            {
                "bucket_name": Ref("module.data_lake.artifacts_bucket_name"),
                "kms_key_arn": key,
                "artifacts": Ref(
                    "{ for name in " + hcl(needed_artifacts(m)) + " : name => var.artifacts[name] }"
                ),
            },
        ),
    }
    for output, name in (
        ("flink_metrics_stream", "metrics"),
        ("flink_errors_stream", "flink-errors"),
        ("flink_late_events_stream", "late-events"),
    ):
        calls[output] = ModuleCall(
            output,
            {
                "prefix": m.prefix,
                "name": name,
                "capacity": {"mode": "ON_DEMAND"},
                "retention_hours": 24,
                "kms_key_arn": key,
                "shard_level_metrics": [],  # low volume; the stream-level metrics suffice
            },
            {f"{output}_name": ("stream_name", f"Kinesis stream the Flink job writes {name} to.")},
            module="stream",
        )
    flink_code = _artifact_object(ARTIFACT_OF["flink"])
    calls["flink"] = ModuleCall(
        "flink",
        {
            "prefix": m.prefix,
            "code": {
                "bucket_arn": Ref(f"{flink_code}.bucket_arn"),
                "key": Ref(f"{flink_code}.key"),
                "object_version": Ref(f"{flink_code}.version_id"),
                "jarfile": Ref(f'var.artifacts["{ARTIFACT_OF["flink"]}"].jarfile'),
            },
            "input_stream_arn": Ref("module.stream.stream_arn"),
            "output_stream_arns": {
                "metrics": Ref("module.flink_metrics_stream.stream_arn"),
                "errors": Ref("module.flink_errors_stream.stream_arn"),
                "late_events": Ref("module.flink_late_events_stream.stream_arn"),
            },
            "parallelism": s.flink.parallelism.model_dump(),
            "checkpointing": {"interval_ms": s.flink.checkpoint_interval_ms},
            "log_retention_days": s.flink.log_retention_days,
            "kms_key_arn": key,
            "start_application": s.flink.start_application,
            "snapshots_enabled": s.flink.snapshots_enabled,
        },
        {"flink_application_name": ("application_name", "Managed Flink application name.")},
    )
    updater = s.profile_updater
    calls["profile_updater"] = ModuleCall(
        "profile_updater",
        {
            **_lambda_inputs(m, "profile_updater", "profile-updater", updater),
            "environment": {
                "REDIS_URL": Ref("module.redis.connection_url"),
                "REDIS_IAM_USER": Ref("module.redis.user_id"),
                "REDIS_CACHE_NAME": Ref("module.redis.replication_group_id"),
                "PGHOST": Ref("module.aurora.endpoint"),
                "PGPORT": Ref("tostring(module.aurora.port)"),
                "PGDATABASE": Ref("module.aurora.database_name"),
                "PGSSLMODE": "require",
                "DATABASE_SECRET_ARN": Ref("module.aurora.master_user_secret_arn"),
            },
            "vpc": {
                "subnet_ids": private_subnets,
                "security_group_ids": [
                    Ref('module.network.consumer_security_group_ids["profile_updater"]')
                ],
            },
            "extra_policy_json": _merged_policies(
                "module.redis.connect_policy_json", "module.aurora.secret_read_policy_json"
            ),
            "kinesis_source": {
                "stream_arn": Ref("module.stream.stream_arn"),
                "batch_size": updater.batch_size,
                "maximum_batching_window_seconds": updater.batching_window_seconds,
                "parallelization_factor": updater.parallelization_factor,
                "maximum_retry_attempts": updater.maximum_retry_attempts,
                "maximum_record_age_seconds": updater.maximum_record_age_seconds,
                "on_failure": "sqs",
            },
        },
        {
            "profile_updater_function_name": ("function_name", "The stream consumer's name."),
            "profile_updater_failure_queue_arn": (
                "failure_queue_arn",
                "SQS queue holding stream batches the profile updater gave up on.",
            ),
        },
        module="lambda_function",
    )
    calls["firehose_transform"] = ModuleCall(
        "firehose_transform",
        {
            **_lambda_inputs(m, "firehose_transform", "firehose-transform", s.firehose_transform),
            "invokers": {
                "firehose": {"principal": "firehose.amazonaws.com", "source_arn": firehose_arn}
            },
        },
        {"firehose_transform_function_name": ("function_name", "Firehose record transform.")},
        module="lambda_function",
    )
    glue = s.glue_etl
    tables = event_contract.curated_tables()
    script = _artifact_object(ARTIFACT_OF["glue_etl"])
    calls["glue_etl"] = ModuleCall(
        "glue_etl",
        {
            "prefix": m.prefix,
            "script": {"bucket": Ref(f"{script}.bucket"), "key": Ref(f"{script}.key")},
            "raw": {"bucket": Ref("module.data_lake.raw_bucket_name"), "prefix": EVENTS_PREFIX},
            "curated": {
                "bucket": Ref("module.data_lake.curated_bucket_name"),
                "events_prefix": tables["curated_events"]["prefix"],
                "sessions_prefix": tables["sessions"]["prefix"],
                "errors_prefix": tables["processing_errors"]["prefix"],
            },
            "artifacts_bucket": Ref("module.data_lake.artifacts_bucket_name"),
            "kms_key_arn": key,
            "worker_type": glue.worker_type,
            "number_of_workers": glue.number_of_workers,
            "timeout_minutes": glue.timeout_minutes,
            "max_retries": glue.max_retries,
            "session_gap_minutes": glue.session_gap_minutes,
            "schedule": glue.schedule,
            "log_retention_days": glue.log_retention_days,
            "glue_database_name": Ref("module.catalog.database_name"),
            "curated_table_names": {
                "events": "curated_events",
                "sessions": "sessions",
                "errors": "processing_errors",
            },
        },
        {"glue_job_name": ("job_name", "The daily sessionize Glue job.")},
    )
    lake_buckets = [
        Ref('module.data_lake.bucket_arns["raw"]'),
        Ref('module.data_lake.bucket_arns["curated"]'),
    ]
    rs = s.redshift
    calls["redshift"] = ModuleCall(
        "redshift",
        {
            "prefix": m.prefix,
            "base_capacity": rs.base_capacity,
            "max_capacity": rs.max_capacity,
            "subnet_ids": private_subnets,
            "vpc_id": Ref("module.network.vpc_id"),
            "kms_key_arn": key,
            "glue_database_name": Ref("module.catalog.database_name"),
            "lake": {"bucket_arns": lake_buckets},
            "usage_limit": None
            if rs.rpu_hours_per_day is None
            else {"rpu_hours_per_day": rs.rpu_hours_per_day, "breach_action": "log"},
            "log_retention_days": rs.log_retention_days,
        },
        {
            "redshift_workgroup_endpoint": ("workgroup_endpoint", "Redshift Serverless endpoint."),
            "redshift_admin_secret_arn": ("admin_secret_arn", "Secret of the Redshift admin."),
        },
    )
    qs_arn = f"arn:{partition(m.region)}:quicksight:{m.region}:{m.account_id}"
    calls["quicksight"] = ModuleCall(
        "quicksight",
        {
            "prefix": m.prefix,
            "account_id": m.account_id,
            "athena_workgroup_name": Ref("module.athena.workgroup_name"),
            "principals": {
                name: {
                    "arn": f"{qs_arn}:{p.type}/{p.namespace}/{p.name}",
                    "actions": p.actions,
                }
                for name, p in sorted(s.quicksight.principals.items())
            },
            "service_role_access": {
                "glue_database_name": Ref("module.catalog.database_name"),
                "lake_bucket_arns": lake_buckets,
                "results_bucket_arn": Ref('module.data_lake.bucket_arns["query_results"]'),
                "kms_key_arn": key,
            },
        },
        {
            "quicksight_data_source_arn": ("data_source_arn", "QuickSight Athena data source."),
            "quicksight_service_role_policy_json": (
                "service_role_policy_json",
                "Policy to attach to the QuickSight service role so it can run the queries.",
            ),
        },
    )
    allowed = {
        name: Ref(f'module.network.consumer_security_group_ids["{name}"]') for name in consumers
    }
    cache = s.redis
    calls["redis"] = ModuleCall(
        "redis",
        {
            "prefix": m.prefix,
            "engine": cache.engine,
            "engine_version": cache.engine_version,
            "node_type": cache.node_type,
            "replicas": cache.replicas,
            "multi_az": cache.multi_az,
            "subnet_ids": private_subnets,
            "vpc_id": Ref("module.network.vpc_id"),
            "allowed_security_group_ids": allowed,
            "kms_key_arn": key,
            "snapshot_retention_days": cache.snapshot_retention_days,
            "log_retention_days": cache.log_retention_days,
        },
        {"redis_primary_endpoint": ("primary_endpoint_address", "Redis primary endpoint.")},
    )
    db = s.aurora
    calls["aurora"] = ModuleCall(
        "aurora",
        {
            "prefix": m.prefix,
            "engine_version": db.engine_version,
            "min_acu": db.min_acu,
            "max_acu": db.max_acu,
            "instances": db.instances,
            "subnet_ids": private_subnets,
            "vpc_id": Ref("module.network.vpc_id"),
            "allowed_security_group_ids": allowed,
            "kms_key_arn": key,
            "backup_retention_days": db.backup_retention_days,
            "deletion_protection": db.deletion_protection,
            "skip_final_snapshot": db.skip_final_snapshot,
            "performance_insights": db.performance_insights,
            "log_retention_days": db.log_retention_days,
        },
        {
            "aurora_endpoint": ("endpoint", "Aurora writer endpoint."),
            "aurora_master_user_secret_arn": (
                "master_user_secret_arn",
                "Secret (managed by RDS) with the Aurora master credentials.",
            ),
        },
    )
    return calls


def ecr_registry(m: Manifest) -> str:
    suffix = ".amazonaws.com.cn" if partition(m.region) == "aws-cn" else ".amazonaws.com"
    return f"{m.account_id}.dkr.ecr.{m.region}{suffix}"


def fleet_image(m: Manifest) -> str:
    """The collector image in the fleet's own ECR repository (``<prefix>-fleet``)."""
    fleet = m.services.ingest_fleet
    repository = f"{ecr_registry(m)}/{m.prefix}-fleet"
    return (
        f"{repository}@{fleet.image_digest}"
        if fleet.image_digest
        else f"{repository}:{fleet.image_tag}"
    )


def _seed_002_calls(m: Manifest) -> dict[str, ModuleCall]:
    """Fleet path, MSK, EMR Serverless, the batch workflow, secrets, alarms and the console."""
    s = m.services
    key = Ref("module.kms.key_arn")
    private_subnets = Ref("module.network.private_subnet_id_list")
    tables = event_contract.curated_tables()
    curated_prefixes = [
        tables[t]["prefix"] for t in ("curated_events", "sessions", "processing_errors")
    ]
    calls: dict[str, ModuleCall] = {}
    calls["secrets"] = ModuleCall(
        "secrets",
        {
            "prefix": m.prefix,
            "account_id": m.account_id,
            "kms_key_arn": key,
            "recovery_window_days": s.secrets.recovery_window_days,
            "secrets": {
                name: {
                    "description": secret.description,
                    "generated_password": (
                        {"json_key": "password", "json_fields": {"username": secret.username}}
                        if secret.username
                        else {}
                    )
                    if secret.generated_password
                    else None,
                }
                for name, secret in sorted(s.secrets.secrets.items())
            },
        },
        {"secret_arns": ("secret_arns", "Platform secrets by key (values are never in state).")},
    )
    fleet = s.ingest_fleet
    calls["ingest_fleet"] = ModuleCall(
        "ingest_fleet",
        {
            "prefix": m.prefix,
            "account_id": m.account_id,
            "vpc_id": Ref("module.network.vpc_id"),
            "private_subnet_ids": private_subnets,
            "public_subnet_ids": Ref("values(module.network.public_subnet_ids)"),
            "stream_arn": Ref("module.stream.stream_arn"),
            "kms_key_arn": key,
            "image": fleet_image(m) if fleet.enabled else "",
            "instance_type": fleet.instance_type,
            "instances": fleet.instances.model_dump(),
            "tasks": fleet.tasks.model_dump(),
            "task_cpu": fleet.task_cpu,
            "task_memory": fleet.task_memory,
            "certificate_arn": fleet.certificate_arn,
            "domain_name": fleet.domain_name,
            "allowed_cidrs": dict(sorted(fleet.allowed_cidrs.items())),
            "deletion_protection": fleet.deletion_protection,
            "log_retention_days": fleet.log_retention_days,
            "access_logs": {
                "bucket": Ref("module.data_lake.access_logs_bucket_name"),
                "prefix": FLEET_LOG_PREFIX,
            },
        },
        {
            "fleet_collect_url": ("collect_url", "URL clients POST event batches to (the fleet)."),
            "fleet_ecr_repository_url": (
                "ecr_repository_url",
                "Push the collector image (ingest/collector) here; the fleet's tasks start "
                "once the manifest's tag or digest exists.",
            ),
            "fleet_alb_dns_name": ("alb_dns_name", "DNS name of the fleet's load balancer."),
        },
    )
    calls["global_accelerator"] = ModuleCall(
        "global_accelerator",
        {
            "prefix": m.prefix,
            "alb_arn": Ref("module.ingest_fleet.alb_arn"),
            "alb_region": m.region,
            "client_affinity": s.global_accelerator.client_affinity,
            "traffic_dial_percentage": s.global_accelerator.traffic_dial_percentage,
        },
        {
            "accelerator_dns_name": ("accelerator_dns_name", "Global Accelerator DNS name."),
            "accelerator_static_ips": ("static_ip_addresses", "Its two static anycast IPs."),
        },
    )
    msk_clients = {
        name: Ref(f'module.network.consumer_security_group_ids["{name}"]')
        for name in VPC_CONSUMERS
        if m.enabled(name)
    }
    if fleet.enabled:
        msk_clients["fleet"] = Ref("module.ingest_fleet.service_security_group_id")
    calls["msk"] = ModuleCall(
        "msk",
        {
            "prefix": m.prefix,
            "mode": s.msk.mode,
            "subnet_ids": private_subnets,
            "vpc_id": Ref("module.network.vpc_id"),
            "allowed_security_group_ids": msk_clients,
            "kms_key_arn": key,
            "provisioned": s.msk.provisioned.model_dump(),
            "log_retention_days": s.msk.log_retention_days,
        },
        {
            "msk_bootstrap_brokers": ("bootstrap_brokers_sasl_iam", "MSK brokers (SASL/IAM, TLS)."),
            "msk_topic_name": ("topic_name", "The events topic producers and consumers use."),
            "msk_producer_policy_json": ("producer_policy_json", "IAM policy of a producer."),
            "msk_consumer_policy_json": ("consumer_policy_json", "IAM policy of a consumer."),
        },
    )
    emr = s.emr_serverless
    calls["emr_serverless"] = ModuleCall(
        "emr_serverless",
        {
            "prefix": m.prefix,
            "name": "sessionize",
            "kms_key_arn": key,
            "release_label": emr.release_label,
            "initial_capacity": {
                "driver": emr.driver.model_dump(),
                "executor": emr.executor.model_dump(),
            },
            "maximum_capacity": {"cpu": emr.maximum_cpu, "memory_gb": emr.maximum_memory_gb},
            "auto_stop_idle_minutes": emr.auto_stop_idle_minutes,
            "raw": {"bucket": Ref("module.data_lake.raw_bucket_name"), "prefix": EVENTS_PREFIX},
            "curated": {
                "bucket": Ref("module.data_lake.curated_bucket_name"),
                "prefixes": curated_prefixes,
            },
            "job_scripts": {
                "bucket": Ref("module.data_lake.artifacts_bucket_name"),
                "prefix": package.s3_key_prefix(ARTIFACT_OF["emr_serverless"]),
            },
            "glue_database_name": Ref("module.catalog.database_name"),
            "log_retention_days": emr.log_retention_days,
        },
        {"emr_serverless_application_id": ("application_id", "EMR Serverless application id.")},
    )
    flow = s.orchestration
    script = _artifact_object(ARTIFACT_OF["emr_serverless"])
    paths = {
        "raw_path": f"s3://${{module.data_lake.raw_bucket_name}}/{EVENTS_PREFIX}",
        **{
            arg: f"s3://${{module.data_lake.curated_bucket_name}}/{tables[table]['prefix']}"
            for arg, table in (
                ("curated_path", "curated_events"),
                ("sessions_path", "sessions"),
                ("errors_path", "processing_errors"),
            )
        },
    }  # the arguments glue_etl gives the same script
    calls["orchestration"] = ModuleCall(
        "orchestration",
        {
            "prefix": m.prefix,
            "kms_key_arn": key,
            "engine": flow.engine,
            "glue_job_name": Ref("module.glue_etl.job_name") if flow.engine == "glue" else None,
            "emr_serverless": {
                "application_id": Ref("module.emr_serverless.application_id"),
                "job_role_arn": Ref("module.emr_serverless.job_role_arn"),
                "entry_point": Ref(f'"s3://${{{script}.bucket}}/${{{script}.key}}"'),
                "entry_point_arguments": [
                    item for arg, value in paths.items() for item in (f"--{arg}", Ref(f'"{value}"'))
                ]
                + ["--session_gap_minutes", str(s.glue_etl.session_gap_minutes)],
                "log_group_name": Ref("module.emr_serverless.log_group_name"),
            }
            if flow.engine == "emr_serverless"
            else None,
            "redshift": None
            if flow.warehouse_sql is None
            else {
                "workgroup_name": Ref("module.redshift.workgroup_name"),
                "workgroup_arn": Ref("module.redshift.workgroup_arn"),
                "database": Ref("module.redshift.database_name"),
                "sql": flow.warehouse_sql,
            },
            "alarm_topic_arn": Ref("module.monitoring.topic_arn"),
            "schedule": {"expression": flow.schedule, "timezone": flow.timezone},
            "timeout_minutes": flow.timeout_minutes,
            "log_retention_days": flow.log_retention_days,
        },
        {
            "state_machine_arn": (
                "state_machine_arn",
                "The daily batch workflow (start a backfill).",
            )
        },
    )
    calls["monitoring"] = ModuleCall(
        "monitoring",
        {
            "prefix": m.prefix,
            "account_id": m.account_id,
            "kms_key_arn": key,
            "alarm_emails": list(s.monitoring.alarm_emails),
            "topic_policy_documents": [Ref("module.orchestration.alarm_topic_policy_json")]
            if m.enabled("orchestration")
            else [],
            **_alarm_targets(m),
        },
        {
            "alarm_topic_arn": ("topic_arn", "SNS topic of every alarm (KMS-encrypted)."),
            "dashboard_name": ("dashboard_name", "CloudWatch dashboard of the pipeline."),
        },
    )
    console = s.console
    calls["console_api"] = ModuleCall(
        "console_api",
        {
            **_lambda_inputs(m, "console_api", "console-api", console),
            "environment": {"TABLE_NAME": Ref("module.console.table_name")},
            "extra_policy_json": Ref("module.console.backend_policy_json"),
        },
        {"console_api_function_name": ("function_name", "The console's backend Lambda.")},
        module="lambda_function",
    )
    calls["console"] = ModuleCall(
        "console",
        {
            "prefix": m.prefix,
            "account_id": m.account_id,
            "kms_key_arn": key,
            "backend_function_name": Ref("module.console_api.function_name"),
            "backend_function_arn": Ref("module.console_api.function_arn"),
            "price_class": console.price_class,
            "force_destroy": console.force_destroy,
            "deletion_protection": console.deletion_protection,
            "auth": {"callback_urls": list(console.callback_urls)},
            "log_retention_days": console.log_retention_days,
        },
        {
            "console_url": ("console_url", "The operator console."),
            "console_user_pool_id": ("user_pool_id", "Cognito user pool (create operators here)."),
        },
    )
    return calls


def _alarm_targets(m: Manifest) -> dict[str, Any]:
    """The monitoring module's inputs: one entry per enabled service, none for the others."""
    on = m.enabled
    lambdas = {
        name: {"function_name": Ref(f"module.{name}.function_name")}
        for name in ("profile_updater", "firehose_transform", "console_api")
        if on(SERVICE_OF.get(name, name))
    }
    return {
        "kinesis_stream": {"stream_name": Ref("module.stream.stream_name")}
        if on("stream")
        else None,
        "firehose": {"delivery_stream_name": Ref("module.firehose.delivery_stream_name")}
        if on("firehose")
        else None,
        "lambda_functions": lambdas,
        "flink_application": {"application_name": Ref("module.flink.application_name")}
        if on("flink")
        else None,
        "glue_job": {"job_name": Ref("module.glue_etl.job_name")} if on("glue_etl") else None,
        "emr_serverless_application": {
            "application_id": Ref("module.emr_serverless.application_id")
        }
        if on("emr_serverless")
        else None,
        "load_balancer": {"arn_suffix": Ref("module.ingest_fleet.alb_arn_suffix")}
        if on("ingest_fleet")
        else None,
        "ecs_service": {
            "cluster_name": Ref("module.ingest_fleet.cluster_name"),
            "service_name": Ref("module.ingest_fleet.service_name"),
        }
        if on("ingest_fleet")
        else None,
        "elasticache": {"cache_cluster_ids": Ref("module.redis.member_clusters")}
        if on("redis")
        else None,
        "aurora_cluster": {"cluster_identifier": Ref("module.aurora.cluster_id")}
        if on("aurora")
        else None,
    }


def _lambda_inputs(m: Manifest, service: str, name: str, settings: Any) -> dict[str, Any]:
    artifact = ARTIFACT_OF[service]
    code = _artifact_object(artifact)
    return {
        "prefix": m.prefix,
        "name": name,
        "account_id": m.account_id,
        "handler": f"{service}.handler.handler",
        "artifact": {
            "bucket": Ref(f"{code}.bucket"),
            "key": Ref(f"{code}.key"),
            "sha256_base64": Ref(f'var.artifacts["{artifact}"].sha256_base64'),
        },
        "memory_mb": settings.memory_mb,
        "timeout_seconds": settings.timeout_seconds,
        "reserved_concurrency": settings.reserved_concurrency,
        "kms_key_arn": Ref("module.kms.key_arn"),
        "log_retention_days": settings.log_retention_days,
    }


def default_tags(m: Manifest) -> dict[str, str]:
    # The platform's own keys win over manifest tags so policies can rely on them.
    tags = dict(sorted(m.tags.items()))
    tags.update({"project": m.project, "env": m.env, "managed-by": MANAGED_BY})
    return dict(sorted(tags.items()))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["hcl"] = hcl
    return env


def _terraform_fmt(texts: dict[str, str]) -> dict[str, bytes]:
    """Format every rendered file with one ``terraform fmt`` run in a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="clickstack-fmt-") as tmp:
        folder = Path(tmp)
        for name, text in texts.items():
            (folder / name).write_text(text)
        result = subprocess.run(
            [terraform_binary(), "fmt", "-no-color", "-list=false", str(folder)],
            env={**os.environ, "TF_CLI_CONFIG_FILE": os.devnull},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise TerraformError(
                f"terraform fmt rejected the rendered root:\n{result.stderr.strip()}"
            )
        return {name: (folder / name).read_bytes() for name in texts}


def render_files(loaded: LoadedManifest) -> dict[str, bytes]:
    """The bytes of every file of the env root, by file name."""
    m = loaded.manifest
    calls = module_calls(m)
    sections = [
        (title, [calls[name] for name in names if call_enabled(m, name)], [
            name for name in names
            if name in Services.model_fields and not call_enabled(m, name)
        ])
        for title, names in SECTIONS
    ]  # fmt: skip
    context = {
        "m": m,
        "source": f"manifest/{m.env}.yaml",
        "defaults_source": "manifest/defaults.yaml",
        "sections": sections,
        "enabled_calls": [c for _, enabled, _ in sections for c in enabled],
        "default_tags": default_tags(m),
        "module_versions": (TEMPLATES_DIR / "module_versions.tf").read_text(),
        "artifacts": needed_artifacts(m),
    }
    env = _environment()
    texts = {name: env.get_template(f"{name}.j2").render(**context) for name in RENDERED_FILES}
    files = _terraform_fmt(texts)
    files[LOCK_NAME] = LOCK_FILE.read_bytes()
    return files


def env_root(env: str) -> Path:
    return ENVS_DIR / env


def diff_root(env: str, files: dict[str, bytes]) -> list[str]:
    """Files of the committed root that differ from ``files`` (changed, missing or extra)."""
    root = env_root(env)
    problems = []
    for name, content in files.items():
        path = root / name
        if not path.exists():
            problems.append(f"{path.relative_to(REPO_ROOT)}: missing")
        elif path.read_bytes() != content:
            problems.append(f"{path.relative_to(REPO_ROOT)}: differs from a fresh render")
    if root.exists():
        for path in sorted(root.iterdir()):
            if path.is_file() and path.name not in files and not path.name.endswith(".tfstate"):
                problems.append(f"{path.relative_to(REPO_ROOT)}: not produced by the generator")
    return problems


def write_root(env: str, files: dict[str, bytes]) -> bool:
    """Swap a fully written temporary folder in for ``terraform/envs/<env>``.

    Returns False when nothing changed (no file is touched then). Anything in the old root
    that the generator does not own (``.terraform/`` from an init) is carried over.
    """
    root = env_root(env)
    if not diff_root(env, files):
        return False
    ENVS_DIR.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{env}.render-", dir=ENVS_DIR))
    staging.chmod(0o755)  # mkdtemp makes 0700 folders
    try:
        for name, content in files.items():
            (staging / name).write_bytes(content)
        if root.exists():
            for path in root.iterdir():
                if (
                    path.name not in files
                    and path.name.startswith(".terraform")
                    and (path.name != LOCK_NAME)
                ):
                    shutil.move(str(path), staging / path.name)
        swap_in(staging, root)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return True
