"""The manifest: ``manifest/defaults.yaml`` deep-merged with ``manifest/<env>.yaml``, typed.

Every key has a type, a documented default (in ``defaults.yaml`` or here) and a range. A bad
manifest raises one ``ManifestError`` naming the file, the key path and its line, what was
expected and what was found. ``docs/manifest.md`` is generated from these models.
"""

from __future__ import annotations

import difflib
import ipaddress
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from generator.errors import ManifestError
from generator.local_aws import ACCOUNT_ID as LOCAL_ACCOUNT_ID
from generator.toolchain import REPO_ROOT, shown

MANIFEST_DIR = REPO_ROOT / "manifest"
DEFAULTS_FILE = "defaults.yaml"

# CloudWatch Logs accepts only these retention periods.
LOG_RETENTION_DAYS = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
    1096, 1827, 2192, 2557, 2922, 3288, 3653,
)  # fmt: skip


class Section(BaseModel):
    """Base for every manifest mapping: unknown keys are errors, types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _FieldProblem(ValueError):
    """A cross-field problem that belongs to one key path."""

    def __init__(self, path: tuple[str, ...], expected: str, found: Any) -> None:
        super().__init__(expected)
        self.path = path
        self.expected = expected
        self.found = found


def _check_retention(value: int) -> int:
    if value not in LOG_RETENTION_DAYS:
        allowed = ", ".join(str(v) for v in LOG_RETENTION_DAYS)
        raise ValueError(f"a CloudWatch Logs retention period ({allowed})")
    return value


LogRetention = Annotated[int, Field(ge=1, le=3653)]


class Traffic(Section):
    peak_events_per_second: int = Field(
        ge=1, le=1_000_000, description="Peak ingest rate the platform is sized for."
    )
    average_event_bytes: int = Field(
        ge=64,
        le=1_048_576,
        description="Average size of one event (Kinesis caps a record at 1 MiB).",
    )
    events_per_request: int = Field(
        default=10,
        ge=1,
        le=500,
        description="Average events per POST /collect batch (PutRecords takes at most 500).",
    )


class StateBackend(Section):
    bucket: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$",
        description="S3 bucket holding Terraform state; default `<project>-tfstate-<account_id>`.",
    )
    key: str | None = Field(
        default=None, description="State object key; default `<project>/<env>/terraform.tfstate`."
    )


class Kms(Section):
    enabled: bool = Field(default=True, description="Create the platform's customer managed key.")
    deletion_window_days: int = Field(
        default=30, ge=7, le=30, description="Waiting period before a deleted key is destroyed."
    )


class LakeRetention(Section):
    raw_days: int = Field(default=365, ge=1, le=36500, description="Expire raw events after.")
    curated_days: int = Field(default=730, ge=1, le=36500, description="Expire curated data after.")
    query_results_days: int = Field(
        default=30, ge=1, le=36500, description="Expire Athena results after."
    )
    access_logs_days: int = Field(
        default=90, ge=1, le=36500, description="Expire S3 access logs after."
    )
    noncurrent_version_days: int = Field(
        default=30, ge=1, le=36500, description="Expire overwritten object versions after."
    )


class DataLake(Section):
    enabled: bool = Field(default=True, description="Create the lake buckets.")
    force_destroy: bool = Field(
        default=False, description="Allow destroying non-empty buckets (never in prod)."
    )
    retention: LakeRetention = Field(default_factory=LakeRetention, description="Lifecycle.")


class Stream(Section):
    enabled: bool = Field(default=True, description="Create the Kinesis Data Stream.")
    mode: Literal["ON_DEMAND", "PROVISIONED"] = Field(
        default="ON_DEMAND", description="Kinesis capacity mode."
    )
    shard_count: int | None = Field(
        default=None,
        ge=1,
        le=500,
        description="PROVISIONED only; default sized from `traffic` (1 MiB/s and 1000 records/s "
        "per shard, 25% headroom).",
    )
    retention_hours: int = Field(default=24, ge=24, le=8760, description="Record retention.")

    @model_validator(mode="after")
    def _shards_only_when_provisioned(self) -> Stream:
        if self.mode == "ON_DEMAND" and self.shard_count is not None:
            raise _FieldProblem(
                ("shard_count",),
                "no shard_count when mode is ON_DEMAND (on-demand streams scale themselves)",
                self.shard_count,
            )
        return self


class Throttle(Section):
    rate_limit: float | None = Field(
        default=None,
        gt=0,
        le=100_000,
        description="Steady requests/s for the stage; default from `traffic` with 50% headroom.",
    )
    burst_limit: int | None = Field(
        default=None, ge=1, le=200_000, description="Burst requests; default 2x rate_limit."
    )


class IngestApi(Section):
    enabled: bool = Field(default=True, description="Create the REST API `POST /collect`.")
    stage_name: str = Field(
        default="v1", pattern=r"^[A-Za-z0-9_]{1,64}$", description="API Gateway stage name."
    )
    throttle: Throttle = Field(default_factory=Throttle, description="Stage throttling.")
    cors_allow_origins: list[str] = Field(
        default_factory=list, description="Origins allowed by CORS; empty disables CORS."
    )
    access_log_retention_days: LogRetention = Field(
        default=30, description="Access log retention (a CloudWatch Logs period)."
    )
    manage_account_logging_role: bool = Field(
        default=False,
        description="Create the region-wide API Gateway CloudWatch role (one per account+region).",
    )

    _retention = field_validator("access_log_retention_days")(_check_retention)


class Waf(Section):
    enabled: bool = Field(default=True, description="Protect the API stage with WAFv2.")
    rate_limit_per_ip: int = Field(
        default=2000, ge=10, le=2_000_000_000, description="Requests per 5 minutes per client IP."
    )
    max_body_bytes: int = Field(
        default=16384, ge=1, le=65536, description="Larger request bodies are blocked."
    )
    log_retention_days: LogRetention = Field(default=30, description="WAF log retention.")

    _retention = field_validator("log_retention_days")(_check_retention)


class FirehoseBuffer(Section):
    size_mb: int = Field(default=64, ge=1, le=128, description="Flush after this many MiB.")
    interval_seconds: int = Field(default=300, ge=0, le=900, description="...or this many seconds.")


class Firehose(Section):
    enabled: bool = Field(default=True, description="Deliver the stream to the raw zone.")
    buffer: FirehoseBuffer = Field(default_factory=FirehoseBuffer, description="Buffering hints.")
    compression: Literal["UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY"] = Field(
        default="GZIP", description="Compression of delivered objects."
    )
    log_retention_days: LogRetention = Field(
        default=30, description="Delivery error log retention."
    )

    _retention = field_validator("log_retention_days")(_check_retention)


class Catalog(Section):
    enabled: bool = Field(default=True, description="Create the Glue database and raw table.")
    projection_start_date: str = Field(
        default="2026-01-01",
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="First `dt` partition Athena projects (YYYY-MM-DD).",
    )

    @field_validator("projection_start_date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError("a calendar date YYYY-MM-DD") from None
        return value


class Athena(Section):
    enabled: bool = Field(default=True, description="Create the Athena workgroup and queries.")
    bytes_scanned_cutoff_gb: float = Field(
        default=10.0, ge=0.01, le=100_000, description="Cancel a query after scanning this much."
    )


class InterfaceEndpoints(Section):
    kinesis_streams: bool = Field(default=True, description="Kinesis Data Streams endpoint.")
    secretsmanager: bool = Field(default=True, description="Secrets Manager endpoint.")
    logs: bool = Field(default=True, description="CloudWatch Logs endpoint.")
    glue: bool = Field(default=True, description="Glue endpoint.")


class Network(Section):
    enabled: bool = Field(
        default=True, description="Create the VPC the private consumers and data stores run in."
    )
    cidr_block: str = Field(
        default="10.20.0.0/16",
        description="IPv4 range of the VPC (/16 to /24), cut into 16 subnets by zone letter.",
    )
    nat: Literal["none", "single", "per_az"] = Field(
        default="none",
        description="NAT gateways: none (AWS services through VPC endpoints only), single, or "
        "per_az (no cross-zone dependency).",
    )
    interface_endpoints: InterfaceEndpoints = Field(
        default_factory=InterfaceEndpoints,
        description="Interface endpoints in the private subnets (the S3 gateway one is always on).",
    )
    flow_log_retention_days: LogRetention = Field(
        default=365, description="VPC flow log retention."
    )

    _retention = field_validator("flow_log_retention_days")(_check_retention)

    @field_validator("cidr_block")
    @classmethod
    def _cidr(cls, value: str) -> str:
        try:
            network = ipaddress.IPv4Network(value, strict=True)
        except ValueError:
            raise ValueError("an IPv4 network in CIDR notation, e.g. 10.20.0.0/16") from None
        if not 16 <= network.prefixlen <= 24:
            raise ValueError("a /16 to /24 IPv4 network")
        return value


class LambdaFunction(Section):
    """Settings every clickstack Lambda function has."""

    memory_mb: int = Field(default=256, ge=128, le=10240, description="Memory (and CPU share).")
    timeout_seconds: int = Field(default=60, ge=1, le=900, description="Invocation timeout.")
    reserved_concurrency: int | None = Field(
        default=None, ge=0, le=10000, description="Reserved (and capped) concurrency; null: none."
    )
    log_retention_days: LogRetention = Field(default=30, description="Function log retention.")

    _retention = field_validator("log_retention_days")(_check_retention)


class FirehoseTransform(LambdaFunction):
    enabled: bool = Field(
        default=True,
        description="Validate and normalise records in Firehose with lambda/firehose_transform; "
        "failures go to the raw bucket's error prefix.",
    )
    timeout_seconds: int = Field(
        default=60, ge=1, le=300, description="Invocation timeout (Firehose waits at most 5 min)."
    )


class ProfileUpdater(LambdaFunction):
    enabled: bool = Field(
        default=True,
        description="Consume the stream with lambda/profile_updater: profiles in Redis, first-seen "
        "users in Aurora.",
    )
    batch_size: int = Field(default=500, ge=1, le=10000, description="Records per invocation.")
    batching_window_seconds: int = Field(
        default=1, ge=0, le=300, description="Wait up to this long to fill a batch."
    )
    parallelization_factor: int = Field(
        default=1, ge=1, le=10, description="Concurrent batches per shard (order kept per key)."
    )
    maximum_retry_attempts: int = Field(
        default=5, ge=-1, le=10000, description="Retries of a failing batch (-1: until it expires)."
    )
    maximum_record_age_seconds: int = Field(
        default=3600,
        ge=-1,
        le=604800,
        description="Records older than this go to the failure queue (-1: never; else >= 60).",
    )

    @field_validator("maximum_record_age_seconds")
    @classmethod
    def _record_age(cls, value: int) -> int:
        if value != -1 and value < 60:
            raise ValueError("-1 or 60 to 604800 seconds")
        return value


class GlueEtl(Section):
    enabled: bool = Field(
        default=True, description="Run glue/jobs/sessionize.py daily: raw -> curated Parquet."
    )
    worker_type: Literal["G.1X", "G.2X", "G.4X", "G.8X"] = Field(
        default="G.1X", description="Glue worker type."
    )
    number_of_workers: int = Field(default=2, ge=2, le=299, description="Workers incl. driver.")
    timeout_minutes: int = Field(default=60, ge=1, le=2880, description="A longer run fails.")
    max_retries: int = Field(default=1, ge=0, le=10, description="Retries of a failed run.")
    session_gap_minutes: int = Field(
        default=30, ge=1, le=1440, description="Inactivity gap that starts a new session."
    )
    schedule: str | None = Field(
        default="cron(15 1 * * ? *)",
        pattern=r"^cron\(.+\)$",
        description="Glue cron (UTC) of the daily run (it processes yesterday); null: no trigger.",
    )
    log_retention_days: LogRetention = Field(default=30, description="Job log retention.")

    _retention = field_validator("log_retention_days")(_check_retention)


class FlinkParallelism(Section):
    initial: int = Field(default=1, ge=1, le=1000, description="Parallel tasks.")
    per_kpu: int = Field(default=1, ge=1, le=8, description="Tasks per KPU.")
    autoscaling: bool = Field(default=False, description="Let Managed Flink scale parallelism.")


class Flink(Section):
    enabled: bool = Field(
        default=True,
        description="Managed Flink application flink/realtime_metrics (per-minute metrics) with "
        "its metrics, errors and late-events output streams.",
    )
    parallelism: FlinkParallelism = Field(
        default_factory=FlinkParallelism, description="Parallelism (KPUs = initial / per_kpu)."
    )
    checkpoint_interval_ms: int = Field(
        default=60000, ge=1000, le=3_600_000, description="Time between checkpoints."
    )
    start_application: bool = Field(
        default=False,
        description="Run the job after apply; needs the Kinesis connector jar in the artifact "
        "(flink/README.md).",
    )
    snapshots_enabled: bool = Field(
        default=True, description="Snapshot state on stop/update and restore it on start."
    )
    log_retention_days: LogRetention = Field(default=30, description="Application log retention.")

    _retention = field_validator("log_retention_days")(_check_retention)


class Redis(Section):
    enabled: bool = Field(
        default=True, description="ElastiCache replication group for profiles (IAM auth, TLS)."
    )
    engine: Literal["valkey", "redis"] = Field(default="valkey", description="Cache engine.")
    engine_version: str | None = Field(
        default=None,
        pattern=r"^\d+\.\d+$",
        description="major.minor; null: 8.0 for valkey, 7.1 for redis.",
    )
    node_type: str = Field(
        default="cache.t4g.micro",
        pattern=r"^cache\.[a-z0-9]+\.[a-z0-9]+$",
        description="Node type.",
    )
    replicas: int = Field(default=1, ge=0, le=5, description="Read replicas beside the primary.")
    multi_az: bool = Field(
        default=True, description="Replicas in other zones, automatic failover (needs replicas)."
    )
    snapshot_retention_days: int = Field(
        default=7, ge=0, le=35, description="Daily snapshots kept; 0 turns them off."
    )
    log_retention_days: LogRetention = Field(default=30, description="Slow/engine log retention.")

    _retention = field_validator("log_retention_days")(_check_retention)

    @model_validator(mode="after")
    def _multi_az_needs_replica(self) -> Redis:
        if self.multi_az and self.replicas < 1:
            raise _FieldProblem(
                ("multi_az",), "false when replicas is 0 (failover needs a replica)", True
            )
        return self


class Aurora(Section):
    enabled: bool = Field(
        default=True, description="Aurora PostgreSQL Serverless v2 for first-seen users."
    )
    engine_version: str = Field(
        default="16.4", pattern=r"^\d+\.\d+$", description="Aurora PostgreSQL major.minor."
    )
    min_acu: float = Field(default=0.5, ge=0.5, le=256, description="Smallest capacity (ACU).")
    max_acu: float = Field(default=4, ge=1, le=256, description="Largest capacity (ACU).")
    instances: int = Field(default=2, ge=1, le=15, description="db.serverless instances.")
    backup_retention_days: int = Field(default=7, ge=1, le=35, description="PITR window.")
    deletion_protection: bool = Field(default=True, description="Refuse deletion until unset.")
    skip_final_snapshot: bool = Field(
        default=False, description="Delete without a final snapshot (never in prod)."
    )
    performance_insights: bool = Field(default=True, description="Performance Insights (7 days).")
    log_retention_days: LogRetention = Field(default=365, description="PostgreSQL log retention.")

    _retention = field_validator("log_retention_days")(_check_retention)

    @field_validator("min_acu", "max_acu", mode="before")
    @classmethod
    def _half_steps(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = float(value)  # strict mode refuses an int for a float
        if isinstance(value, float) and (value * 2) != int(value * 2):
            raise ValueError("a multiple of 0.5")
        return value

    @model_validator(mode="after")
    def _range(self) -> Aurora:
        if self.max_acu < self.min_acu:
            raise _FieldProblem(("max_acu",), f"at least min_acu ({self.min_acu})", self.max_acu)
        return self


class Redshift(Section):
    enabled: bool = Field(
        default=False, description="Redshift Serverless with Spectrum over the Glue catalog."
    )
    base_capacity: int = Field(default=8, ge=8, le=512, description="Base RPUs (steps of 8).")
    max_capacity: int | None = Field(
        default=None, ge=8, le=5632, description="RPU cap (steps of 8); null: no cap."
    )
    rpu_hours_per_day: int | None = Field(
        default=None, ge=1, le=100_000, description="Daily usage limit (logged); null: none."
    )
    log_retention_days: LogRetention = Field(default=365, description="Audit log retention.")

    _retention = field_validator("log_retention_days")(_check_retention)

    @model_validator(mode="after")
    def _steps(self) -> Redshift:
        for key in ("base_capacity", "max_capacity"):
            value = getattr(self, key)
            if value is not None and value % 8:
                raise _FieldProblem((key,), "a multiple of 8 RPUs", value)
        if self.max_capacity is not None and self.max_capacity < self.base_capacity:
            raise _FieldProblem(
                ("max_capacity",), f"at least base_capacity ({self.base_capacity})",
                self.max_capacity,
            )  # fmt: skip
        return self


class QuickSightPrincipal(Section):
    type: Literal["user", "group"] = Field(description="A QuickSight user or group.")
    name: str = Field(pattern=r"^[A-Za-z0-9_.@+=,/-]{1,256}$", description="Its name.")
    namespace: str = Field(
        default="default", pattern=r"^[A-Za-z0-9._-]{1,64}$", description="QuickSight namespace."
    )
    actions: Literal["owner", "viewer"] = Field(
        default="owner", description="owner: use, edit, share, delete; viewer: use in datasets."
    )


class QuickSight(Section):
    enabled: bool = Field(
        default=False,
        description="Athena data source in an existing QuickSight subscription (off unless the "
        "account has one).",
    )
    principals: dict[str, QuickSightPrincipal] = Field(
        default_factory=dict, description="Who may use the data source, by a stable name."
    )

    @model_validator(mode="after")
    def _someone(self) -> QuickSight:
        if self.enabled and not self.principals:
            raise _FieldProblem(
                ("principals",), "at least one user or group when enabled", self.principals
            )
        return self


# --------------------------------------------------------------------------------------------
# Seed 002: the fleet ingestion path, MSK, EMR Serverless, orchestration, secrets, alarms, console


class FleetInstances(Section):
    min_size: int = Field(default=1, ge=0, le=1000, description="Fewest container instances.")
    max_size: int = Field(default=4, ge=1, le=1000, description="Most container instances.")

    @model_validator(mode="after")
    def _range(self) -> FleetInstances:
        if self.max_size < self.min_size:
            raise _FieldProblem(
                ("max_size",), f"at least min_size ({self.min_size})", self.max_size
            )
        return self


class FleetTasks(Section):
    min: int = Field(default=2, ge=1, le=1000, description="Fewest tasks (never zero: public).")
    max: int = Field(default=10, ge=1, le=1000, description="Most tasks.")
    target_requests_per_task: int = Field(
        default=6000, ge=1, le=1_000_000, description="Requests per task per minute to track."
    )

    @model_validator(mode="after")
    def _range(self) -> FleetTasks:
        if self.max < self.min:
            raise _FieldProblem(("max",), f"at least min ({self.min})", self.max)
        return self


class IngestFleet(Section):
    enabled: bool = Field(
        default=False,
        description="Seed 002's ingestion path: ALB + ECS-on-EC2 fleet running ingest/collector "
        "(image in ECR), writing to the stream. On beside or instead of ingest_api.",
    )
    image_tag: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$",
        description="Collector image tag in the fleet's ECR repository (immutable tags); "
        "set image_tag or image_digest.",
    )
    image_digest: str | None = Field(
        default=None,
        pattern=r"^sha256:[0-9a-f]{64}$",
        description="Collector image digest (sha256:...) in the fleet's repository; preferred.",
    )
    certificate_arn: str | None = Field(
        default=None,
        pattern=r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[A-Za-z0-9-]+$",
        description="ACM certificate (in the env's region) of the HTTPS listener; required.",
    )
    domain_name: str | None = Field(
        default=None,
        pattern=r"^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$",
        description="DNS name clients use (on the certificate); null: the ALB's own name.",
    )
    instance_type: str = Field(
        default="c7g.large",
        pattern=r"^[a-z][a-z0-9-]*\.[a-z0-9]+$",
        description="Container instance type (Graviton types need an arm64 image).",
    )
    instances: FleetInstances = Field(
        default_factory=FleetInstances, description="Auto Scaling group bounds."
    )
    tasks: FleetTasks = Field(default_factory=FleetTasks, description="Service auto scaling.")
    task_cpu: int = Field(default=512, ge=128, le=16384, description="CPU units per task.")
    task_memory: int = Field(default=1024, ge=256, le=122880, description="MiB per task.")
    allowed_cidrs: dict[str, str] = Field(
        default_factory=lambda: {"internet": "0.0.0.0/0"},
        description="IPv4 ranges admitted on 443/80 by a stable name.",
    )
    deletion_protection: bool = Field(
        default=True, description="Refuse to delete the load balancer until unset."
    )
    log_retention_days: LogRetention = Field(default=30, description="Collector log retention.")

    _retention = field_validator("log_retention_days")(_check_retention)

    @field_validator("image_tag")
    @classmethod
    def _pinned(cls, value: str | None) -> str | None:
        if value == "latest":
            raise ValueError("a version tag, not latest (the repository's tags are immutable)")
        return value

    @field_validator("allowed_cidrs")
    @classmethod
    def _ranges(cls, value: dict[str, str]) -> dict[str, str]:
        if not value:
            raise ValueError("at least one range (or nobody could reach the collector)")
        for name, cidr in value.items():
            if not re.fullmatch(r"[a-z0-9_-]+", name):
                raise ValueError(f"names of lowercase letters, digits, _ or - (found '{name}')")
            try:
                ipaddress.IPv4Network(cidr, strict=True)
            except ValueError:
                raise ValueError(
                    f"IPv4 networks in CIDR notation without host bits (found '{cidr}' for {name})"
                ) from None
        return value

    @model_validator(mode="after")
    def _complete(self) -> IngestFleet:
        if not self.enabled:
            return self
        if self.certificate_arn is None:
            raise _FieldProblem(
                ("certificate_arn",), "an ACM certificate ARN when enabled (HTTPS only)", None
            )
        if (self.image_tag is None) == (self.image_digest is None):
            raise _FieldProblem(
                ("image_digest",),
                "exactly one of image_tag and image_digest when enabled (the image to run)",
                self.image_digest,
            )
        return self


class GlobalAccelerator(Section):
    enabled: bool = Field(
        default=False, description="Two static anycast IPs in front of the fleet's ALB."
    )
    client_affinity: Literal["NONE", "SOURCE_IP"] = Field(
        default="NONE", description="SOURCE_IP keeps a client on one endpoint."
    )
    traffic_dial_percentage: int = Field(
        default=100, ge=0, le=100, description="Share of traffic sent to the region's endpoints."
    )


class MskProvisioned(Section):
    kafka_version: str = Field(
        default="3.8.x", pattern=r"^\d+\.\d+\.(\d+|x)(\.kraft)?$", description="Kafka version."
    )
    instance_type: str = Field(
        default="kafka.m7g.large", pattern=r"^kafka\.[a-z0-9]+\.[a-z0-9]+$",
        description="Broker instance type.",
    )  # fmt: skip
    brokers_per_az: int = Field(default=1, ge=1, le=15, description="Brokers in each zone.")
    ebs_volume_size: int = Field(default=100, ge=1, le=16384, description="GiB per broker.")


class Msk(Section):
    enabled: bool = Field(
        default=False,
        description="Amazon MSK (IAM auth, TLS) in the private subnets, with the events topic's "
        "producer and consumer policies; the data plane programs speak Kinesis (see README).",
    )
    mode: Literal["serverless", "provisioned"] = Field(
        default="serverless", description="MSK Serverless or a provisioned cluster."
    )
    provisioned: MskProvisioned = Field(
        default_factory=MskProvisioned, description="Brokers when mode is provisioned."
    )
    log_retention_days: LogRetention = Field(default=30, description="Broker log retention.")

    _retention = field_validator("log_retention_days")(_check_retention)


class EmrWorkers(Section):
    workers: int = Field(ge=0, le=1000, description="Pre-initialized workers (0: none).")
    cpu: int = Field(ge=1, le=16, description="vCPU per worker.")
    memory_gb: int = Field(ge=2, le=120, description="GiB per worker.")


class EmrServerless(Section):
    enabled: bool = Field(
        default=False,
        description="EMR Serverless Spark application for the batch path (the orchestration "
        "engine emr_serverless runs glue/jobs/sessionize.py on it).",
    )
    release_label: str = Field(
        default="emr-7.8.0", pattern=r"^emr-7\.\d+\.\d+$", description="EMR 7 release."
    )
    driver: EmrWorkers = Field(
        default_factory=lambda: EmrWorkers(workers=1, cpu=2, memory_gb=8),
        description="Pre-initialized driver.",
    )
    executor: EmrWorkers = Field(
        default_factory=lambda: EmrWorkers(workers=2, cpu=4, memory_gb=16),
        description="Pre-initialized executors.",
    )
    maximum_cpu: int = Field(default=16, ge=1, le=20000, description="vCPU cap of all jobs.")
    maximum_memory_gb: int = Field(default=64, ge=1, le=100000, description="GiB cap.")
    auto_stop_idle_minutes: int = Field(
        default=15, ge=1, le=10080, description="Stop (and stop billing) after idling this long."
    )
    log_retention_days: LogRetention = Field(default=30, description="Job log retention.")

    _retention = field_validator("log_retention_days")(_check_retention)


class Orchestration(Section):
    enabled: bool = Field(
        default=False,
        description="Step Functions workflow of the daily batch (job, then optional warehouse "
        "SQL), started by EventBridge Scheduler; failures go to the alarm topic.",
    )
    engine: Literal["glue", "emr_serverless"] = Field(
        default="glue", description="Which job the workflow runs: glue_etl or emr_serverless."
    )
    schedule: str = Field(
        default="cron(15 1 * * ? *)",
        pattern=r"^(cron|rate)\(.+\)$",
        description="EventBridge Scheduler expression (after 00:00 UTC: it processes yesterday).",
    )
    timezone: str = Field(default="UTC", description="Time zone of the schedule.")
    timeout_minutes: int = Field(default=240, ge=1, le=1440, description="Whole workflow limit.")
    warehouse_sql: str | None = Field(
        default=None,
        description="One SQL statement run on Redshift after the job (`:processing_date` is the "
        "day); its user IAMR:<role> needs the grants. null: no warehouse step.",
    )
    log_retention_days: LogRetention = Field(default=30, description="Execution log retention.")

    _retention = field_validator("log_retention_days")(_check_retention)


class PlatformSecret(Section):
    description: str = Field(min_length=1, description="What the secret is for.")
    generated_password: bool = Field(
        default=False,
        description="Secrets Manager generates the value (never in state); false: an operator "
        "puts it.",
    )
    username: str | None = Field(
        default=None,
        pattern=r"^[a-z_][a-z0-9_]{0,62}$",
        description="Stored next to a generated password as JSON {username, password}.",
    )


class Secrets(Section):
    enabled: bool = Field(default=True, description="Secrets Manager secrets the platform owns.")
    recovery_window_days: int = Field(
        default=30, ge=0, le=30, description="Days a deleted secret stays restorable (0: none)."
    )
    secrets: dict[str, PlatformSecret] = Field(
        default_factory=dict, description="Secrets by a stable key (lowercase, underscores)."
    )

    @field_validator("secrets")
    @classmethod
    def _keys(cls, value: dict[str, PlatformSecret]) -> dict[str, PlatformSecret]:
        for key in value:
            if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", key):
                raise ValueError(f"secret keys of lowercase letters, digits and _ (found '{key}')")
        return value


class Monitoring(Section):
    enabled: bool = Field(
        default=True,
        description="Alarm topic (KMS), alarms for every enabled service, one dashboard.",
    )
    alarm_emails: list[str] = Field(
        default_factory=list, description="Addresses subscribed to the alarm topic (confirm once)."
    )

    @field_validator("alarm_emails")
    @classmethod
    def _emails(cls, value: list[str]) -> list[str]:
        for email in value:
            if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", email):
                raise ValueError(f"email addresses (found '{email}')")
        return value


class Console(LambdaFunction):
    enabled: bool = Field(
        default=False,
        description="Operator console: CloudFront + S3 web app, Cognito, HTTP API (JWT) in front "
        "of lambda/console_api, DynamoDB table of projects and apps.",
    )
    callback_urls: list[str] = Field(
        default_factory=list,
        description="Extra sign-in callback URLs (the console's own is added).",
    )

    @field_validator("callback_urls")
    @classmethod
    def _https(cls, value: list[str]) -> list[str]:
        for url in value:
            if not re.fullmatch(r"https://[^\s/]+(/\S*)?|http://localhost(:\d+)?(/\S*)?", url):
                raise ValueError(f"https URLs, or http://localhost for development (found '{url}')")
        return value

    price_class: Literal["PriceClass_100", "PriceClass_200", "PriceClass_All"] = Field(
        default="PriceClass_100", description="CloudFront edge locations."
    )
    deletion_protection: bool = Field(
        default=True, description="Protect the user pool and the table from deletion."
    )
    force_destroy: bool = Field(
        default=False, description="Allow destroying a non-empty web bucket."
    )
    log_retention_days: LogRetention = Field(
        default=365, description="API and backend log retention."
    )

    _retention = field_validator("log_retention_days")(_check_retention)


class Services(Section):
    """One section per platform service, in data-flow order."""

    kms: Kms = Field(default_factory=Kms, description="Customer managed KMS key.")
    waf: Waf = Field(default_factory=Waf, description="WAFv2 web ACL on the API stage.")
    ingest_api: IngestApi = Field(default_factory=IngestApi, description="API Gateway -> Kinesis.")
    stream: Stream = Field(default_factory=Stream, description="Kinesis Data Stream.")
    firehose: Firehose = Field(default_factory=Firehose, description="Firehose -> raw zone.")
    data_lake: DataLake = Field(default_factory=DataLake, description="S3 lake buckets.")
    catalog: Catalog = Field(default_factory=Catalog, description="Glue catalog.")
    athena: Athena = Field(default_factory=Athena, description="Athena workgroup.")
    network: Network = Field(default_factory=Network, description="VPC, subnets, endpoints.")
    flink: Flink = Field(default_factory=Flink, description="Managed Service for Apache Flink.")
    profile_updater: ProfileUpdater = Field(
        default_factory=ProfileUpdater, description="Lambda: stream -> Redis + Aurora."
    )
    firehose_transform: FirehoseTransform = Field(
        default_factory=FirehoseTransform, description="Lambda: Firehose record transform."
    )
    glue_etl: GlueEtl = Field(default_factory=GlueEtl, description="Glue Spark job.")
    redshift: Redshift = Field(default_factory=Redshift, description="Redshift Serverless.")
    quicksight: QuickSight = Field(default_factory=QuickSight, description="QuickSight.")
    redis: Redis = Field(default_factory=Redis, description="ElastiCache (Valkey/Redis).")
    aurora: Aurora = Field(default_factory=Aurora, description="Aurora PostgreSQL.")
    ingest_fleet: IngestFleet = Field(
        default_factory=IngestFleet, description="ALB + ECS-on-EC2 collector fleet."
    )
    global_accelerator: GlobalAccelerator = Field(
        default_factory=GlobalAccelerator, description="Global Accelerator before the fleet."
    )
    msk: Msk = Field(default_factory=Msk, description="Amazon MSK.")
    emr_serverless: EmrServerless = Field(
        default_factory=EmrServerless, description="EMR Serverless Spark."
    )
    orchestration: Orchestration = Field(
        default_factory=Orchestration, description="Step Functions + EventBridge Scheduler."
    )
    secrets: Secrets = Field(default_factory=Secrets, description="Secrets Manager.")
    monitoring: Monitoring = Field(default_factory=Monitoring, description="CloudWatch + SNS.")
    console: Console = Field(default_factory=Console, description="Operator console.")


# Which services each service needs; checked after typing so the error names both keys.
DEPENDENCIES: dict[str, tuple[str, ...]] = {
    "waf": ("kms",),  # and an entry point: ingest_api or ingest_fleet (_check_seed_002)
    "ingest_api": ("stream", "kms"),
    "stream": ("kms",),
    "firehose": ("stream", "data_lake", "kms"),
    "data_lake": ("kms",),
    "catalog": ("data_lake",),
    "athena": ("catalog", "data_lake", "kms"),
    "network": ("kms",),
    "flink": ("stream", "data_lake", "kms"),
    "profile_updater": ("stream", "redis", "aurora", "network", "data_lake", "kms"),
    "firehose_transform": ("firehose", "data_lake", "kms"),
    "glue_etl": ("catalog", "data_lake", "kms"),
    "redshift": ("network", "catalog", "data_lake", "kms"),
    "quicksight": ("athena",),
    "redis": ("network", "kms"),
    "aurora": ("network", "kms"),
    "ingest_fleet": ("stream", "network", "data_lake", "kms"),
    "global_accelerator": ("ingest_fleet",),
    "msk": ("network", "kms"),
    "emr_serverless": ("catalog", "data_lake", "kms"),
    "orchestration": ("monitoring", "kms"),
    "secrets": ("kms",),
    "monitoring": ("kms",),
    "console": ("data_lake", "kms"),
}


class Manifest(Section):
    project: str = Field(
        pattern=r"^[a-z][a-z0-9-]{1,19}$",
        description="Project name; resources are named `<project>-<env>-...`.",
    )
    env: str = Field(
        pattern=r"^[a-z][a-z0-9]{1,9}$", description="Environment; must match the file name."
    )
    region: str = Field(
        pattern=r"^[a-z]{2}(-gov)?-[a-z]+-\d$", description="AWS region, e.g. `eu-west-1`."
    )
    account_id: str = Field(
        pattern=r"^\d{12}$", description="AWS account id (quoted: 12 digits, a string)."
    )
    target: Literal["aws", "local"] = Field(
        default="aws",
        description="Where the env runs: `aws`, or `local` for the local AWS of `make up` "
        "(moto on loopback, account 123456789012; clickstack sets its endpoint, fake "
        "credentials and a local state file).",
    )
    availability_zones: list[str] = Field(
        min_length=2, max_length=6, description="Zones to use; taken as input so plans run offline."
    )
    tags: dict[str, str] = Field(
        default_factory=dict, description="Extra tags for every resource (provider default_tags)."
    )
    state: StateBackend = Field(default_factory=StateBackend, description="S3 state backend.")
    traffic: Traffic = Field(description="Expected load; sizes the stream and API throttling.")
    services: Services = Field(default_factory=Services, description="Per-service settings.")

    @field_validator("availability_zones")
    @classmethod
    def _zones_unique(cls, zones: list[str]) -> list[str]:
        if len(set(zones)) != len(zones):
            raise ValueError("distinct zone names")
        return zones

    @model_validator(mode="after")
    def _zones_in_region(self) -> Manifest:
        for zone in self.availability_zones:
            if not re.fullmatch(re.escape(self.region) + r"[a-z]", zone):
                raise _FieldProblem(("availability_zones",), f"zones of region {self.region}", zone)
        return self

    @model_validator(mode="after")
    def _local_account(self) -> Manifest:
        if self.target == "local" and self.account_id != LOCAL_ACCOUNT_ID:
            raise _FieldProblem(
                ("account_id",), f'"{LOCAL_ACCOUNT_ID}" (the account the local AWS answers with)',
                self.account_id,
            )  # fmt: skip
        return self

    @property
    def prefix(self) -> str:
        return f"{self.project}-{self.env}"

    @property
    def state_bucket(self) -> str:
        return self.state.bucket or f"{self.project}-tfstate-{self.account_id}"

    @property
    def state_key(self) -> str:
        return self.state.key or f"{self.project}/{self.env}/terraform.tfstate"

    def enabled(self, service: str) -> bool:
        return bool(getattr(self.services, service).enabled)


# --------------------------------------------------------------------------------------------
# Loading


@dataclass(frozen=True)
class LoadedManifest:
    manifest: Manifest
    files: tuple[Path, ...]  # the files it was read from, defaults first


def available_envs(manifest_dir: Path = MANIFEST_DIR) -> list[str]:
    return sorted(p.stem for p in manifest_dir.glob("*.yaml") if p.name != DEFAULTS_FILE)


class _YamlFile:
    """A parsed YAML mapping plus the node tree, to find the line of a key path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        text = path.read_text(encoding="utf-8")
        try:
            self.node = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
            problem = getattr(exc, "problem", None) or str(exc)
            raise ManifestError(
                f"{shown(path)}{where}: YAML syntax error: {problem}; expected a YAML mapping "
                "of manifest keys"
            ) from None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ManifestError(
                f"{shown(path)}: expected a mapping of manifest keys at the top level, "
                f"found {_describe(data)}"
            )
        self.data: dict[str, Any] = data

    def has(self, path: Sequence[str | int]) -> bool:
        current: Any = self.data
        for key in path:
            in_dict = isinstance(current, dict) and key in current
            in_list = isinstance(current, list) and isinstance(key, int) and key < len(current)
            if in_dict or in_list:
                current = current[key]
            else:
                return False
        return True

    def line(self, path: Sequence[str | int]) -> int | None:
        node = self.node
        line = None
        for key in path:
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == key:
                        line = key_node.start_mark.line + 1
                        node = value_node
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if key >= len(node.value):
                    return line
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                return line
        return line


