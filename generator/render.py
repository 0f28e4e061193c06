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

from generator import event_contract, queries, sizing
from generator.atomic import swap_in
from generator.errors import TerraformError
from generator.hcl import Heredoc, JsonEncode, Ref, hcl
from generator.manifest import LoadedManifest, Manifest
from generator.toolchain import LOCK_FILE, REPO_ROOT, terraform_binary

ENVS_DIR = REPO_ROOT / "terraform" / "envs"
TEMPLATES_DIR = Path(__file__).parent / "templates"
RENDERED_FILES = ("versions.tf", "providers.tf", "backend.tf", "main.tf", "outputs.tf")
LOCK_NAME = ".terraform.lock.hcl"
MANAGED_BY = "clickstack"
EVENTS_PREFIX = "events"  # raw zone layout shared by firehose (writer) and catalog (reader)
ERRORS_PREFIX = "errors"

# Sections of main.tf in the order data flows (STYLE.md); each lists its services.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Foundation: the platform's encryption key", ("kms",)),
    ("Edge: WAF in front of the collector API", ("waf", "ingest_api")),
    ("Buffer: Kinesis Data Stream, partitioned by user_id", ("stream",)),
    ("Delivery: Firehose from the stream into the raw zone", ("firehose",)),
    ("Lake: S3 buckets and the Glue catalog over them", ("data_lake", "catalog")),
    ("Query: Athena workgroup and named queries", ("athena",)),
)


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


def module_sources(m: Manifest) -> dict[str, str]:
    """Each module call of the env root -> the module it instantiates."""
    return {call.name: call.module_name for call in module_calls(m).values()}


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
                "resource_arn": Ref("module.ingest_api.stage_arn"),
                "rate_limit_per_ip": s.waf.rate_limit_per_ip,
                "max_body_bytes": s.waf.max_body_bytes,
                "kms_key_arn": key,
                "log_retention_days": s.waf.log_retention_days,
            },
            {"waf_web_acl_arn": ("web_acl_arn", "ARN of the WAF web ACL on the API stage.")},
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
                "columns": event_contract.raw_table_columns(),
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
    return calls


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
        (title, [calls[name] for name in names if m.enabled(name)], [
            name for name in names if not m.enabled(name)
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
