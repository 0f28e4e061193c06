"""The contract file and the fast validator compiled from it (agrees with jsonschema)."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from clickstack_events import SCHEMA, validate_event
from clickstack_events.contract import EVENT_VALIDATOR
from clickstack_events.schema import CANDIDATE_PATHS, schema_path
from clickstack_events.validator import UnsupportedSchemaError, compile_schema
from firehose_samples import web_event
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REFERENCE = jsonschema.Draft202012Validator(SCHEMA)


def test_contract_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(SCHEMA["required"]) == {"event_id", "event_type", "timestamp", "user_id"}
    assert SCHEMA["additionalProperties"] is False
    for name in ("normalised_event", "rejected_event"):
        jsonschema.Draft202012Validator.check_schema(SCHEMA["$defs"][name])


def test_schema_found_in_repo_when_not_packaged() -> None:
    assert schema_path() in CANDIDATE_PATHS
    assert schema_path().parent.name in {"clickstack_events", "contracts"}


def test_new_device_and_geo_fields_accepted() -> None:
    event = web_event(
        platform="android",
        screen="1080x2400",
        locale="pt-BR",
        timezone="America/Sao_Paulo",
        country="BR",
        device_model="Pixel 8",
        app_version="3.2.1",
    )
    assert validate_event(event) is None
    assert REFERENCE.is_valid(event)


def _without(field: str) -> dict[str, Any]:
    event: dict[str, Any] = web_event()
    del event[field]
    return event


# (event, expected error) - the message names the path, what was expected and what was found.
CASES: list[tuple[Any, str | None]] = [
    (web_event(), None),
    (web_event(timestamp="12"), "event.timestamp: expected integer, found string '12'"),
    (web_event(timestamp=True), "event.timestamp: expected integer, found boolean true"),
    (web_event(timestamp=-1), "event.timestamp: expected a number >= 0, found integer -1"),
    (web_event(timestamp=1.5), "event.timestamp: expected integer, found number 1.5"),
    (_without("user_id"), "event.user_id: required field missing"),
    (_without("event_id"), "event.event_id: required field missing"),
    (web_event(user_id=""), "event.user_id: expected at least 1 characters, found string ''"),
    (web_event(event_id="x" * 65), "event.event_id: expected at most 64 characters, found 65"),
    (web_event(properties={"a": 1}), "event.properties.a: expected string, found integer 1"),
    (
        web_event(properties={str(i): "v" for i in range(51)}),
        "event.properties: expected at most 50 entries, found 51",
    ),
    (
        web_event(properties={"k": "v" * 1025}),
        "event.properties.k: expected at most 1024 characters, found 1025",
    ),
    ([web_event()], "event: expected object, found array of 1 items"),
    (None, "event: expected object, found null"),
]


@pytest.mark.parametrize(("event", "expected"), CASES)
def test_validator_messages_and_agreement(event: Any, expected: str | None) -> None:
    assert_agreement(event)
    assert validate_event(event) == expected


def test_unknown_field_named() -> None:
    error = validate_event(web_event(colour="red"))
    assert error is not None and error.startswith("event.colour: unknown field (expected one of")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("platform", "Web"),
        ("screen", "big"),
        ("country", "us"),
        ("locale", "e"),
        ("locale", "en US"),
    ],
)
def test_pattern_and_enum_errors(field: str, value: str) -> None:
    error = validate_event(web_event(**{field: value}))
    assert error is not None and error.startswith(f"event.{field}: expected ")
    assert repr(value) in error
    assert not REFERENCE.is_valid(web_event(**{field: value}))


def test_compiler_refuses_keywords_it_does_not_implement() -> None:
    with pytest.raises(UnsupportedSchemaError, match="oneOf"):
        compile_schema({"oneOf": [{"type": "string"}]})


# --- property-based agreement with jsonschema ---------------------------------------------

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=80),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _field_values(name: str, spec: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values near the field's limits, plus arbitrary JSON."""
    near: list[st.SearchStrategy[Any]] = [JSON_VALUES]
    if spec.get("type") == "string":
        low, high = spec.get("minLength", 0), spec.get("maxLength", 40)
        near.append(st.text(min_size=max(0, low - 1), max_size=min(high + 1, 2100)))
        near.append(st.text(min_size=max(0, high - 1), max_size=high + 1))
        if "enum" in spec:
            near.append(st.sampled_from(spec["enum"]))
        if "pattern" in spec:
            near.append(st.from_regex(spec["pattern"], fullmatch=True))
    if spec.get("type") == "integer":
        near.append(st.integers(min_value=-2, max_value=2**48 + 5))
        near.append(st.just(1.0))
        near.append(st.just(253402300799999 + 1))
    if spec.get("type") == "object":
        near.append(
            st.dictionaries(
                st.text(max_size=8), st.one_of(st.text(max_size=1030), JSON_SCALARS), max_size=52
            )
        )
    return st.one_of(*near)


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    event: dict[str, Any] = {}
    for name, spec in SCHEMA["properties"].items():
        required = name in SCHEMA["required"]
        if draw(st.floats(0, 1)) < (0.95 if required else 0.4):
            event[name] = draw(_field_values(name, spec))
    if draw(st.booleans()) and draw(st.booleans()):
        event[draw(st.text(min_size=1, max_size=10))] = draw(JSON_SCALARS)
    return event


@st.composite
def mostly_valid_events(draw: st.DrawFn) -> dict[str, Any]:
    """A valid event with one field perturbed: exercises each check on its own."""
    event: dict[str, Any] = copy.deepcopy(web_event())
    name, spec = draw(st.sampled_from(sorted(SCHEMA["properties"].items())))
    event[name] = draw(_field_values(name, spec))
    return event


def assert_agreement(event: Any) -> None:
    """The generated predicate, the precise closures and jsonschema all agree."""
    expected = REFERENCE.is_valid(event)
    explained = EVENT_VALIDATOR.explain(event)
    assert EVENT_VALIDATOR.is_valid(event) == expected, explained
    assert (explained is None) == expected, explained


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events())
def test_agrees_with_jsonschema_on_generated_events(event: dict[str, Any]) -> None:
    assert_agreement(event)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mostly_valid_events())
def test_agrees_with_jsonschema_on_perturbed_events(event: dict[str, Any]) -> None:
    assert_agreement(event)