def _deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _describe(value: Any) -> str:
    kinds = {bool: "boolean", int: "integer", float: "number", str: "string"}
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    kind = kinds.get(type(value), type(value).__name__)
    return f"{kind} {value!r}"


def _model_at(path: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class whose fields live at ``path`` (for "did you mean")."""
    model: type[BaseModel] = Manifest
    for key in path:
        if isinstance(key, int):
            continue
        field = model.model_fields.get(key)
        if field is None:
            return None
        annotation = field.annotation
        candidates = [annotation, *get_args(annotation)]
        nested = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        if not nested:
            return None
        model = nested[0]
    return model


def _expected_for(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    simple = {
        "int_type": "an integer",
        "float_type": "a number",
        "string_type": "a string",
        "bool_type": "true or false",
        "list_type": "a list",
        "dict_type": "a mapping",
        "model_type": "a mapping",
        "model_attributes_type": "a mapping",
        "int_from_float": "an integer",
    }
    if kind in simple:
        return simple[kind]
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        symbol = {
            "greater_than_equal": ">=",
            "greater_than": ">",
            "less_than_equal": "<=",
            "less_than": "<",
        }[kind]
        bound = next(iter(ctx.values()))
        return f"a value {symbol} {bound}"
    if kind == "literal_error":
        return f"one of {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        return f"a string matching {ctx.get('pattern')}"
    if kind == "too_short":
        return f"at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"at most {ctx.get('max_length')} item(s)"
    if kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        return message
    return str(error.get("msg", kind))


def _field_description(path: Sequence[str | int]) -> str:
    parent = _model_at(path[:-1])
    key = path[-1] if path else None
    if parent is None or not isinstance(key, str) or key not in parent.model_fields:
        return ""
    description = parent.model_fields[key].description or ""
    return f" ({description.rstrip('.')})" if description else ""


class _Sources:
    """Attributes a key path to the file that set it (the env file wins, as in the merge)."""

    def __init__(self, defaults: _YamlFile, env_file: _YamlFile) -> None:
        self.defaults = defaults
        self.env_file = env_file

    def locate(self, path: Sequence[str | int]) -> str:
        for source in (self.env_file, self.defaults):
            if source.has(path):
                line = source.line(path)
                return f"{shown(source.path)}{f':{line}' if line else ''}"
        # Missing keys: name the env file and the closest existing parent's line.
        for depth in range(len(path) - 1, -1, -1):
            if self.env_file.has(path[:depth]):
                line = self.env_file.line(path[:depth]) if depth else None
                return f"{shown(self.env_file.path)}{f':{line}' if line else ''}"
        return shown(self.env_file.path)


def _key_path(loc: Sequence[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "<top level>"


def _value_at(data: Any, path: Sequence[str | int]) -> Any:
    for key in path:
        data = data[key]
    return data


def _error_from_validation(
    exc: ValidationError, data: dict[str, Any], sources: _Sources
) -> ManifestError:
    error = exc.errors(include_url=False)[0]
    loc = [part for part in error["loc"] if not (isinstance(part, str) and "[" in part)]
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(loc[:-1])
        known = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f" - did you mean '{close[0]}'?" if close else ""
        parent = _key_path(loc[:-1])
        where = f"under {parent}" if loc[:-1] else "at the top level"
        return ManifestError(
            f"{sources.locate(loc)}: {_key_path(loc)}: unknown key '{key}'{hint} "
            f"(expected one of {', '.join(known)} {where})"
        )
    if kind == "missing":
        return ManifestError(
            f"{sources.locate(loc)}: {_key_path(loc)}: required key is missing; expected "
            f"{_field_description(loc)[2:-1] or 'a value'}"
        )
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, _FieldProblem):
        path = [*loc, *cause.path]  # the validator's key, below the model that raised it
        return ManifestError(
            f"{sources.locate(path)}: {_key_path(path)}: expected {cause.expected}, "
            f"found {_describe(cause.found)}"
        )
    try:
        found = _describe(_value_at(data, loc))
    except (KeyError, IndexError, TypeError):
        found = _describe(error.get("input"))
    return ManifestError(
        f"{sources.locate(loc)}: {_key_path(loc)}: expected {_expected_for(error)}"
        f"{_field_description(loc)}, found {found}"
    )


def _check_dependencies(manifest: Manifest, sources: _Sources) -> None:
    for service, needs in DEPENDENCIES.items():
        if not manifest.enabled(service):
            continue
        for needed in needs:
            if not manifest.enabled(needed):
                path = ("services", needed, "enabled")
                raise ManifestError(
                    f"{sources.locate(path)}: {_key_path(path)}: expected true because "
                    f"services.{service} is enabled and needs {needed}, found false"
                )
    if manifest.enabled("redshift") and len(manifest.availability_zones) < 3:
        zones = ("availability_zones",)
        raise ManifestError(
            f"{sources.locate(zones)}: {_key_path(zones)}: expected at least 3 zones because "
            f"services.redshift is enabled (a Serverless workgroup with enhanced VPC routing "
            f"needs subnets in 3 zones), found {len(manifest.availability_zones)}"
        )
    _check_seed_002(manifest, sources)
    waf, api = manifest.services.waf, manifest.traffic
    typical_body = api.events_per_request * api.average_event_bytes
    if manifest.enabled("waf") and typical_body > waf.max_body_bytes:
        path = ("services", "waf", "max_body_bytes")
        raise ManifestError(
            f"{sources.locate(path)}: {_key_path(path)}: expected at least {typical_body} "
            f"(traffic.events_per_request x traffic.average_event_bytes, or a typical batch "
            f"would be blocked), found {waf.max_body_bytes}"
        )


def _check_seed_002(manifest: Manifest, sources: _Sources) -> None:
    """Cross-service rules of the fleet path and the batch workflow, each naming its key."""
    s = manifest.services

    def fail(path: tuple[str, ...], expected: str, found: Any) -> ManifestError:
        return ManifestError(
            f"{sources.locate(path)}: {_key_path(path)}: expected {expected}, "
            f"found {_describe(found)}"
        )

    if manifest.enabled("stream") and not (
        manifest.enabled("ingest_api") or manifest.enabled("ingest_fleet")
    ):
        raise fail(
            ("services", "ingest_api", "enabled"),
            "true, or services.ingest_fleet.enabled true (the stream needs an ingestion path: "
            "ingest_api, ingest_fleet or both)",
            False,
        )
    if manifest.enabled("waf") and not (
        manifest.enabled("ingest_api") or manifest.enabled("ingest_fleet")
    ):
        raise fail(
            ("services", "waf", "enabled"),
            "false when neither ingest_api nor ingest_fleet is enabled (nothing to protect)",
            True,
        )
    if manifest.enabled("ingest_fleet") and manifest.enabled("waf") and s.waf.max_body_bytes > 8192:
        raise fail(
            ("services", "waf", "max_body_bytes"),
            "at most 8192 because services.ingest_fleet is enabled (WAF sees only the first "
            "8 KB of a body behind an ALB and blocks what it cannot inspect)",
            s.waf.max_body_bytes,
        )
    if manifest.enabled("ingest_fleet") and s.network.nat == "none":
        raise fail(
            ("services", "network", "nat"),
            "single or per_az because services.ingest_fleet is enabled (the internet-facing "
            "load balancer needs the public subnets, the instances reach ECR and ECS through "
            "the NAT)",
            s.network.nat,
        )
    if manifest.enabled("orchestration"):
        flow = s.orchestration
        job = "glue_etl" if flow.engine == "glue" else "emr_serverless"
        if not manifest.enabled(job):
            raise fail(
                ("services", job, "enabled"),
                f"true because services.orchestration.engine is {flow.engine}",
                False,
            )
        if manifest.enabled("glue_etl") and s.glue_etl.schedule is not None:
            raise fail(
                ("services", "glue_etl", "schedule"),
                "null because services.orchestration runs the daily batch (the Glue trigger "
                "would process each day a second time)",
                s.glue_etl.schedule,
            )
        if flow.warehouse_sql is not None and not manifest.enabled("redshift"):
            raise fail(
                ("services", "redshift", "enabled"),
                "true because services.orchestration.warehouse_sql is set",
                False,
            )


def load_manifest(env: str, manifest_dir: Path = MANIFEST_DIR) -> LoadedManifest:
    """Read, merge and validate the manifest of ``env``; raise ManifestError on any problem."""
    envs = available_envs(manifest_dir)
    env_path = manifest_dir / f"{env}.yaml"
    if env not in envs:
        raise ManifestError(
            f"{shown(env_path)}: unknown env '{env}'; expected one of "
            f"{', '.join(envs) or '(none: manifest/ has no <env>.yaml)'}"
        )
    defaults_path = manifest_dir / DEFAULTS_FILE
    if not defaults_path.exists():
        raise ManifestError(
            f"{shown(defaults_path)}: expected the shared defaults file, found none"
        )
    defaults = _YamlFile(defaults_path)
    env_file = _YamlFile(env_path)
    sources = _Sources(defaults, env_file)
    if "env" in defaults.data:
        raise ManifestError(
            f"{sources.locate(['env'])}: env: expected no env key in the shared defaults, "
            f"found {_describe(defaults.data['env'])}"
        )
    data = _deep_merge(defaults.data, env_file.data)
    data.setdefault("env", env)
    if data["env"] != env:
        raise ManifestError(
            f"{sources.locate(['env'])}: env: expected '{env}' (the file name), "
            f"found {_describe(data['env'])}"
        )
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as exc:
        raise _error_from_validation(exc, data, sources) from None
    _check_dependencies(manifest, sources)
    return LoadedManifest(manifest=manifest, files=(defaults_path, env_path))


# --------------------------------------------------------------------------------------------
# Reference documentation


def _type_name(annotation: Any) -> str:
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"map of {_type_name(args[1])}"
    if origin is Annotated:
        return _type_name(args[0])
    if args and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return f"{_type_name(rest[0])} or null"
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return "mapping"
        return {int: "integer", float: "number", str: "string", bool: "boolean"}.get(
            annotation, annotation.__name__
        )
    return str(annotation)


def _constraints(field: Any) -> str:
    parts = []
    for meta in field.metadata:
        for attr, symbol in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
            value = getattr(meta, attr, None)
            if value is not None:
                parts.append(f"{symbol} {value}")
        pattern = getattr(meta, "pattern", None)
        if pattern:
            parts.append(f"matches `{pattern}`")
        for attr, word in (("min_length", "min items"), ("max_length", "max items")):
            value = getattr(meta, attr, None)
            if value is not None:
                parts.append(f"{word} {value}")
    return ", ".join(parts)


def reference_rows(model: type[BaseModel] = Manifest, prefix: str = "") -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation = field.annotation
        nested = [
            a for a in (annotation, *get_args(annotation))
            if isinstance(a, type) and issubclass(a, BaseModel)
        ]  # fmt: skip
        if field.is_required():
            default = "required"
        elif field.default_factory is not None:
            default = "see below" if nested else f"`{field.default_factory()}`"  # type: ignore[call-arg]
        elif isinstance(field.default, bool):
            default = f"`{str(field.default).lower()}`"
        else:
            default = "null" if field.default is None else f"`{field.default}`"
        if default == "`[]`" or default == "`{}`":
            default = f"empty ({default.strip('`')})"
        constraints = _constraints(field)
        if path.endswith("retention_days") and "log" in path:
            constraints = "a CloudWatch Logs retention period"
        rows.append((path, _type_name(annotation), default, constraints, field.description or ""))
        if nested:
            rows.extend(reference_rows(nested[0], f"{path}."))
    return rows
