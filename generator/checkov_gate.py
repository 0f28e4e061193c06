"""checkov as a gate: run it on the code and on the plan, fail on anything not waived.

Waivers live in ``policy/waivers/<module>.yaml`` (``root.yaml`` for env-root resources): a
reviewed list of {check, resource, reason}, ``resource`` being the address inside the module
(glob allowed), and optionally ``scan: code|plan`` (default both) for findings that only one
scan can judge - a plan scan sees values known only after apply as absent. A waiver without a
reason, or naming an unknown field, is an error.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ToolchainError
from generator.toolchain import REPO_ROOT, shown

WAIVERS_DIR = REPO_ROOT / "policy" / "waivers"
CUSTOM_CHECKS_DIR = REPO_ROOT / "policy" / "checkov"
REQUIRED_WAIVER_KEYS = {"check", "resource", "reason"}
WAIVER_KEYS = REQUIRED_WAIVER_KEYS | {"scan"}
SCANS = ("code", "plan", "both")
_MODULE_ADDRESS = re.compile(r"^module\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.(.+)$")


class WaiverError(ToolchainError):
    """policy/waivers/*.yaml is malformed."""

    exit_code = 2


@dataclass(frozen=True)
class Waiver:
    module: str
    check: str
    resource: str
    reason: str
    source: str
    scan: str = "both"


@dataclass(frozen=True)
class Finding:
    check_id: str
    check_name: str
    resource: str
    file_path: str

    @property
    def module_and_local(self) -> tuple[str, str]:
        match = _MODULE_ADDRESS.match(self.resource)
        if match:
            return match.group(1), match.group(2)
        return "root", self.resource


@dataclass
class GateResult:
    name: str
    passed_checks: int = 0
    failed: list[Finding] = field(default_factory=list)
    waived: list[tuple[Finding, Waiver]] = field(default_factory=list)
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and not self.failed

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "passed": self.passed,
            "passed_checks": self.passed_checks,
            "failed": [f.__dict__ for f in self.failed],
            "waived": [{**f.__dict__, "reason": w.reason} for f, w in self.waived],
            "error": self.error,
        }


def load_waivers(directory: Path = WAIVERS_DIR) -> list[Waiver]:
    waivers: list[Waiver] = []
    for path in sorted(directory.glob("*.yaml")):
        display = shown(path)
        try:
            entries = yaml.safe_load(path.read_text()) or []
        except yaml.YAMLError as exc:
            raise WaiverError(f"{display}: YAML syntax error: {exc}") from None
        if not isinstance(entries, list):
            raise WaiverError(
                f"{display}: expected a list of waivers, found {type(entries).__name__}"
            )
        for index, entry in enumerate(entries):
            where = f"{display}[{index}]"
            if not isinstance(entry, dict):
                raise WaiverError(f"{where}: expected a mapping with check, resource, reason")
            unknown = set(entry) - WAIVER_KEYS
            if unknown:
                raise WaiverError(
                    f"{where}: unknown key(s) {sorted(unknown)}; expected {sorted(WAIVER_KEYS)}"
                )
            for key in sorted(REQUIRED_WAIVER_KEYS):
                value = entry.get(key)
                if not isinstance(value, str) or not value.strip():
                    raise WaiverError(
                        f"{where}.{key}: expected a non-empty string, found {value!r}"
                    )
            scan = entry.get("scan", "both")
            if scan not in SCANS:
                raise WaiverError(
                    f"{where}.scan: expected one of {', '.join(SCANS)}, found {scan!r}"
                )
            waivers.append(
                Waiver(
                    path.stem,
                    entry["check"],
                    entry["resource"],
                    entry["reason"].strip(),
                    str(where),
                    scan,
                )
            )
    return waivers


def _glob(pattern: str) -> re.Pattern[str]:
    """Only ``*`` is a wildcard: addresses contain [ ] that fnmatch would read as classes."""
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")))


def find_waiver(
    finding: Finding, waivers: list[Waiver], scan: str, sources: Mapping[str, str] | None = None
) -> Waiver | None:
    """The waiver that covers ``finding`` in ``scan``, or None. ``sources`` maps a module call
    of the env root to the module it instantiates (``profile_updater`` -> ``lambda_function``):
    waivers belong to modules, so every call of a module shares them."""
    module, local = finding.module_and_local
    module = (sources or {}).get(module, module)
    for waiver in waivers:
        if waiver.check != finding.check_id or waiver.module != module:
            continue
        if waiver.scan not in ("both", scan):
            continue
        if _glob(waiver.resource).fullmatch(local):
            return waiver
    return None


def checkov_binary() -> Path:
    explicit = os.environ.get("CHECKOV")
    path = Path(explicit) if explicit else REPO_ROOT / ".venv-checkov" / "bin" / "checkov"
    if not path.exists():
        raise ToolchainError(
            f"checkov: expected {path} (created by `make checkov-venv`), found nothing"
        )
    return path


def checkov_env() -> dict[str, str]:
    env = dict(os.environ)
    # Offline and quiet: no update check, no platform API, no guideline download.
    env["CKV_SKIP_PACKAGE_UPDATE_CHECK"] = "true"
    env.pop("BC_API_KEY", None)
    env.pop("PRISMA_API_URL", None)
    env["LOG_LEVEL"] = "ERROR"
    return env


def _parse_report(raw: str) -> list[dict[str, Any]]:
    start = raw.find("{") if raw.lstrip().startswith("{") else raw.find("[")
    data = json.loads(raw[start:]) if start >= 0 else {}
    return data if isinstance(data, list) else [data]


def run_checkov(
    name: str,
    scan: str,
    args: list[str],
    report: Path,
    waivers: list[Waiver],
    sources: Mapping[str, str] | None = None,
) -> GateResult:
    """Run checkov with ``args`` (target and framework), JSON to ``report``, judge findings
    against the waivers that apply to ``scan`` ("code" or "plan")."""
    command = [
        str(checkov_binary()),
        *args,
        "--skip-download",
        "--compact",
        "-o",
        "json",
        "--external-checks-dir",
        str(CUSTOM_CHECKS_DIR),
    ]
    result = subprocess.run(
        command, env=checkov_env(), capture_output=True, text=True, check=False, cwd=REPO_ROOT
    )
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(result.stdout)
    gate = GateResult(name)
    if result.returncode not in (0, 1):
        gate.error = f"checkov exited {result.returncode}: {result.stderr.strip()[-2000:]}"
        return gate
    try:
        reports = _parse_report(result.stdout)
    except json.JSONDecodeError as exc:
        gate.error = f"unreadable checkov report ({exc}); see {report}"
        return gate
    for part in reports:
        summary = part.get("summary", {})
        if summary.get("parsing_errors"):
            gate.error = (
                f"checkov could not parse {summary['parsing_errors']} file(s); see {report}"
            )
        gate.passed_checks += int(summary.get("passed", 0))
        for item in part.get("results", {}).get("failed_checks", []):
            finding = Finding(
                check_id=item["check_id"],
                check_name=item.get("check_name", ""),
                resource=item.get("resource", ""),
                file_path=item.get("file_path", ""),
            )
            waiver = find_waiver(finding, waivers, scan, sources)
            if waiver is None:
                gate.failed.append(finding)
            else:
                gate.waived.append((finding, waiver))
    return gate
