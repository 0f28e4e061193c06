"""The provider mirror is found from TF_PLUGIN_DIR, then well-known places; never hard-coded."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ToolchainError
from generator.toolchain import find_plugin_dir, terraform_binary


def _mirror(tmp_path: Path) -> Path:
    (tmp_path / "registry.terraform.io" / "hashicorp" / "aws" / "5.100.0").mkdir(parents=True)
    return tmp_path


def test_tf_plugin_dir_wins(tmp_path: Path) -> None:
    assert find_plugin_dir({"TF_PLUGIN_DIR": str(_mirror(tmp_path))}) == tmp_path


def test_tf_plugin_dir_without_the_provider_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ToolchainError, match=r"TF_PLUGIN_DIR=.*expected a provider mirror"):
        find_plugin_dir({"TF_PLUGIN_DIR": str(tmp_path)})


def test_well_known_places_are_searched(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(
        "generator.toolchain.WELL_KNOWN_PLUGIN_DIRS",
        (str(tmp_path / "nope"), str(_mirror(tmp_path))),
    )
    assert find_plugin_dir({}) == tmp_path
    monkeypatch.setattr("generator.toolchain.WELL_KNOWN_PLUGIN_DIRS", (str(tmp_path / "nope"),))
    assert find_plugin_dir({}) is None


def test_missing_terraform_is_a_clear_error() -> None:
    with pytest.raises(ToolchainError, match="expected 'no-such-terraform' on PATH"):
        terraform_binary({"TERRAFORM": "no-such-terraform"})


def test_nothing_machine_specific_is_committed() -> None:
    from generator.toolchain import REPO_ROOT

    for path in [*REPO_ROOT.glob("terraform/**/*.tf"), *REPO_ROOT.glob("Makefile")]:
        assert "/opt/tf-plugins" not in path.read_text(), path
