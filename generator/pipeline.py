"""The user-facing flows: validate, plan (with gates) and apply (exactly the gated plan)."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from generator import checkov_gate, credentials, local_aws, package, policy, render
from generator.errors import ApplyRefused, GateError, TerraformError, UsageError
from generator.manifest import MANIFEST_DIR, LoadedManifest, Manifest, load_manifest
from generator.package import sha256_file
from generator.terraform import (
    MODULES_DIR,
    Workspace,
    env_build_dir,
    fmt_check,
    online_workspace,
    remove_quietly,
    scratch_workspace,
)
from generator.toolchain import REPO_ROOT, shown

StepKind = Literal["clickstack", "terraform", "checkov"]
T = TypeVar("T")

# What a plan is made from: a change to any of these makes its plan stale.
INPUT_GLOBS = (
    "generator/**/*.py",
    "generator/templates/*",
    "terraform/modules/**/*",
    "policy/**/*",
)


@dataclass
class Timer:
    steps: list[tuple[str, StepKind, float]] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    @contextmanager
    def step(self, name: str, kind: StepKind) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.steps.append((name, kind, time.perf_counter() - start))

    def wall(self) -> float:
        return time.perf_counter() - self.started

    def totals(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for _, kind, seconds in self.steps:
            totals[kind] = totals.get(kind, 0.0) + seconds
        return totals

    def report(self) -> list[str]:
        lines = [f"  {name:<28} {kind:<10} {seconds:6.1f}s" for name, kind, seconds in self.steps]
        totals = self.totals()
        total = sum(totals.values())
        split = ", ".join(f"{k} {v:.1f}s" for k, v in sorted(totals.items()))
        lines.append(f"  {'sum of steps':<28} {'':<10} {total:6.1f}s  ({split})")
        lines.append(
            f"  {'wall time':<28} {'':<10} {self.wall():6.1f}s  (the code scan overlaps the plan)"
        )
        return lines


def input_digests(env: str) -> dict[str, str]:
    """sha256 of every file a plan of ``env`` is made from, by repository path."""
    files = {MANIFEST_DIR / "defaults.yaml", MANIFEST_DIR / f"{env}.yaml"}
    files.update(p for p in render.env_root(env).iterdir() if p.is_file())
    for pattern in INPUT_GLOBS:
        files.update(p for p in REPO_ROOT.glob(pattern) if p.is_file())
    files = {p for p in files if ".terraform" not in p.parts and "__pycache__" not in p.parts}
    artifacts = package.ARTIFACTS_DIR / package.MANIFEST_NAME
    if artifacts.exists():
        files.add(artifacts)
    return {shown(p): sha256_file(p) for p in sorted(files)}


def artifact_var_args(m: Manifest) -> list[str]:
    """Build the artifacts (content-addressed: unchanged sources give the same files) and
    hand them to the env root's ``artifacts`` variable: ``-var-file`` arguments for plan."""
    if not render.needed_artifacts(m):
        return []
    package.build()
    var_file = env_build_dir(m.env) / "artifacts.tfvars.json"
    var_file.parent.mkdir(parents=True, exist_ok=True)
    variables = package.terraform_variables()
    var_file.write_text(json.dumps(variables, indent=2, sort_keys=True) + "\n")
    return [f"-var-file={var_file}"]


def render_env(loaded: LoadedManifest) -> bool:
    return render.write_root(loaded.manifest.env, render.render_files(loaded))


def validate_workspace(ws: Workspace, timer: Timer, logs: Path, *, backend: bool) -> None:
    with timer.step("terraform fmt -check", "terraform"):
        unformatted = fmt_check(ws.toolchain, [MODULES_DIR, render.env_root(ws.env_name)])
    if unformatted:
        raise TerraformError(
            "terraform fmt -check: these files are not formatted (run `terraform fmt -recursive "
            "terraform/`): " + ", ".join(unformatted)
        )
    with timer.step("terraform init", "terraform"):
        ws.init(backend=backend, log=logs / "init.log")
    with timer.step("terraform validate", "terraform"):
        ws.run("validate", "-no-color", log=logs / "validate.log")


def validate(env: str) -> Timer:
    timer = Timer()
    with timer.step("manifest + render check", "clickstack"):
        loaded = load_manifest(env)
        files = render.render_files(loaded)
    problems = render.diff_root(env, files)
    if problems:
        raise TerraformError(
            f"terraform/envs/{env} is out of date with manifest/{env}.yaml (run `make render "
            f"ENV={env}`): " + "; ".join(problems)
        )
    ws = scratch_workspace(env, offline=True, purpose="validate")
    validate_workspace(ws, timer, env_build_dir(env) / "logs", backend=False)
    return timer


