"""Make the Lambda sources importable as laid out in a zip, and the shared sample builders."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# lambda/ as the zip root (clickstack_events, firehose_transform); bench/ for firehose_samples
for folder in (REPO / "lambda", REPO / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
