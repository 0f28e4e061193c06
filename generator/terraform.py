"""Thin shell around the terraform CLI: workspaces, init/validate/plan/show/apply."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.errors import TerraformError
from generator.render import LOCK_NAME, env_root
from generator.toolchain import BUILD_DIR, REPO_ROOT, Terraform, terraform_toolchain

MODULES_DIR = REPO_ROOT / "terraform" / "modules"

# An offline plan: fake credentials, the provider's skip flags and local state in a scratch
# folder. Nothing reaches AWS, so such a plan shows a first apply and can never be applied.
OFFLINE_OVERRIDE = """\
# Written by clickstack for an OFFLINE plan: fake credentials, no AWS calls, local state.
terraform {
  backend "local" {
    path = "offline.tfstate"
  }
}

provider "aws" {
  access_key                  = "offline-plan-not-aws"
  secret_key                  = "offline-plan-not-aws"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  # The account cannot be checked without calling STS; the real plan checks it.
  allowed_account_ids = null
}
"""


@dataclass(frozen=True)
class Workspace:
    """Where terraform runs for one env: ``root`` (the module to chdir into) and its env."""

    env_name: str
    root: Path
    toolchain: Terraform
    data_dir: Path
    offline: bool

    def run(self, *args: str, log: Path | None = None, stream: bool = False) -> str:
        """Run terraform in ``root``; output goes to ``log`` (or the console when streaming)."""
        env = dict(self.toolchain.env)
        env["TF_DATA_DIR"] = str(self.data_dir)
        command = [self.toolchain.binary, f"-chdir={self.root}", *args]
        if stream:
            code = subprocess.run(command, env=env, check=False).returncode
            if code != 0:
                raise TerraformError(f"terraform {args[0]} failed in {self.root} (exit {code})")
            return ""
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        output = result.stdout + result.stderr
        if log is not None:
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(output)
        if result.returncode != 0:
            shown = output.strip()[-6000:]
            raise TerraformError(
                f"terraform {args[0]} failed in {self.root} (exit {result.returncode}):\n{shown}"
            )
        return output

    def init(self, *, backend: bool, log: Path | None = None) -> None:
        args = ["init", *self.toolchain.init_args()]
        if not backend:
            args.append("-backend=false")
        elif not self.offline:
            # The S3 backend is the only state there is: -reconfigure never migrates anything,
            # it only stops init from asking when backend settings changed between runs.
            args.append("-reconfigure")
            args += [f"-backend-config={item}" for item in backend_config_overrides()]
        self.run(*args, log=log)


def backend_config_overrides(environ: dict[str, str] | None = None) -> list[str]:
    """``CLICKSTACK_BACKEND_CONFIG="key=value key=value"``: extra S3 backend settings for this
    machine (an assumed role, a profile, path-style S3 for a local endpoint) that do not
    belong in the committed root."""
    env = os.environ if environ is None else environ
    items = env.get("CLICKSTACK_BACKEND_CONFIG", "").split()
    for item in items:
        if "=" not in item:
            raise TerraformError(
                f"CLICKSTACK_BACKEND_CONFIG: expected space-separated key=value items, "
                f"found {item!r}"
            )
    return items


def env_build_dir(env: str) -> Path:
    return BUILD_DIR / env


def scratch_workspace(env: str, *, offline: bool, purpose: str) -> Workspace:
    """A copy of the env root and the modules under build/<env>/<purpose>/, keeping the
    relative ``../../modules`` sources valid. Used by validate and offline plans so the
    committed tree never gets override files or .terraform folders."""
    scratch = env_build_dir(env) / purpose
    if scratch.exists():
        shutil.rmtree(scratch)
    ignore = shutil.ignore_patterns(".terraform", "*.tfstate*")
    shutil.copytree(MODULES_DIR, scratch / "terraform" / "modules", ignore=ignore)
    root = scratch / "terraform" / "envs" / env
    shutil.copytree(env_root(env), root, ignore=ignore)
    if offline:
        (root / "zz_offline_override.tf").write_text(OFFLINE_OVERRIDE)
    return Workspace(
        env_name=env,
        root=root,
        toolchain=terraform_toolchain(),
        data_dir=scratch / ".terraform",
        offline=offline,
    )


def online_workspace(env: str) -> Workspace:
    """The committed env root itself, with .terraform kept under build/ (TF_DATA_DIR)."""
    root = env_root(env)
    if not (root / LOCK_NAME).exists():
        raise TerraformError(f"{root}: not rendered; run `make render ENV={env}` first")
    return Workspace(
        env_name=env,
        root=root,
        toolchain=terraform_toolchain(),
        data_dir=env_build_dir(env) / ".terraform-online",
        offline=False,
    )


def fmt_check(toolchain: Terraform, paths: list[Path]) -> list[str]:
    """Files ``terraform fmt -check`` would change."""
    result = subprocess.run(
        [toolchain.binary, "fmt", "-check", "-recursive", "-list=true", *map(str, paths)],
        env=toolchain.env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 3):
        raise TerraformError(f"terraform fmt failed:\n{result.stderr.strip()}")
    return [line for line in result.stdout.splitlines() if line.strip()]


def remove_quietly(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            os.remove(path)
