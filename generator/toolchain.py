"""Find terraform, the local provider mirror and checkov, and build their environments.

Nothing here is machine specific: the mirror comes from ``TF_PLUGIN_DIR`` or a well-known place,
and terraform gets a CLI config file we write ourselves (``TF_CLI_CONFIG_FILE`` on a machine may
point at a file that does not exist).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ToolchainError

REPO_ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = REPO_ROOT / "build"


def shown(path: Path) -> str:
    """``path`` as messages show it: relative to the repository when inside it."""
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


LOCK_FILE = REPO_ROOT / "terraform" / ".terraform.lock.hcl"

# Searched in order after TF_PLUGIN_DIR. A place counts when it holds the aws provider in the
# filesystem-mirror layout (<host>/<namespace>/<type>/<version>/<os_arch>/).
WELL_KNOWN_PLUGIN_DIRS = (
    "/opt/tf-plugins",
    "~/.terraform.d/plugins",
    "~/.local/share/terraform/plugins",
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
)
AWS_PROVIDER_PATH = Path("registry.terraform.io/hashicorp/aws")


def _has_aws_provider(path: Path) -> bool:
    return (path / AWS_PROVIDER_PATH).is_dir()


def find_plugin_dir(environ: dict[str, str] | None = None) -> Path | None:
    """The provider mirror to pass as ``-plugin-dir``, or None to install from the registry.

    ``TF_PLUGIN_DIR`` wins when set; it is an error for it to name a folder without the aws
    provider, because silently falling back would hide a typo.
    """
    env = os.environ if environ is None else environ
    explicit = env.get("TF_PLUGIN_DIR")
    if explicit:
        path = Path(explicit).expanduser()
        if not _has_aws_provider(path):
            raise ToolchainError(
                f"TF_PLUGIN_DIR={explicit}: expected a provider mirror containing "
                f"{AWS_PROVIDER_PATH}/<version>/<os_arch>/, found none"
            )
        return path
    for candidate in WELL_KNOWN_PLUGIN_DIRS:
        path = Path(candidate).expanduser()
        if _has_aws_provider(path):
            return path
    return None


def terraform_binary(environ: dict[str, str] | None = None) -> str:
    """``TERRAFORM`` if set, else ``terraform`` on PATH."""
    env = os.environ if environ is None else environ
    name = env.get("TERRAFORM", "terraform")
    found = shutil.which(name)
    if not found:
        raise ToolchainError(
            f"terraform: expected {name!r} on PATH (or TERRAFORM=/path/to/terraform), found nothing"
        )
    return found


@dataclass(frozen=True)
class Terraform:
    """How to run terraform here: binary, init arguments and environment."""

    binary: str
    plugin_dir: Path | None
    env: dict[str, str]

    def init_args(self) -> list[str]:
        args = ["-input=false", "-no-color", "-lockfile=readonly"]
        if self.plugin_dir is not None:
            args.append(f"-plugin-dir={self.plugin_dir}")
        return args


def terraform_toolchain(environ: dict[str, str] | None = None) -> Terraform:
    """Resolve terraform and write our own CLI config (plugin cache for registry installs)."""
    env = dict(os.environ if environ is None else environ)
    binary = terraform_binary(env)
    plugin_dir = find_plugin_dir(env)
    cache_dir = Path(env.get("TF_PLUGIN_CACHE_DIR", BUILD_DIR / "terraform-plugin-cache"))
    cache_dir.mkdir(parents=True, exist_ok=True)
    config = BUILD_DIR / "terraformrc"
    text = f'plugin_cache_dir = "{cache_dir}"\n'
    if not config.exists() or config.read_text() != text:
        config.write_text(text)
    env["TF_CLI_CONFIG_FILE"] = str(config)
    env["TF_IN_AUTOMATION"] = "1"
    env["CHECKPOINT_DISABLE"] = "1"
    env.pop("TF_PLUGIN_CACHE_DIR", None)
    return Terraform(binary=binary, plugin_dir=plugin_dir, env=env)