# --------------------------------------------------------------------------------------------
# plan


@dataclass
class PlanOutcome:
    env: str
    offline: bool
    plan_file: Path | None
    plan_json: Path
    counts: dict[str, Counter[str]]
    gates: list[dict[str, Any]]
    timer: Timer
    endpoint: str | None = None  # AWS_ENDPOINT_URL when the plan talked to a stand-in API
    target: str = "aws"  # the manifest's target: aws, or local (the local AWS of `make up`)

    @property
    def passed(self) -> bool:
        return all(g["passed"] for g in self.gates)


def _action(actions: list[str]) -> str:
    if actions == ["no-op"] or actions == ["read"]:
        return "no-op"
    if "delete" in actions and "create" in actions:
        return "replace"
    return {"create": "add", "update": "change", "delete": "destroy"}[actions[0]]


def count_changes(plan: dict[str, Any]) -> dict[str, Counter[str]]:
    """action -> resource type -> count."""
    counts: dict[str, Counter[str]] = {}
    for change in plan.get("resource_changes", []):
        if change.get("mode") != "managed":
            continue
        action = _action(change["change"]["actions"])
        counts.setdefault(action, Counter())[change["type"]] += 1
    return counts


def _timed(timer: Timer, name: str, kind: StepKind, fn: Callable[[], T]) -> T:
    with timer.step(name, kind):
        return fn()


def plan(env: str, *, offline: bool | None = None) -> PlanOutcome:
    """render -> validate -> checkov (code) -> plan -> show -json -> checkov (plan) -> policies.

    The plan file is written as tfplan.pending and becomes ``build/<env>/tfplan`` only when
    every gate passed; a failed run leaves no plan that apply would take.
    """
    timer = Timer()
    build = env_build_dir(env)
    logs = build / "logs"
    plan_file, pending, gates_file = (
        build / "tfplan",
        build / "tfplan.pending",
        build / "gates.json",
    )
    plan_json = build / "plan.json"
    # An older plan must not survive a new attempt, whatever happens below.
    remove_quietly(plan_file, pending, gates_file, plan_json)
    build.mkdir(parents=True, exist_ok=True)

    loaded = _timed(timer, "load manifest", "clickstack", lambda: load_manifest(env))
    m = loaded.manifest
    _timed(timer, "render env root", "clickstack", lambda: render_env(loaded))
    var_args = _timed(timer, "package artifacts", "clickstack", lambda: artifact_var_args(m))
    if offline is None:
        offline = _timed(
            timer, "detect AWS credentials", "clickstack", credentials.should_plan_offline
        )
    if offline:
        ws = scratch_workspace(env, offline=True, purpose="offline-plan")
    else:
        ws = online_workspace(env)
    validate_workspace(ws, timer, logs, backend=True)

    waivers = checkov_gate.load_waivers()
    sources = render.module_sources(m)
    # The code scan needs no plan: run it beside terraform plan (2 cores, both mostly waiting).
    with ThreadPoolExecutor(max_workers=1) as pool:
        code_future = pool.submit(
            _timed,
            timer,
            "checkov (code, beside plan)",
            "checkov",
            lambda: checkov_gate.run_checkov(
                "checkov (code)",
                "code",
                ["-d", str(ws.root), "--framework", "terraform"],
                build / "checkov-code.json",
                waivers,
                sources,
            ),
        )
        with timer.step("terraform plan", "terraform"):
            plan_args = [
                "plan",
                "-input=false",
                "-no-color",
                "-lock-timeout=120s",
                *var_args,
                f"-out={pending}",
            ]
            output = ws.run(*plan_args, log=logs / "plan.log")
            (build / "plan.txt").write_text(output)
        with timer.step("terraform show -json", "terraform"):
            plan_json.write_text(ws.run("show", "-json", "-no-color", str(pending)))
        code_gate = code_future.result()
    plan_data = json.loads(plan_json.read_text())
    plan_gate = _timed(
        timer,
        "checkov (plan)",
        "checkov",
        lambda: checkov_gate.run_checkov(
            "checkov (plan)",
            "plan",
            ["-f", str(plan_json), "--framework", "terraform_plan"],
            build / "checkov-plan.json",
            waivers,
            sources,
        ),
    )
    with timer.step("clickstack policies", "clickstack"):
        allow = {
            a.strip()
            for a in os.environ.get("CLICKSTACK_ALLOW_DESTROY", "").split(",")
            if a.strip()
        }
        violations = policy.evaluate(
            plan_data, project=m.project, env=m.env, prefix=m.prefix, allow_destroy=allow
        )
    gates = [
        code_gate.to_json(),
        plan_gate.to_json(),
        {
            "name": "clickstack policies",
            "passed": not violations,
            "violations": [str(v) for v in violations],
        },
    ]
    outcome = PlanOutcome(
        env=env,
        offline=offline,
        plan_file=None,
        plan_json=plan_json,
        counts=count_changes(plan_data),
        gates=gates,
        timer=timer,
        endpoint=None if offline else os.environ.get("AWS_ENDPOINT_URL") or None,
        target=m.target,
    )
    if not outcome.passed:
        remove_quietly(pending)
        return outcome
    with timer.step("record gates", "clickstack"):
        os.replace(pending, plan_file)
        record = {
            "env": env,
            "offline": offline,
            "endpoint": outcome.endpoint,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "plan_sha256": sha256_file(plan_file),
            "passed": True,
            "gates": gates,
            "inputs": input_digests(env),
        }
        gates_file.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n")
    outcome.plan_file = plan_file
    return outcome


