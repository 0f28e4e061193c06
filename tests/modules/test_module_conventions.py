"""Module conventions from STYLE.md, checked rather than hoped for."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

from generator.docs import _blocks
from generator.toolchain import REPO_ROOT
from tests.tfplan import MODULES_DIR, module_files, plan_dir

MODULES = sorted(p.name for p in MODULES_DIR.iterdir() if (p / "main.tf").exists())
CANONICAL_VERSIONS = (REPO_ROOT / "generator" / "templates" / "module_versions.tf").read_text()
EXPECTED = [
    "artifacts", "athena", "aurora", "catalog", "console", "data_lake", "emr_serverless",
    "firehose", "flink", "global_accelerator", "glue_etl", "ingest_api", "ingest_fleet", "kms",
    "lambda_function", "monitoring", "msk", "network", "orchestration", "quicksight", "redis",
    "redshift", "secrets", "stream", "waf",
]  # fmt: skip


def test_the_slice_has_its_modules() -> None:
    assert set(EXPECTED) <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_versions_tf_is_the_shared_one(module: str) -> None:
    assert (MODULES_DIR / module / "versions.tf").read_text() == CANONICAL_VERSIONS


@pytest.mark.parametrize("module", MODULES)
def test_variables_and_outputs_are_described_and_typed(module: str) -> None:
    for name, body in _blocks(MODULES_DIR / module, "variable"):
        assert body.get("description"), f"{module}: variable {name} has no description"
        assert body.get("type"), f"{module}: variable {name} has no type"
    for name, body in _blocks(MODULES_DIR / module, "output"):
        assert body.get("description"), f"{module}: output {name} has no description"


@pytest.mark.parametrize("module", MODULES)
def test_no_provider_blocks_or_aws_calling_data_sources(module: str) -> None:
    text = "\n".join(p.read_text() for p in (MODULES_DIR / module).glob("*.tf"))
    assert not re.search(r'^provider "', text, flags=re.M), "modules take the root's provider"
    for source in ("aws_caller_identity", "aws_availability_zones", "aws_vpc", "aws_ami"):
        assert f'data "{source}"' not in text, f"{source} calls AWS at plan time"


def _readme_example(module: str) -> str:
    text = (MODULES_DIR / module / "README.md").read_text()
    match = re.search(r"```hcl\n(.*?)```", text, flags=re.S)
    assert match, f"{module}/README.md has no ```hcl example"
    return match.group(1)


@pytest.mark.parametrize("module", MODULES)
def test_readme_example_plans(module: str) -> None:
    """README examples are planned, so the documentation cannot go stale."""
    example = _readme_example(module)
    example = re.sub(
        r'source\s*=\s*"[^"]*"', f'source = "{MODULES_DIR / module}"', example, count=1
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "example"
        root.mkdir()
        (root / "main.tf").write_text(example)
        (root / "versions.tf").write_text(CANONICAL_VERSIONS)
        summary = plan_dir(root, files=module_files(module))
    assert summary.values, f"{module}: the README example plans no resources"
