"""Plan a Terraform module offline with tftest and reduce the plan to what inventories compare.

Modelled on cloud-foundation-fabric's tests: the module is copied into a temporary folder (tftest
deletes .terraform, state and lock file of the folder it runs in), a provider override with fake
credentials and default_tags is added, and the plan becomes ``values`` (planned attributes by
resource address), ``counts`` (resources by type) and ``outputs`` (known planned outputs).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tftest

from generator.toolchain import LOCK_FILE, REPO_ROOT, terraform_toolchain

MODULES_DIR = REPO_ROOT / "terraform" / "modules"

# Default tags every test plan carries, so tags_all can be asserted the way an env root sets it.
TEST_DEFAULT_TAGS = {"project": "clickstack", "env": "test", "managed-by": "clickstack"}

PROVIDER_OVERRIDE = """
provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "offline-test"
  secret_key                  = "offline-test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  default_tags {
    tags = {
      project    = "clickstack"
      env        = "test"
      managed-by = "clickstack"
    }
  }
}
"""


@dataclass
class PlanSummary:
    values: dict[str, dict[str, Any]]
    counts: dict[str, int]
    outputs: dict[str, Any]


def _walk_module(module: dict[str, Any], values: dict[str, dict[str, Any]]) -> None:
    for resource in module.get("resources", []):
        if resource.get("mode") == "managed":
            values[resource["address"]] = resource.get("values", {})
    for child in module.get("child_modules", []):
        _walk_module(child, values)


def summarize(plan_json: dict[str, Any]) -> PlanSummary:
    """Reduce ``terraform show -json`` output to values, counts and outputs."""
    values: dict[str, dict[str, Any]] = {}
    _walk_module(plan_json.get("planned_values", {}).get("root_module", {}), values)
    counts: dict[str, int] = {}
    for address in values:
        rtype = _resource_type(address)
        counts[rtype] = counts.get(rtype, 0) + 1
    outputs = {
        name: out.get("value")
        for name, out in plan_json.get("planned_values", {}).get("outputs", {}).items()
        if "value" in out
    }
    return PlanSummary(values=values, counts=dict(sorted(counts.items())), outputs=outputs)


def _resource_type(address: str) -> str:
    """``module.x.aws_s3_bucket.this["raw"]`` -> ``aws_s3_bucket``."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in address:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        if char == "." and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    # Drop module.<name> pairs; what is left is <type>.<name>[key].
    while parts and parts[0] == "module":
        parts = parts[2:]
    return parts[0]


def module_files(module: str) -> Path:
    """``tests/modules/<module>/files/``: fixture files a module's cases and README example
    name as ``files/<name>`` (e.g. what the artifacts module uploads). Plans run in a temporary
    copy, so a path into the repository would not resolve there; the folder is copied along."""
    return REPO_ROOT / "tests" / "modules" / module / "files"


def plan_dir(
    root: Path,
    tfvars: Path | None = None,
    extra_files: list[Path] | None = None,
    files: Path | None = None,
) -> PlanSummary:
    """Copy ``root`` to a temporary folder, add the provider override and plan it; ``files``
    (a folder, if it exists) is copied into it as ``files/``."""
    toolchain = terraform_toolchain()
    with tempfile.TemporaryDirectory(prefix="clickstack-tftest-") as tmp:
        work = Path(tmp) / root.name
        shutil.copytree(root, work, ignore=shutil.ignore_patterns(".terraform*", "*.tfstate*"))
        (work / "zz_test_provider_override.tf").write_text(PROVIDER_OVERRIDE)
        shutil.copy(LOCK_FILE, work / ".terraform.lock.hcl")
        for extra in extra_files or []:
            shutil.copy(extra, work / extra.name)
        if files is not None and files.is_dir():
            shutil.copytree(files, work / "files")
        test = tftest.TerraformTest(str(work), binary=toolchain.binary, env=toolchain.env)
        test.setup(
            plugin_dir=str(toolchain.plugin_dir) if toolchain.plugin_dir else None,
            cleanup_on_exit=False,
        )
        plan = test.plan(output=True, tf_var_file=str(tfvars.resolve()) if tfvars else None)
        summary = summarize(plan._raw)  # tftest keeps the raw show -json here
        del test
    return summary


def plan_module(module: str, tfvars: Path | None = None) -> PlanSummary:
    return plan_dir(MODULES_DIR / module, tfvars, files=module_files(module))


def subset_mismatches(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Where ``actual`` does not contain ``expected``: dicts match on expected keys, lists
    element by element with equal length, scalars by equality."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path or '<root>'}: expected a mapping, found {actual!r}"]
        problems: list[str] = []
        for key, value in expected.items():
            if key not in actual:
                problems.append(f"{path}.{key}: expected {value!r}, key is absent")
            else:
                problems.extend(subset_mismatches(value, actual[key], f"{path}.{key}"))
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected {expected!r}, found {actual!r}"]
        problems = []
        for index, (exp, act) in enumerate(zip(expected, actual, strict=True)):
            problems.extend(subset_mismatches(exp, act, f"{path}[{index}]"))
        return problems
    if expected != actual:
        return [f"{path}: expected {expected!r}, found {actual!r}"]
    return []
