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


@dataclass(frozen=True)
class Heredoc:
    """A multi-line string emitted as an indented heredoc, so SQL and the like read as written."""

    text: str
    marker: str = "EOT"


def _escape(value: str) -> str:
    return value.replace("${", "$${").replace("%{", "%%{")


def _heredoc(value: Heredoc, indent: int) -> str:
    lines = value.text.rstrip("\n").split("\n")
    if any(line.strip() == value.marker for line in lines):
        raise ValueError(f"heredoc text contains its end marker {value.marker!r} on a line")
    pad = "  " * (indent + 1)
    body = "\n".join(f"{pad}{_escape(line)}" if line.strip() else "" for line in lines)
    # <<- strips the common indentation, so the value is the text as given plus one newline.
    return f"<<-{value.marker}\n{body}\n{'  ' * indent}{value.marker}"


def _string(value: str) -> str:
    # JSON escapes are valid HCL escapes; HCL additionally interpolates ${ and %{.
    return _escape(json.dumps(value))


def hcl(value: Any, indent: int = 0) -> str:
    pad = "  " * indent
    if isinstance(value, Ref):
        return value.expression
    if isinstance(value, Heredoc):
        return _heredoc(value, indent)
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
