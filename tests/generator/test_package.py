"""Artifacts are byte-identical across builds and clones, content-addressed, and atomic."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import RepoCopy

HANDLER = 'import six\n\n\ndef handler(event, context):\n    return {"ok": six.PY3}\n'


def _add_function(repo: RepoCopy, requirements: str = "six==1.16.0\n") -> Path:
    function = repo.root / "lambda" / "echo_test"
    function.mkdir(parents=True, exist_ok=True)
    (function / "handler.py").write_text(HANDLER)
    (function / "requirements.txt").write_text(requirements)
    (function / "__pycache__").mkdir(exist_ok=True)
    (function / "__pycache__" / "handler.cpython-311.pyc").write_bytes(b"stale")
    return function


def _package(repo: RepoCopy) -> dict[str, dict[str, object]]:
    result = repo.run("package")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((repo.root / "build" / "artifacts" / "manifest.json").read_text())
    return dict(manifest["artifacts"])


def test_packaging_twice_and_from_another_clone_gives_the_same_bytes(
    repo_copy: RepoCopy, tmp_path: Path
) -> None:
    _add_function(repo_copy)
    first = _package(repo_copy)
    entry = first["lambda/echo_test"]
    zip_path = repo_copy.root / "build" / "artifacts" / str(entry["file"])
    first_bytes = zip_path.read_bytes()
    assert _package(repo_copy) == first
    assert zip_path.read_bytes() == first_bytes

    # Another clone: other path, other timestamps and permissions on the sources.
    other = RepoCopy(tmp_path / "other-clone")
    shutil.copytree(repo_copy.root, other.root, ignore=shutil.ignore_patterns("build"))
    for path in (other.root / "lambda").rglob("*"):
        os.utime(path, (1_900_000_000, 1_900_000_000))
    os.chmod(other.root / "lambda" / "echo_test" / "handler.py", 0o600)
    assert _package(other)["lambda/echo_test"] == entry


def test_zip_entries_are_normalised_and_vendored(repo_copy: RepoCopy) -> None:
    _add_function(repo_copy)
    entry = _package(repo_copy)["lambda/echo_test"]
    digest = str(entry["sha256"])
    assert str(entry["s3_key"]) == f"artifacts/lambda/echo_test/{digest}.zip"
    assert str(entry["file"]) == f"lambda-echo_test-{digest[:16]}.zip"
    with zipfile.ZipFile(repo_copy.root / "build" / "artifacts" / str(entry["file"])) as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert "echo_test/handler.py" in names and "six.py" in names, "requirements are vendored"
    assert "echo_test/requirements.txt" not in names
    assert not [n for n in names if n.endswith(".pyc") or "__pycache__" in n]
    for info in infos:
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert stat.S_IMODE(info.external_attr >> 16) in (0o644, 0o755)


def test_console_scripts_are_not_vendored(repo_copy: RepoCopy) -> None:
    """pip writes console scripts with a shebang naming the build machine's interpreter: such a
    zip would differ per machine, and the script cannot run on Lambda anyway."""
    _add_function(repo_copy, "six==1.16.0\npybase64==1.5.1\n")  # pybase64 has a console script
    entry = _package(repo_copy)["lambda/echo_test"]
    with zipfile.ZipFile(repo_copy.root / "build" / "artifacts" / str(entry["file"])) as zf:
        names = zf.namelist()
        assert "pybase64/__init__.py" in names
        assert not [n for n in names if n.startswith("bin/")]
        machine = str(Path(sys.executable).parent).encode()
        assert not [n for n in names if machine in zf.read(n)], "a build path leaked into the zip"


def test_unpinned_requirements_are_refused_and_nothing_is_replaced(repo_copy: RepoCopy) -> None:
    function = _add_function(repo_copy)
    before = _package(repo_copy)
    (function / "requirements.txt").write_text("six>=1.0\n")
    result = repo_copy.run("package")
    assert result.returncode == 7
    assert "lambda/echo_test/requirements.txt: expected exact pins" in result.stderr
    assert _manifest(repo_copy) == before, "a failed build leaves the previous artifacts"
    leftovers = [p.name for p in (repo_copy.root / "build").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def _manifest(repo: RepoCopy) -> dict[str, object]:
    text = (repo.root / "build" / "artifacts" / "manifest.json").read_text()
    return dict(json.loads(text)["artifacts"])


@pytest.mark.parametrize("change", ["handler", "requirements"])
def test_a_source_change_changes_the_address(repo_copy: RepoCopy, change: str) -> None:
    function = _add_function(repo_copy)
    before = _package(repo_copy)["lambda/echo_test"]
    if change == "handler":
        (function / "handler.py").write_text(HANDLER + "# changed\n")
    else:
        (function / "requirements.txt").write_text("six==1.17.0\n")
    after = _package(repo_copy)["lambda/echo_test"]
    assert after["sha256"] != before["sha256"] and after["s3_key"] != before["s3_key"]


def test_a_connector_jar_in_flink_lib_rides_in_the_flink_zip(repo_copy: RepoCopy) -> None:
    without = _package(repo_copy)["flink/realtime_metrics"]
    assert "jarfile" not in without
    lib = repo_copy.root / "flink" / "lib"
    lib.mkdir()
    (lib / "flink-sql-connector-aws-kinesis-streams-5.0.0-1.20.jar").write_bytes(b"PK jar bytes")
    entry = _package(repo_copy)["flink/realtime_metrics"]
    assert entry["jarfile"] == "lib/flink-sql-connector-aws-kinesis-streams-5.0.0-1.20.jar"
    assert entry["sha256"] != without["sha256"]
    with zipfile.ZipFile(repo_copy.root / "build" / "artifacts" / str(entry["file"])) as zf:
        assert str(entry["jarfile"]) in zf.namelist()

    (lib / "other-connector.jar").write_bytes(b"PK")  # Managed Flink takes one jarfile
    refused = repo_copy.run("package")
    assert refused.returncode == 7
    assert "flink/lib: expected at most one connector jar" in refused.stderr


def test_the_env_roots_get_every_artifact_with_both_digests(repo_copy: RepoCopy) -> None:
    built = _package(repo_copy)
    script = (
        "import json; from generator import package; "
        "print(json.dumps(package.terraform_variables()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=repo_copy.root, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(repo_copy.root)}, check=True,
    ).stdout  # fmt: skip
    variables = json.loads(out)["artifacts"]
    assert set(variables) == set(built)
    lambda_zip = variables["lambda/firehose_transform"]
    assert Path(lambda_zip["file"]).is_absolute() and Path(lambda_zip["file"]).exists()
    assert lambda_zip["key"] == built["lambda/firehose_transform"]["s3_key"]
    digest = bytes.fromhex(str(lambda_zip["sha256"]))
    assert hashlib.sha256(Path(lambda_zip["file"]).read_bytes()).digest() == digest
    assert lambda_zip["sha256_base64"] == base64.b64encode(digest).decode()
