"""Generated documentation: docs/manifest.md from the manifest schema, and the inputs/outputs
tables of each module README (between BEGIN_TF_DOCS / END_TF_DOCS markers) from its code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import hcl2

from generator.errors import ClickstackError
from generator.manifest import reference_rows
from generator.toolchain import REPO_ROOT

MANIFEST_DOC = REPO_ROOT / "docs" / "manifest.md"
MODULES_DIR = REPO_ROOT / "terraform" / "modules"
BEGIN, END = "<!-- BEGIN_TF_DOCS -->", "<!-- END_TF_DOCS -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def manifest_reference() -> str:
    lines = [
        "# Manifest reference",
        "",
        "Generated from `generator/manifest.py` by `make docs`; do not edit.",
        "",
        "An environment is `manifest/defaults.yaml` deep-merged with `manifest/<env>.yaml`.",
        "Unknown keys, wrong types and out-of-range values are errors that name the file, line",
        "and key.",
        "Defaults below apply when neither file sets a key.",
        "",
        "| Key | Type | Default | Allowed | Description |",
        "|---|---|---|---|---|",
    ]
    for path, type_name, default, constraints, description in reference_rows():
        lines.append(
            f"| `{path}` | {_cell(type_name)} | {_cell(default)} | {_cell(constraints)} | "
            f"{_cell(description)} |"
        )
    return "\n".join(lines) + "\n"


def _plain(value: Any) -> Any:
    """python-hcl2 keeps literal quotes and ${} around expressions; undo both."""
    if isinstance(value, str):
        if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                return value[1:-1]
        if value.startswith("${") and value.endswith("}"):
            return value[2:-1]
        return value
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items() if k != "__is_block__"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _blocks(module: Path, kind: str) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(module.glob("*.tf")):
        with path.open() as handle:
            try:
                data = hcl2.load(handle)
            except Exception as exc:
                raise ClickstackError(f"{path}: cannot parse HCL for docs: {exc}") from None
        for block in data.get(kind, []):
            for name, body in block.items():
                found.append((str(_plain(name)), _plain(body)))
    return found


def _code(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return f"`{_cell(text)}`"


def module_tables(module: Path) -> str:
    lines = [
        "## Inputs",
        "",
        "| Name | Description | Type | Default | Required |",
        "|---|---|---|---|:-:|",
    ]
    for name, body in _blocks(module, "variable"):
        required = "default" not in body
        default = (
            "" if required else _code(body["default"] if body["default"] is not None else "null")
        )
        description = _cell(str(body.get("description", "")))
        type_name = _code(body.get("type", "any"))
        needed = "yes" if required else "no"
        lines.append(f"| `{name}` | {description} | {type_name} | {default} | {needed} |")
    lines += ["", "## Outputs", "", "| Name | Description |", "|---|---|"]
    for name, body in _blocks(module, "output"):
        lines.append(f"| `{name}` | {_cell(str(body.get('description', '')))} |")
    return "\n".join(lines)


def _with_tables(readme: Path, tables: str) -> str:
    text = readme.read_text()
    if BEGIN not in text or END not in text:
        raise ClickstackError(f"{readme}: expected the markers {BEGIN} and {END}, found none")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{tables}\n{END}{tail}"


def expected_docs() -> dict[Path, str]:
    docs = {MANIFEST_DOC: manifest_reference()}
    for module in sorted(p for p in MODULES_DIR.iterdir() if (p / "main.tf").exists()):
        readme = module / "README.md"
        if not readme.exists():
            raise ClickstackError(f"{readme}: every module needs a README, found none")
        docs[readme] = _with_tables(readme, module_tables(module))
    return docs


def write_all(*, check: bool) -> list[str]:
    """Write (or with check=True only list) the generated docs that are stale."""
    stale = []
    for path, text in expected_docs().items():
        if not path.exists() or path.read_text() != text:
            stale.append(str(path.relative_to(REPO_ROOT)))
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
    return stale
