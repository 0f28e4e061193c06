"""A fast validator compiled from the contract's JSON Schema.

jsonschema is far too slow for the Firehose hot path, so the subset of JSON Schema the contract
uses is interpreted once, at import, into small closures: type, required, minLength/maxLength,
pattern, enum, const, minimum/maximum, maxProperties, properties and additionalProperties
(false or a schema). Anything else in the schema is refused when compiling, so the contract
cannot grow a keyword this validator would silently ignore. tests/lambda checks it agrees with
the jsonschema library.

A compiled check returns None when the value is valid, or the first error as (relative path,
message); `Validator.error` renders it as "<path>: expected <what>, found <what>", e.g.
"event.timestamp: expected integer, found string '12'". Paths are only built on errors, so the
valid case allocates nothing.

For the hot path the same checks are also generated as one Python function: compile_fast (a
predicate) and compile_extractor (returns the checked top-level values, so that a caller reads
each field once); the closures then only run to explain a failure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Error = tuple[str, str]  # (path relative to the checked value, message)
Check = Callable[[Any], "Error | None"]

SUPPORTED_KEYWORDS = frozenset(
    {
        "type",
        "required",
        "minLength",
        "maxLength",
        "pattern",
        "enum",
        "const",
        "minimum",
        "maximum",
        "maxProperties",
        "properties",
        "additionalProperties",
        # annotations: no effect on validity
        "$schema",
        "$id",
        "$defs",
        "title",
        "description",
    }
)


class UnsupportedSchemaError(ValueError):
    """The schema uses a keyword (or a form of one) this validator does not implement."""


def describe(value: Any) -> str:
    """A short, type-first rendering of a found value for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {'true' if value else 'false'}"
    if isinstance(value, int):
        return f"integer {value}"
    if isinstance(value, float):
        return f"number {value!r}"
    if isinstance(value, str):
        if len(value) <= 40:
            return f"string {value!r}"
        return f"string of {len(value)} characters {value[:24]!r}..."
    if isinstance(value, dict):
        return f"object with {len(value)} keys"
    if isinstance(value, list):
        return f"array of {len(value)} items"
    return type(value).__name__


def _is_integer(value: Any) -> bool:
    # JSON Schema: 1.0 is an integer; booleans are never numbers.
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


TYPE_TESTS: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": _is_integer,
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


