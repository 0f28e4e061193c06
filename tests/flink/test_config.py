"""Runtime properties and the DDL built from them (no job runs here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from realtime_metrics.config import (
    ConfigError,
    MetricsSettings,
    StreamSpec,
    load_config,
    parse_config,
)
from realtime_metrics.ddl import METRICS_COLUMNS, sink_ddl, source_ddl

KINESIS = {
    "stream.arn": "arn:aws:kinesis:eu-west-1:123456789012:stream/x",
    "aws.region": "eu-west-1",
}


def groups(**overrides: dict[str, str] | None) -> dict[str, dict[str, str]]:
    result = {
        "InputStream": {**KINESIS, "source.init.position": "LATEST"},
        "MetricsOutputStream": dict(KINESIS),
        "ErrorsOutputStream": dict(KINESIS),
        "LateEventsOutputStream": dict(KINESIS),
    }
    for name, value in overrides.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = value
    return result


def test_managed_flink_properties_file(tmp_path: Path) -> None:
    path = tmp_path / "application_properties.json"
    document = [
        {
            "PropertyGroupId": "kinesis.analytics.flink.run.options",
            "PropertyMap": {"python": "main.py"},
        },
        *({"PropertyGroupId": k, "PropertyMap": v} for k, v in groups().items()),
        {"PropertyGroupId": "MetricsSettings", "PropertyMap": {"watermark.delay.ms": "2500"}},
    ]
    path.write_text(json.dumps(document))

    config = load_config(path)

    assert config.source == StreamSpec("kinesis", {**KINESIS, "source.init.position": "LATEST"})
    assert config.settings == MetricsSettings(watermark_delay_ms=2_500)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"InputStream": None}, "property group 'InputStream' is missing"),
        ({"ErrorsOutputStream": {"aws.region": "eu-west-1"}}, "kinesis needs stream.arn"),
        ({"MetricsOutputStream": {"connector": "kafka"}}, "connector must be one of"),
        ({"LateEventsOutputStream": {**KINESIS, "format": "csv"}}, "'format' is set by the job"),
        (
            {"MetricsSettings": {"watermark.delay.ms": "5s"}},
            "watermark.delay.ms must be an integer",
        ),
        ({"MetricsSettings": {"top.pages": "3"}}, "unknown keys ['top.pages']"),
    ],
)
def test_configuration_errors_name_the_group_and_key(
    override: dict[str, dict[str, str] | None], message: str
) -> None:
    with pytest.raises(ConfigError, match="props: ") as error:
        parse_config(groups(**override), origin="props")
    assert message in str(error.value)


def test_unreadable_properties_file(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"PropertyGroupId": "InputStream"}')
    with pytest.raises(ConfigError, match="expected a JSON list of property groups"):
        load_config(path)
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.json")


def test_kinesis_source_ddl_reads_raw_records_with_a_watermark() -> None:
    spec = parse_config(groups()).source
    ddl = source_ddl("envelopes", spec, MetricsSettings(watermark_delay_ms=5_250))

    assert "'connector' = 'kinesis'" in ddl
    assert f"'stream.arn' = '{KINESIS['stream.arn']}'" in ddl
    assert "'source.init.position' = 'LATEST'" in ddl
    assert "'format' = 'raw'" in ddl
    assert "WATERMARK FOR `event_ts` AS `event_ts` - INTERVAL '5.250' SECOND" in ddl


def test_sink_ddl_passes_connector_options_and_quotes_values() -> None:
    spec = StreamSpec("kinesis", {**KINESIS, "sink.batch.max-size": "100", "odd": "it's"})
    ddl = sink_ddl("metrics_out", METRICS_COLUMNS, spec)

    assert "`metric_value` BIGINT" in ddl
    assert "'format' = 'json'" in ddl
    assert "'json.timestamp-format.standard' = 'ISO-8601'" in ddl
    assert "'sink.batch.max-size' = '100'" in ddl
    assert "'odd' = 'it''s'" in ddl