def summary_lines(outcome: PlanOutcome) -> list[str]:
    lines = [f"clickstack plan - env {outcome.env}"]
    if outcome.offline:
        lines += [
            "  OFFLINE PLAN: fake credentials, the provider's skip flags and empty local state.",
            "  AWS was not called. This shows what a first apply would create; it cannot be",
            "  applied.",
        ]
    elif outcome.target == "local":
        lines.append(
            f"  Planned against the LOCAL AWS at {outcome.endpoint} (moto, `make up`) with state "
            f"in {shown(local_aws.state_file(outcome.env))} - not AWS."
        )
    elif outcome.endpoint:
        lines.append(
            f"  Planned against the AWS API at {outcome.endpoint} (AWS_ENDPOINT_URL) with the "
            "S3 state backend there - not necessarily AWS itself."
        )
    else:
        lines.append(
            "  Planned against AWS with the configured credentials and the S3 state backend."
        )
    totals = {a: sum(c.values()) for a, c in outcome.counts.items()}
    lines.append(
        "Resources: "
        + ", ".join(f"{totals.get(a, 0)} to {a}" for a in ("add", "change", "replace", "destroy"))
    )
    for action in ("add", "change", "replace", "destroy"):
        for rtype, count in sorted(outcome.counts.get(action, Counter()).items()):
            lines.append(f"  {action:<8} {count:>3}  {rtype}")
    lines.append("Gates:")
    for gate in outcome.gates:
        if "violations" in gate:
            verdict = "passed" if gate["passed"] else "FAILED"
            lines.append(f"  {gate['name']}: {verdict} - {len(gate['violations'])} violation(s)")
            lines += [f"    {v}" for v in gate["violations"]]
            continue
        if gate["error"]:
            lines.append(f"  {gate['name']}: ERROR - {gate['error']}")
            continue
        verdict = "passed" if gate["passed"] else "FAILED"
        lines.append(
            f"  {gate['name']}: {verdict} - {gate['passed_checks']} passed, "
            f"{len(gate['failed'])} failed, {len(gate['waived'])} waived (policy/waivers/)"
        )
        for failure in gate["failed"]:
            lines.append(
                f"    {failure['check_id']} {failure['resource']}: {failure['check_name']}"
            )
    lines.append("Timings:")
    lines += outcome.timer.report()
    if outcome.plan_file:
        readable = shown(outcome.plan_file.parent / "plan.txt")
        lines.append(f"Plan file: {shown(outcome.plan_file)} (human-readable: {readable})")
    else:
        lines.append(
            "No plan file was kept: a gate failed. plan.json and checkov reports are in "
            f"{shown(env_build_dir(outcome.env))}/ for review."
        )
    return lines


def plan_or_raise(env: str, *, offline: bool | None = None) -> PlanOutcome:
    outcome = plan(env, offline=offline)
    for line in summary_lines(outcome):
        print(line)
    if not outcome.passed:
        raise GateError(f"plan of env {env}: a gate failed; no applicable plan was left")
    return outcome


# --------------------------------------------------------------------------------------------
# apply


