"""Swap a fully written folder into place, so readers never see a half-written one."""

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
