"""Python values -> HCL literals for the Jinja2 templates."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class Ref:
    """A Terraform expression emitted as is (``module.stream.stream_arn``)."""

    expression: str


@dataclass(frozen=True)
class JsonEncode:
    """A value emitted as ``jsonencode({...})`` so a JSON document stays readable in HCL."""

    value: Any


def _string(value: str) -> str:
    # JSON escapes are valid HCL escapes; HCL additionally interpolates ${ and %{.
    return json.dumps(value).replace("${", "$${").replace("%{", "%%{")


def hcl(value: Any, indent: int = 0) -> str:
    pad = "  " * indent
    if isinstance(value, Ref):
        return value.expression
    if isinstance(value, JsonEncode):
        return f"jsonencode({hcl(value.value, indent)})"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        if all(not isinstance(v, dict | list | tuple) for v in value):
            return "[" + ", ".join(hcl(v) for v in value) + "]"
        items = ",\n".join(f"{pad}  {hcl(v, indent + 1)}" for v in value)
        return f"[\n{items},\n{pad}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        lines = []
        for key, item in value.items():
            name = key if _IDENTIFIER.match(key) else _string(key)
            lines.append(f"{pad}  {name} = {hcl(item, indent + 1)}")
        return "{\n" + "\n".join(lines) + f"\n{pad}}}"
    raise TypeError(f"cannot render {type(value).__name__} as HCL")
