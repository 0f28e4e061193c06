"""Runtime properties of the job, in the Managed Service for Apache Flink layout.

Managed Flink hands the application its runtime properties as a JSON list of property groups in
``/etc/flink/application_properties.json``::

    [{"PropertyGroupId": "InputStream", "PropertyMap": {"stream.arn": "...", "aws.region": "..."}},
     ...]

Groups this job reads:

- ``InputStream`` (required): the Kinesis stream of collector envelopes.
- ``MetricsOutputStream``, ``ErrorsOutputStream``, ``LateEventsOutputStream`` (required): where
  the per-minute metrics, the malformed envelopes and the late events go.
- ``MetricsSettings`` (optional): ``watermark.delay.ms`` (default 5000), ``max.clock.skew.ms``
  (default 600000), ``top.pages.limit`` (default 10), ``source.idle.timeout.ms`` (default 0 =
  off).

A stream group's ``connector`` defaults to ``kinesis``, which needs ``stream.arn`` and
``aws.region``; ``filesystem`` (local runs and tests) needs ``path``. Every other key of a stream
group is passed to the connector unchanged (``source.init.position``, batching settings, ...),
so operators can tune the connector without a code change. ``format`` is set by the job.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_PROPERTIES_PATH = Path("/etc/flink/application_properties.json")

INPUT_GROUP = "InputStream"
METRICS_GROUP = "MetricsOutputStream"
ERRORS_GROUP = "ErrorsOutputStream"
LATE_GROUP = "LateEventsOutputStream"
SETTINGS_GROUP = "MetricsSettings"

REQUIRED_OPTIONS = {
    "kinesis": ("stream.arn", "aws.region"),
    "filesystem": ("path",),
}


class ConfigError(ValueError):
    """The runtime properties are missing, unreadable or hold a value the job cannot use."""


@dataclass(frozen=True)
class StreamSpec:
    """One source or sink: a connector name and its options (without ``format``)."""

    connector: str
    options: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MetricsSettings:
    """Event-time knobs. See flink/README.md for how lateness is handled."""

    watermark_delay_ms: int = 5_000
    max_clock_skew_ms: int = 600_000
    top_pages_limit: int = 10
    source_idle_timeout_ms: int = 0


@dataclass(frozen=True)
class JobConfig:
    source: StreamSpec
    metrics_sink: StreamSpec
    errors_sink: StreamSpec
    late_sink: StreamSpec
    settings: MetricsSettings


def load_property_groups(path: Path) -> dict[str, dict[str, str]]:
    """Read a Managed Flink properties file into ``{group id: {key: value}}``."""
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: runtime properties file not found") from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(document, list):
        raise ConfigError(
            f"{path}: expected a JSON list of property groups, found {_kind(document)}"
        )
    groups: dict[str, dict[str, str]] = {}
    for index, group in enumerate(document):
        if not isinstance(group, dict) or not isinstance(group.get("PropertyGroupId"), str):
            raise ConfigError(f"{path}: group {index} has no string 'PropertyGroupId'")
        properties = group.get("PropertyMap", {})
        if not isinstance(properties, dict):
            raise ConfigError(
                f"{path}: group {group['PropertyGroupId']!r}: 'PropertyMap' must be an object, "
                f"found {_kind(properties)}"
            )
        groups[group["PropertyGroupId"]] = {str(k): str(v) for k, v in properties.items()}
    return groups


def parse_config(groups: Mapping[str, Mapping[str, str]], origin: str = "properties") -> JobConfig:
    """Validate the property groups and turn them into a :class:`JobConfig`."""
    return JobConfig(
        source=_stream_spec(groups, INPUT_GROUP, origin),
        metrics_sink=_stream_spec(groups, METRICS_GROUP, origin),
        errors_sink=_stream_spec(groups, ERRORS_GROUP, origin),
        late_sink=_stream_spec(groups, LATE_GROUP, origin),
        settings=_settings(groups.get(SETTINGS_GROUP, {}), origin),
    )


def load_config(path: Path = DEFAULT_PROPERTIES_PATH) -> JobConfig:
    return parse_config(load_property_groups(path), origin=str(path))


def _stream_spec(groups: Mapping[str, Mapping[str, str]], name: str, origin: str) -> StreamSpec:
    if name not in groups:
        raise ConfigError(f"{origin}: property group {name!r} is missing")
    options = dict(groups[name])
    connector = options.pop("connector", "kinesis")
    if connector not in REQUIRED_OPTIONS:
        raise ConfigError(
            f"{origin}: group {name!r}: connector must be one of "
            f"{sorted(REQUIRED_OPTIONS)}, found {connector!r}"
        )
    missing = [key for key in REQUIRED_OPTIONS[connector] if not options.get(key)]
    if missing:
        raise ConfigError(f"{origin}: group {name!r}: {connector} needs {', '.join(missing)}")
    if "format" in options:
        raise ConfigError(f"{origin}: group {name!r}: 'format' is set by the job, remove it")
    return StreamSpec(connector=connector, options=options)


def _settings(values: Mapping[str, str], origin: str) -> MetricsSettings:
    defaults = MetricsSettings()

    def number(key: str, default: int, minimum: int) -> int:
        raw = values.get(key)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise ConfigError(
                f"{origin}: group {SETTINGS_GROUP!r}: {key} must be an integer >= {minimum}, "
                f"found {raw!r}"
            )
        return value

    known = {"watermark.delay.ms", "max.clock.skew.ms", "top.pages.limit", "source.idle.timeout.ms"}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(
            f"{origin}: group {SETTINGS_GROUP!r}: unknown keys {unknown}; known: {sorted(known)}"
        )
    return MetricsSettings(
        watermark_delay_ms=number("watermark.delay.ms", defaults.watermark_delay_ms, 0),
        max_clock_skew_ms=number("max.clock.skew.ms", defaults.max_clock_skew_ms, 1),
        top_pages_limit=number("top.pages.limit", defaults.top_pages_limit, 1),
        source_idle_timeout_ms=number("source.idle.timeout.ms", defaults.source_idle_timeout_ms, 0),
    )


def _kind(value: object) -> str:
    return type(value).__name__
