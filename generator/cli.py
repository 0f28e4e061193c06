"""``python -m generator <command>``: the commands the Makefile calls."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from generator import docs, local_aws, pipeline, render
from generator.errors import ClickstackError, LocalAwsError, UsageError
from generator.manifest import available_envs, load_manifest
from generator.toolchain import shown


def _env_arg(value: str) -> str:
    return value.strip()


def _cmd_envs(_: argparse.Namespace) -> None:
    print("\n".join(available_envs()))


def _targets(args: argparse.Namespace) -> list[str]:
    if args.all:
        return available_envs()
    if not args.env:
        raise UsageError("--env: expected an environment name or --all, found neither")
    return [args.env]


def _cmd_render(args: argparse.Namespace) -> None:
    # Validate every target first so a bad manifest writes nothing at all.
    rendered = {env: render.render_files(load_manifest(env)) for env in _targets(args)}
    for env, files in rendered.items():
        changed = render.write_root(env, files)
        print(f"terraform/envs/{env}: {'rendered' if changed else 'unchanged'}")


def _cmd_check_render(_: argparse.Namespace) -> None:
    problems = []
    for env in available_envs():
        problems += render.diff_root(env, render.render_files(load_manifest(env)))
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        raise ClickstackError(
            "committed env roots differ from the manifests; run `make render` and commit"
        )
    print(f"check-render: {len(available_envs())} env roots match their manifests")


def _cmd_docs(args: argparse.Namespace) -> None:
    stale = docs.write_all(check=args.check)
    if args.check and stale:
        raise ClickstackError("stale generated docs (run `make docs`): " + ", ".join(stale))
    if not args.check:
        print("docs: " + (", ".join(stale) if stale else "unchanged"))


def _cmd_package(_: argparse.Namespace) -> None:
    from generator import package

    for artifact in package.build():
        print(f"{artifact.name:<32} {artifact.file}  {artifact.size:>9} bytes")
    print(f"manifest: build/artifacts/{package.MANIFEST_NAME}")


def _cmd_validate(args: argparse.Namespace) -> None:
    for env in _targets(args):
        timer = pipeline.validate(env)
        total = sum(timer.totals().values())
        print(f"validate {env}: fmt, init -backend=false, validate passed ({total:.1f}s)")


def _is_local(env: str) -> bool:
    """True for a ``target: local`` env, which is then pointed at the running local AWS."""
    m = load_manifest(env).manifest
    if m.target != "local":
        return False
    local_aws.activate(m.env, m.region)
    return True


def _cmd_plan(args: argparse.Namespace) -> None:
    if args.offline or os.environ.get("OFFLINE", "").strip().lower() in ("1", "true", "yes"):
        pipeline.plan_or_raise(args.env, offline=True)  # needs no AWS, local or not
        return
    local = _is_local(args.env)
    pipeline.plan_or_raise(args.env, offline=False if local else None)


def _cmd_apply(args: argparse.Namespace) -> None:
    if _is_local(args.env):
        pipeline.apply_local(args.env)
    else:
        pipeline.apply(args.env)


def _cmd_destroy(args: argparse.Namespace) -> None:
    _is_local(args.env)
    destroyed = pipeline.destroy(args.env, confirm=args.confirm)
    print(f"destroyed {sum(destroyed.values())} resources of env {args.env}")


def _cmd_up(_: argparse.Namespace) -> None:
    running, started = local_aws.up()
    verb = "started" if started else "already running"
    print(f"local AWS {verb} at {running.url} (pid {running.pid}, log {shown(running.log)})")


def _cmd_down(args: argparse.Namespace) -> None:
    held = local_aws.states_with_resources()
    if held and local_aws.read() is not None and not args.force:
        states = ", ".join(shown(state) for state in held)
        raise LocalAwsError(
            f"{states}: still records resources that live only in the local AWS; stopping it "
            "would orphan that state. Run `make destroy ENV=<env>` first, or `make down FORCE=1`"
        )
    stopped = local_aws.down()
    print(f"local AWS stopped (pid {stopped})" if stopped else "local AWS was not running")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("envs", help="list environments").set_defaults(func=_cmd_envs)
    for name, func, text in (
        ("render", _cmd_render, "render terraform/envs/<env>/ from the manifest"),
        ("validate", _cmd_validate, "fmt check + init -backend=false + validate"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--env", type=_env_arg)
        p.add_argument("--all", action="store_true", help="every environment")
        p.set_defaults(func=func)
    sub.add_parser("check-render", help="fail when a re-render changes a byte").set_defaults(
        func=_cmd_check_render
    )
    p = sub.add_parser("docs", help="generate docs/manifest.md and module README tables")
    p.add_argument("--check", action="store_true", help="fail instead of writing")
    p.set_defaults(func=_cmd_docs)
    sub.add_parser(
        "package", help="build byte-identical artifacts into build/artifacts/"
    ).set_defaults(func=_cmd_package)
    p = sub.add_parser("plan", help="render, validate, gate and plan")
    p.add_argument("--env", type=_env_arg, required=True)
    p.add_argument("--offline", action="store_true", help="plan offline even with credentials")
    p.set_defaults(func=_cmd_plan)
    p = sub.add_parser(
        "apply", help="apply exactly the gated build/<env>/tfplan (local: package+plan+apply)"
    )
    p.add_argument("--env", type=_env_arg, required=True)
    p.set_defaults(func=_cmd_apply)
    p = sub.add_parser("destroy", help="destroy everything in the env's state")
    p.add_argument("--env", type=_env_arg, required=True)
    p.add_argument("--confirm", default=None, help="the env name again (required on AWS)")
    p.set_defaults(func=_cmd_destroy)
    sub.add_parser("up", help="start the local AWS (moto on loopback, TLS)").set_defaults(
        func=_cmd_up
    )
    p = sub.add_parser("down", help="stop the local AWS started by `up`")
    p.add_argument("--force", action="store_true", help="even if local state records resources")
    p.set_defaults(func=_cmd_down)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.func(args)
    except ClickstackError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return 0
