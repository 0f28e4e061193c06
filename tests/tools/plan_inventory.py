"""Print a YAML inventory for a module test case, to review and commit next to the tfvars.

    .venv/bin/python -m tests.tools.plan_inventory <module> tests/modules/<module>/<case>.tfvars

Values are the planned attributes of each resource with nulls, empty collections and the
provider's tags_all dropped (noise that would make a reviewed inventory unreadable).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from tests.tfplan import plan_module


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items() if k != "tags_all"}
        return {k: v for k, v in pruned.items() if v not in (None, {}, [])}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    module, tfvars = argv[0], Path(argv[1])
    summary = plan_module(module, tfvars)
    inventory = {
        "values": {address: _prune(v) for address, v in sorted(summary.values.items())},
        "counts": summary.counts,
        "outputs": _prune(summary.outputs),
    }
    print(yaml.safe_dump(inventory, sort_keys=True, width=100), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