def _json_equal(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0 but true != 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if _is_number(a) and _is_number(b):
        return bool(a == b)
    return type(a) is type(b) and bool(a == b)


def compile_schema(schema: Mapping[str, Any] | bool) -> Check:
    """Compile a (sub)schema into a check(value) -> (path, message) | None."""
    if schema is True:
        return lambda value: None
    if schema is False:
        return lambda value: ("", f"unexpected value, found {describe(value)}")
    unknown = set(schema) - SUPPORTED_KEYWORDS
    if unknown:
        raise UnsupportedSchemaError(f"unsupported JSON Schema keywords: {sorted(unknown)}")
    checks: list[Check] = []
    type_spec = schema.get("type")
    if type_spec is not None:
        checks.append(_type_check(type_spec))
    if "enum" in schema or "const" in schema:
        options = list(schema["enum"]) if "enum" in schema else [schema["const"]]
        checks.append(_enum_check(options))
    if {"minLength", "maxLength", "pattern"} & set(schema):
        checks.append(_string_check(schema))
    if "minimum" in schema or "maximum" in schema:
        checks.append(_range_check(schema.get("minimum"), schema.get("maximum")))
    if {"properties", "required", "additionalProperties", "maxProperties"} & set(schema):
        checks.append(_object_check(schema))
    if len(checks) == 1:
        return checks[0]

    def check_all(value: Any) -> Error | None:
        for check in checks:
            error = check(value)
            if error is not None:
                return error
        return None

    return check_all


def _type_check(type_spec: str | list[str]) -> Check:
    names = [type_spec] if isinstance(type_spec, str) else list(type_spec)
    for name in names:
        if name not in TYPE_TESTS:
            raise UnsupportedSchemaError(f"unknown type {name!r}")
    expected = " or ".join(names)
    if names == ["string"]:

        def check_string(value: Any) -> Error | None:
            if value.__class__ is str or isinstance(value, str):
                return None
            return ("", f"expected string, found {describe(value)}")

        return check_string
    tests = [TYPE_TESTS[n] for n in names]

    def check_type(value: Any) -> Error | None:
        for test in tests:
            if test(value):
                return None
        return ("", f"expected {expected}, found {describe(value)}")

    return check_type


def _enum_check(options: list[Any]) -> Check:
    expected = "one of " + ", ".join(repr(o) for o in options)

    def check_enum(value: Any) -> Error | None:
        for option in options:
            if _json_equal(value, option):
                return None
        return ("", f"expected {expected}, found {describe(value)}")

    return check_enum


def _string_check(schema: Mapping[str, Any]) -> Check:
    min_length = int(schema.get("minLength", 0))
    max_length = schema.get("maxLength")
    pattern = schema.get("pattern")
    regex = re.compile(pattern) if pattern is not None else None

    def check_string(value: Any) -> Error | None:
        if not isinstance(value, str):
            return None  # length and pattern constrain strings only
        length = len(value)
        if length < min_length:
            return ("", f"expected at least {min_length} characters, found {describe(value)}")
        if max_length is not None and length > max_length:
            return ("", f"expected at most {max_length} characters, found {length}")
        if regex is not None and regex.search(value) is None:
            return ("", f"expected a string matching {pattern}, found {describe(value)}")
        return None

    return check_string


def _range_check(minimum: Any, maximum: Any) -> Check:
    def check_range(value: Any) -> Error | None:
        if not _is_number(value):
            return None
        if minimum is not None and value < minimum:
            return ("", f"expected a number >= {minimum}, found {describe(value)}")
        if maximum is not None and value > maximum:
            return ("", f"expected a number <= {maximum}, found {describe(value)}")
        return None

    return check_range


def _object_check(schema: Mapping[str, Any]) -> Check:
    properties = {name: compile_schema(sub) for name, sub in schema.get("properties", {}).items()}
    required = tuple(schema.get("required", ()))
    max_properties = schema.get("maxProperties")
    additional_spec = schema.get("additionalProperties", True)
    additional: Check | None = None if additional_spec is False else compile_schema(additional_spec)
    allowed = ", ".join(sorted(properties))

    def check_object(value: Any) -> Error | None:
        if not isinstance(value, dict):
            return None  # object keywords constrain objects only
        if max_properties is not None and len(value) > max_properties:
            return ("", f"expected at most {max_properties} entries, found {len(value)}")
        for name in required:
            if name not in value:
                return (f".{name}", "required field missing")
        for key, item in value.items():
            check = properties.get(key)
            if check is None:
                if additional is None:
                    return (f".{key}", f"unknown field (expected one of {allowed})")
                check = additional
            error = check(item)
            if error is not None:
                return (f".{key}{error[0]}", error[1])
        return None

    return check_object


class Validator:
    """A compiled schema with a root name for error paths ("event")."""

    __slots__ = ("_check", "_fast", "root")

    def __init__(self, schema: Mapping[str, Any], root: str = "event") -> None:
        self._check = compile_schema(schema)
        self._fast = compile_fast(schema)
        self.root = root

    def error(self, value: Any) -> str | None:
        """None when valid, else the first error as "<root><path>: <message>"."""
        if self._fast(value):
            return None
        found = self._check(value)
        if found is None:
            return None
        return f"{self.root}{found[0]}: {found[1]}"

    def is_valid(self, value: Any) -> bool:
        return self._fast(value)

    def explain(self, value: Any) -> str | None:
        """The precise validator alone (tests compare it with the generated one)."""
        found = self._check(value)
        return None if found is None else f"{self.root}{found[0]}: {found[1]}"


class _FastCompiler:
    """Generates one Python function with every check of a schema inlined.

    The closures above give precise messages but cost a call per keyword; the generated code is
    several times faster, and the closures only run to explain a failure. An invalid value runs
    `fail` (a return statement); the caller appends what a valid value returns. Checks that the
    type test already implies (isinstance guards, the number test of minimum/maximum) are left
    out, and the variable holding each top-level property is recorded so that an extractor can
    return the values it has just checked.
    """

    def __init__(self, fail: str) -> None:
        self.fail = fail
        self.names: dict[str, Any] = {"_num": _is_number, "_ABSENT": object()}
        self.lines: list[str] = []
        self.counter = 0
        self.name = ""
        self.top_level: dict[str, str] = {}  # top-level property -> variable holding it

    def _const(self, value: Any) -> str:
        self.counter += 1
        name = f"_k{self.counter}"
        self.names[name] = value
        return name

    def _var(self) -> str:
        self.counter += 1
        return f"v{self.counter}"

    def emit(self, schema: Mapping[str, Any] | bool, var: str, indent: int) -> None:
        pad = " " * indent
        out = self.lines.append
        fail = f"{pad}    {self.fail}"
        if schema is True:
            return
        if schema is False:
            out(f"{pad}{self.fail}")
            return
        type_spec = schema.get("type")
        names: list[str] = []
        if type_spec is not None:
            names = [type_spec] if isinstance(type_spec, str) else list(type_spec)
            tests = {
                "string": f"{var}.__class__ is str or isinstance({var}, str)",
                "integer": f"{var}.__class__ is int"
                f" or (isinstance({var}, int) and {var}.__class__ is not bool)"
                f" or (isinstance({var}, float) and {var}.is_integer())",
                "number": f"(isinstance({var}, (int, float)) and {var}.__class__ is not bool)",
                "boolean": f"{var}.__class__ is bool",
                "object": f"isinstance({var}, dict)",
                "array": f"isinstance({var}, list)",
                "null": f"{var} is None",
            }
            out(f"{pad}if not ({' or '.join('(' + tests[n] + ')' for n in names)}):")
            out(fail)
        if "enum" in schema or "const" in schema:
            options = list(schema["enum"]) if "enum" in schema else [schema["const"]]
            # JSON equality (true != 1) is subtle: the closure decides; a plain str found in
            # an all-string enum is settled by a set lookup first
            check = self._const(
                compile_schema({k: schema[k] for k in ("enum", "const") if k in schema})
            )
            single = ("enum" in schema) != ("const" in schema)
            if single and options and all(option.__class__ is str for option in options):
                choices = self._const(frozenset(options))
                out(
                    f"{pad}if not ({var}.__class__ is str and {var} in {choices})"
                    f" and {check}({var}) is not None:"
                )
            else:
                out(f"{pad}if {check}({var}) is not None:")
            out(fail)
        if {"minLength", "maxLength", "pattern"} & set(schema):
            inner = pad
            if names != ["string"]:
                out(f"{pad}if isinstance({var}, str):")
                inner = pad + "    "
            low, high = int(schema.get("minLength", 0)), schema.get("maxLength")
            if low and high is not None:
                out(f"{inner}if not {low} <= len({var}) <= {int(high)}:")
            elif low:
                out(f"{inner}if len({var}) < {low}:")
            elif high is not None:
                out(f"{inner}if len({var}) > {int(high)}:")
            if low or high is not None:
                out(f"{inner}    {self.fail}")
            if "pattern" in schema:
                regex = self._const(re.compile(schema["pattern"]))
                out(f"{inner}if {regex}.search({var}) is None:")
                out(f"{inner}    {self.fail}")
        if "minimum" in schema or "maximum" in schema:
            bounds = []
            if "minimum" in schema:
                bounds.append(f"{var} < {self._const(schema['minimum'])}")
            if "maximum" in schema:
                bounds.append(f"{var} > {self._const(schema['maximum'])}")
            if names and set(names) <= {"integer", "number"}:
                out(f"{pad}if {' or '.join(bounds)}:")  # the type test proved it a number
            else:
                out(f"{pad}if _num({var}) and ({' or '.join(bounds)}):")
            out(fail)
        if {"properties", "required", "additionalProperties", "maxProperties"} & set(schema):
            self._emit_object(schema, var, indent, known_object=names == ["object"])

    def _emit_object(
        self, schema: Mapping[str, Any], var: str, indent: int, *, known_object: bool
    ) -> None:
        out = self.lines.append
        inner_indent = indent
        if not known_object:
            out(f"{' ' * indent}if isinstance({var}, dict):")
            inner_indent += 4
        inner = " " * inner_indent
        fail = f"{inner}    {self.fail}"
        if "maxProperties" in schema:
            out(f"{inner}if len({var}) > {int(schema['maxProperties'])}:")
            out(fail)
        properties: Mapping[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", ()))
        # .get reads an absent property and a null one alike as None, so a required property
        # whose subschema refuses null is checked by "is None" alone; the others are read with
        # a sentinel for absent (and then hold None)
        by_none = {
            name
            for name in required & set(properties)
            if compile_schema(properties[name])(None) is not None
        }
        if required - by_none:
            out(f"{inner}if not {var}.keys() >= {self._const(frozenset(required - by_none))}:")
            out(fail)
        additional = schema.get("additionalProperties", True)
        if additional is False:
            allowed = self._const(frozenset(properties))
            out(f"{inner}if not {allowed}.issuperset({var}):")
            out(fail)
        elif additional is not True:
            item = self._var()
            if properties:
                key = self._var()
                known = self._const(frozenset(properties))
                out(f"{inner}for {key}, {item} in {var}.items():")
                out(f"{inner}    if {key} in {known}:")
                out(f"{inner}        continue")
            else:
                out(f"{inner}for {item} in {var}.values():")
            self.emit(additional, item, inner_indent + 4)
        for name, sub in properties.items():
            item = self._var()
            if var == "v0":
                self.top_level[name] = item
            if name in by_none:
                out(f"{inner}{item} = {var}.get({name!r})")
                out(f"{inner}if {item} is None:")
                out(fail)
                self.emit(sub, item, inner_indent)
                continue
            out(f"{inner}{item} = {var}.get({name!r}, _ABSENT)")
            out(f"{inner}if {item} is _ABSENT:")
            out(f"{inner}    {item} = None")
            out(f"{inner}else:")
            start = len(self.lines)
            self.emit(sub, item, inner_indent + 4)
            if len(self.lines) == start:
                self.lines.pop()

    def function(self, name: str, schema: Mapping[str, Any] | bool) -> None:
        """Start the source of `name`: its signature and the checks of `schema`."""
        self.name = name
        self.lines.append(f"def {name}(v0):")
        self.emit(schema, "v0", 4)

    def finish(self, valid: str) -> Any:
        """End with `valid` (what a valid value returns) and compile the function."""
        self.lines.append(f"    {valid}")
        namespace = dict(self.names)
        exec("\n".join(self.lines), namespace)  # source built from our own schema only
        return namespace[self.name]


def compile_fast(schema: Mapping[str, Any] | bool) -> Callable[[Any], bool]:
    """A generated predicate: True when `value` is valid against `schema`."""
    compile_schema(schema)  # refuses unsupported keywords, like the precise validator
    compiler = _FastCompiler("return False")
    compiler.function("is_valid", schema)
    predicate: Callable[[Any], bool] = compiler.finish("return True")
    return predicate


def compile_extractor(
    schema: Mapping[str, Any], fields: Sequence[str]
) -> Callable[[Any], tuple[Any, ...] | None]:
    """A generated function: None when `value` is invalid against `schema`, else the values
    of `fields` (top-level properties, in the order given; None when absent) as a tuple.

    Validating and reading the fields in one pass spares the caller a second round of lookups.
    The schema must be of type "object" so that a valid value always has the fields to read.
    """
    compile_schema(schema)
    if schema.get("type") != "object":
        raise UnsupportedSchemaError('an extractor needs a schema of type "object"')
    unknown = [name for name in fields if name not in schema.get("properties", {})]
    if unknown:
        raise UnsupportedSchemaError(f"fields not among the schema's properties: {unknown}")
    compiler = _FastCompiler("return None")
    compiler.function("extract", schema)
    values = "".join(f"{compiler.top_level[name]}, " for name in fields)
    extractor: Callable[[Any], tuple[Any, ...] | None] = compiler.finish(
        f"return ({values.rstrip()})"
    )
    return extractor
