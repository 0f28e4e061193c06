"""Atomic writes: a folder swapped into place, a file renamed into place; readers never see
a half-written one."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging`` (same file system). The old folder is moved aside
    first and removed only once the new one is in place."""
    if not target.exists():
        os.replace(staging, target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.replace(target, retired / target.name)
    os.replace(staging, target)
    shutil.rmtree(retired)


def write_atomic(path: Path, text: str) -> None:
    """Write ``path`` through a temporary file and a rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