def check_applicable(env: str) -> dict[str, Any]:
    """The gate record of ``build/<env>/tfplan`` if apply may take it; else ApplyRefused."""
    build = env_build_dir(env)
    plan_file, gates_file = build / "tfplan", build / "gates.json"
    if not plan_file.exists():
        raise ApplyRefused(
            f"{shown(plan_file)}: no plan to apply; expected one from `make plan ENV={env}`"
        )
    if not gates_file.exists():
        raise ApplyRefused(
            f"{shown(gates_file)}: missing, so {shown(plan_file)} did not pass the gates; "
            f"run `make plan ENV={env}`"
        )
    record: dict[str, Any] = json.loads(gates_file.read_text())
    if not record.get("passed"):
        raise ApplyRefused(f"{shown(gates_file)}: the plan did not pass the gates")
    if record.get("offline"):
        raise ApplyRefused(
            f"{shown(plan_file)}: made OFFLINE (AWS was not called, state was empty); "
            f"run `make plan ENV={env}` with AWS credentials"
        )
    if record.get("plan_sha256") != sha256_file(plan_file):
        raise ApplyRefused(f"{shown(plan_file)}: changed after the gates ran (checksum differs)")
    current = input_digests(env)
    recorded: dict[str, str] = record.get("inputs", {})
    changed = sorted(
        path for path in set(current) | set(recorded) if current.get(path) != recorded.get(path)
    )
    if changed:
        listed = ", ".join(changed[:5]) + (
            f" and {len(changed) - 5} more" if len(changed) > 5 else ""
        )
        raise ApplyRefused(
            f"{shown(plan_file)}: older than what it was made from ({listed} changed since "
            f"{record.get('created_at')}); run `make plan ENV={env}` again"
        )
    return record


def apply(env: str) -> None:
    """Apply exactly the gated plan. The artifacts it runs are uploaded by that plan too
    (module "artifacts"), after their bucket and before the functions and jobs that read them.
    """
    check_applicable(env)
    ws = online_workspace(env)
    plan_file = env_build_dir(env) / "tfplan"
    if not (ws.data_dir / "terraform.tfstate").exists():
        ws.init(backend=True, log=env_build_dir(env) / "logs" / "init.log")
    try:
        ws.run("apply", "-input=false", "-no-color", str(plan_file), stream=True)
    finally:
        # A saved plan applies once; keeping it would invite a stale second apply.
        remove_quietly(plan_file, env_build_dir(env) / "gates.json")


# --------------------------------------------------------------------------------------------
# local target and destroy


def apply_local(env: str) -> None:
    """``make apply`` of a ``target: local`` env: nothing there is reviewed by anyone, so it
    packages, plans through every gate and applies that plan in one go."""
    plan_or_raise(env, offline=False)
    apply(env)


def destroy(env: str, *, confirm: str | None) -> dict[str, int]:
    """Destroy everything in the env's state: plan -destroy, then apply that plan.

    On AWS it needs ``confirm`` equal to the env name (``make destroy ENV=x CONFIRM=x``); a
    local env needs none. Any gated apply plan of the env is void afterwards and removed.
    Returns resource type -> count destroyed.
    """
    loaded = load_manifest(env)
    if loaded.manifest.target != "local" and confirm != env:
        raise UsageError(
            f"CONFIRM: destroying env {env} on AWS deletes its data; expected CONFIRM={env}, "
            f"found {confirm or 'nothing'}"
        )
    build, logs = env_build_dir(env), env_build_dir(env) / "logs"
    build.mkdir(parents=True, exist_ok=True)
    remove_quietly(build / "tfplan", build / "gates.json")
    render_env(loaded)
    ws = online_workspace(env)
    ws.init(backend=True, log=logs / "init.log")
    plan_file = build / "tfdestroy"
    var_args = artifact_var_args(loaded.manifest)  # the root's variables need values even here
    try:
        ws.run(
            "plan", "-destroy", "-input=false", "-no-color", "-lock-timeout=120s",
            *var_args, f"-out={plan_file}", log=logs / "destroy-plan.log",
        )  # fmt: skip
        counts = count_changes(json.loads(ws.run("show", "-json", "-no-color", str(plan_file))))
        doomed = dict(sorted(counts.get("destroy", Counter()).items()))
        print(f"clickstack destroy - env {env}: {sum(doomed.values())} resources to destroy")
        ws.run("apply", "-input=false", "-no-color", str(plan_file), stream=True)
    finally:
        remove_quietly(plan_file)
    return doomed
