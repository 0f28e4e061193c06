"""Build the code artifacts the platform runs: byte-identical, content-addressed zips.

Modelled on terraform-aws-modules' package.py without its known bug (zips that keep file
timestamps and so change on every checkout): entries are sorted, every timestamp is fixed,
modes are normalised, no .pyc is written, and the name is the sha256 of the bytes. Packaging
twice, or from another clone, gives the same bytes.

Artifacts:
- lambda/<function>/ (every folder with a handler.py): the function as a package at the zip
  root (handler ``<function>.handler.handler``), the shared
  ``clickstack_events`` package with the event contract, and its requirements.txt vendored for the
  Lambda runtime (manylinux wheels only, so nothing depends on this machine's compilers).
- glue/jobs/<job>.py: the job script as a plain .py object (what Glue runs), plus nothing else.
- flink/<app>/: the PyFlink application as a zip with flink/main.py (its launcher) at the root.

``build/artifacts/manifest.json`` lists each artifact's file, sha256, size and S3 key; the
generator hands it to the env roots' ``artifacts`` variable, whose plan uploads them.
Everything is written to a temporary folder first and moved into place, manifest last, so a
failed build never leaves a half-written set.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import swap_in
from generator.errors import ClickstackError
from generator.toolchain import BUILD_DIR, REPO_ROOT

ARTIFACTS_DIR = BUILD_DIR / "artifacts"
MANIFEST_NAME = "manifest.json"
LAMBDA_DIR = REPO_ROOT / "lambda"
GLUE_JOBS_DIR = REPO_ROOT / "glue" / "jobs"
FLINK_DIR = REPO_ROOT / "flink"
# Connector jars a Flink zip carries (Managed Flink's `jarfile` run option). The Kinesis
# connector (flink-sql-connector-aws-kinesis-streams 5.x for Flink 1.20) comes from Maven
# Central; it is not in the repository and cannot be fetched offline.
FLINK_JARS_DIR = FLINK_DIR / "lib"
CONTRACT = REPO_ROOT / "contracts" / "clickstream-event.schema.json"
SHARED_PACKAGE = "clickstack_events"

# The Lambda runtime the functions are built for (terraform sets the same runtime).
LAMBDA_PYTHON = "3.12"
LAMBDA_ARCHITECTURE = "arm64"  # Graviton: cheaper per GB-second; the lambda module gets the same
# python3.12 runs on Amazon Linux 2023 (glibc 2.34): wheels for manylinux 2.28 and older fit;
# pip takes the best of these for each pin (psycopg-binary ships aarch64 only as 2.28).
LAMBDA_PLATFORMS = ("manylinux_2_28_aarch64", "manylinux2014_aarch64")
# Bump when the vendored folder's layout changes, so cached vendor folders are rebuilt.
VENDOR_LAYOUT = 2
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say
EXCLUDED_PARTS = {"__pycache__", ".pytest_cache", ".mypy_cache", "tests"}
EXCLUDED_SUFFIXES = {".pyc", ".pyo"}


class PackagingError(ClickstackError):
    """A source folder or its requirements cannot be packaged."""

    exit_code = 7


@dataclass(frozen=True)
class Artifact:
    name: str  # "lambda/firehose_transform"
    file: str  # file name under build/artifacts/
    sha256: str
    size: int
    s3_key: str
    jarfile: str | None = None  # Flink: the connector jar inside the zip, if one was supplied

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "file": self.file, "sha256": self.sha256, "size": self.size, "s3_key": self.s3_key,
        }  # fmt: skip
        if self.jarfile:
            data["jarfile"] = self.jarfile
        return data


def _included(path: Path, base: Path) -> bool:
    relative = path.relative_to(base)
    if any(part in EXCLUDED_PARTS or part.startswith(".") for part in relative.parts):
        return False
    return path.is_file() and path.suffix not in EXCLUDED_SUFFIXES


def deterministic_zip(entries: dict[str, Path], target: Path) -> None:
    """Zip ``entries`` (archive name -> file) with sorted names, fixed times and modes."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in sorted(entries):
            source = entries[name]
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            executable = source.stat().st_mode & stat.S_IXUSR
            info.external_attr = ((0o755 if executable else 0o644) | stat.S_IFREG) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, whatever builds it
            zf.writestr(
                info, source.read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9
            )


