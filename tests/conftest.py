"""Shared fixtures: a throwaway copy of the repository for tests that write or break things."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.toolchain import REPO_ROOT

COPIED = (
    "generator", "manifest", "policy", "terraform", "lambda", "glue", "flink", "contracts",
    "demo", "bench",
)  # fmt: skip


@dataclass
class RepoCopy:
    root: Path

    def run(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """``python -m generator <args>`` inside the copy."""
        return self.run_module("generator", *args, env=env)

    def run_module(
        self, module: str, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """``python -m <module> <args>`` inside the copy."""
        environ = {
            **os.environ,
            "PYTHONPATH": str(self.root),
            # One wheel cache for every copy: the same pins vendor to the same files.
            "CLICKSTACK_VENDOR_CACHE": str(REPO_ROOT / "build" / "vendor-cache"),
            # Copies have no venvs: checkov comes from the repository's own .venv-checkov.
            "CHECKOV": str(REPO_ROOT / ".venv-checkov" / "bin" / "checkov"),
            **(env or {}),
        }
        return subprocess.run(
            [sys.executable, "-m", module, *args],
            cwd=self.root,
            env=environ,
            capture_output=True,
            text=True,
            check=False,
        )

    def snapshot(self, relative: str) -> dict[str, bytes]:
        base = self.root / relative
        return {
            str(p.relative_to(base)): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()
        }


@pytest.fixture
def repo_copy(tmp_path: Path) -> RepoCopy:
    ignore = shutil.ignore_patterns(".terraform", "__pycache__", "*.tfstate*")
    for name in COPIED:
        if not (REPO_ROOT / name).exists():
            continue
        shutil.copytree(REPO_ROOT / name, tmp_path / name, ignore=ignore)
    return RepoCopy(tmp_path)