def _tree(base: Path, prefix: str = "") -> dict[str, Path]:
    return {
        f"{prefix}{p.relative_to(base).as_posix()}": p
        for p in sorted(base.rglob("*"))
        if _included(p, base)
    }


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _vendor(requirements: Path, cache_root: Path) -> Path:
    """pip-install pinned requirements for the Lambda runtime into a cached folder.

    The cache key is the requirements' bytes plus the target runtime: the same pins give the
    same wheels, and wheels unpack to the same files, so the zip stays byte-identical.
    """
    text = requirements.read_bytes()
    for line in text.decode().splitlines():
        spec = line.split("#", 1)[0].strip()
        if spec and "==" not in spec and not spec.startswith("-"):
            raise PackagingError(
                f"{requirements.relative_to(REPO_ROOT)}: expected exact pins (name==version), "
                f"found {spec!r}"
            )
    layout = f"{LAMBDA_PYTHON}/{','.join(LAMBDA_PLATFORMS)}/{VENDOR_LAYOUT}".encode()
    key = hashlib.sha256(text + layout).hexdigest()[:16]
    target = cache_root / key
    if (target / ".complete").exists():
        return target
    if target.exists():  # left by a build that died before finishing
        shutil.rmtree(target, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{key}-", dir=cache_root))
    command = [
        sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "--no-compile", "--no-deps", "--only-binary=:all:", "--implementation", "cp",
        "--python-version", LAMBDA_PYTHON,
        *[arg for platform in LAMBDA_PLATFORMS for arg in ("--platform", platform)],
        "--target", str(staging), "-r", str(requirements),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise PackagingError(
            f"{requirements.relative_to(REPO_ROOT)}: pip could not vendor it for python"
            f"{LAMBDA_PYTHON} {LAMBDA_ARCHITECTURE}: {result.stderr.strip()[-1500:]}"
        )
    # pip's RECORD lists install paths, and console scripts in bin/ start with a shebang naming
    # this machine's interpreter: neither runs on Lambda, and both would make the zip's bytes
    # depend on where it was built.
    for record in staging.glob("*.dist-info/RECORD"):
        record.unlink()
    shutil.rmtree(staging / "bin", ignore_errors=True)
    (staging / ".complete").write_text("")
    try:
        os.replace(staging, target)
    except OSError:
        # Another build filled the same key meanwhile: same pins, same files; keep theirs.
        shutil.rmtree(staging, ignore_errors=True)
        if not (target / ".complete").exists():
            raise
    return target


def lambda_functions() -> list[Path]:
    return sorted(p.parent for p in LAMBDA_DIR.glob("*/handler.py"))


def _lambda_entries(function: Path, cache_root: Path) -> dict[str, Path]:
    # The function is a package at the zip root: handler = "<function>.handler.handler".
    entries = _tree(function, f"{function.name}/")
    entries.pop(f"{function.name}/requirements.txt", None)
    shared = LAMBDA_DIR / SHARED_PACKAGE
    if shared.is_dir():
        entries.update(_tree(shared, f"{SHARED_PACKAGE}/"))
        entries.pop(f"{SHARED_PACKAGE}/requirements.txt", None)
        if CONTRACT.exists():
            entries[f"{SHARED_PACKAGE}/{CONTRACT.name}"] = CONTRACT
    requirements = function / "requirements.txt"
    if requirements.exists() and requirements.read_text().strip():
        vendored = _vendor(requirements, cache_root)
        for name, path in _tree(vendored).items():
            entries.setdefault(name, path)  # the function's own files win
    return entries


def s3_key_prefix(name: str) -> str:
    """The S3 folder of every version of artifact ``name`` (keys end in the content hash)."""
    return f"artifacts/{name}"


def build(out_dir: Path = ARTIFACTS_DIR) -> list[Artifact]:
    """Build every artifact into ``out_dir`` atomically; return what was built.

    Vendored requirements are cached by content under ``CLICKSTACK_VENDOR_CACHE`` (default
    build/vendor-cache), so repeated builds do not download wheels again."""
    cache_root = Path(os.environ.get("CLICKSTACK_VENDOR_CACHE") or BUILD_DIR / "vendor-cache")
    cache_root.mkdir(parents=True, exist_ok=True)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".artifacts-", dir=out_dir.parent))
    artifacts: list[Artifact] = []
    try:
        units: list[tuple[str, dict[str, Path] | Path]] = []
        jarfiles: dict[str, str] = {}
        for function in lambda_functions():
            units.append((f"lambda/{function.name}", _lambda_entries(function, cache_root)))
        for script in sorted(GLUE_JOBS_DIR.glob("*.py")) if GLUE_JOBS_DIR.is_dir() else []:
            if not script.name.startswith("_"):
                units.append((f"glue/{script.stem}", script))
        for app in sorted(FLINK_DIR.glob("*/")) if FLINK_DIR.is_dir() else []:
            if app.is_dir() and any(app.glob("*.py")):
                # Managed Flink runs flink/main.py; the application package sits beside it.
                entries = _tree(app, f"{app.name}/")
                if (FLINK_DIR / "main.py").exists():
                    entries["main.py"] = FLINK_DIR / "main.py"
                jars = sorted(FLINK_JARS_DIR.glob("*.jar")) if FLINK_JARS_DIR.is_dir() else []
                if len(jars) > 1:
                    raise PackagingError(
                        f"{FLINK_JARS_DIR.relative_to(REPO_ROOT)}: expected at most one "
                        f"connector jar (Managed Flink takes one jarfile), found "
                        f"{', '.join(j.name for j in jars)}"
                    )
                for jar in jars:
                    entries[f"lib/{jar.name}"] = jar
                    jarfiles[f"flink/{app.name}"] = f"lib/{jar.name}"
                units.append((f"flink/{app.name}", entries))
        for name, content in units:
            kind, short = name.split("/", 1)
            if isinstance(content, Path):
                suffix, scratch = content.suffix, staging / f"{short}{content.suffix}.tmp"
                shutil.copyfile(content, scratch)
            else:
                suffix, scratch = ".zip", staging / f"{short}.zip.tmp"
                if not content:
                    raise PackagingError(f"{name}: nothing to package")
                deterministic_zip(content, scratch)
            digest = sha256_file(scratch)
            file_name = f"{kind}-{short}-{digest[:16]}{suffix}"
            os.replace(scratch, staging / file_name)
            artifacts.append(
                Artifact(
                    name=name,
                    file=file_name,
                    sha256=digest,
                    size=(staging / file_name).stat().st_size,
                    s3_key=f"{s3_key_prefix(name)}/{digest}{suffix}",
                    jarfile=jarfiles.get(name),
                )
            )
        manifest = {"artifacts": {a.name: a.to_json() for a in artifacts}}
        (staging / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        swap_in(staging, out_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return artifacts


def read_manifest(out_dir: Path = ARTIFACTS_DIR) -> dict[str, dict[str, object]]:
    path = out_dir / MANIFEST_NAME
    if not path.exists():
        raise PackagingError(f"{path.relative_to(REPO_ROOT)}: missing; run `make package` first")
    data: dict[str, dict[str, dict[str, object]]] = json.loads(path.read_text())
    return data["artifacts"]


def terraform_variables(out_dir: Path = ARTIFACTS_DIR) -> dict[str, object]:
    """The env roots' ``artifacts`` variable from the built manifest: every artifact's local
    file (absolute: terraform runs in a scratch copy of the root), S3 key and SHA-256, as hex
    and as the base64 Lambda reports as CodeSha256."""
    artifacts: dict[str, object] = {}
    for name, entry in sorted(read_manifest(out_dir).items()):
        digest = str(entry["sha256"])
        artifacts[name] = {
            "file": str((out_dir / str(entry["file"])).resolve()),
            "key": entry["s3_key"],
            "sha256": digest,
            "sha256_base64": base64.b64encode(bytes.fromhex(digest)).decode(),
            "jarfile": entry.get("jarfile"),
        }
    return {"artifacts": artifacts}
