"""Waivers: each needs a reason, matches one module's address, and can be scoped to a scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checkov_gate import Finding, WaiverError, find_waiver, load_waivers


def _write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text)
    return tmp_path


def test_committed_waivers_load_and_each_has_a_reason() -> None:
    waivers = load_waivers()
    assert waivers, "expected reviewed waivers in policy/waivers/"
    for waiver in waivers:
        assert len(waiver.reason) > 20, f"{waiver.source}: reason too short to review"


def test_a_waiver_without_reason_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "data_lake.yaml", "- check: CKV_AWS_144\n  resource: aws_s3_bucket.this\n")
    with pytest.raises(
        WaiverError, match=r"data_lake.yaml\[0\].reason: expected a non-empty string"
    ):
        load_waivers(tmp_path)


def test_an_unknown_waiver_key_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "x.yaml", "- check: A\n  resource: r\n  reason: because\n  expires: never\n")
    with pytest.raises(WaiverError, match=r"unknown key\(s\) \['expires'\]"):
        load_waivers(tmp_path)


def test_waivers_match_module_address_and_scan(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "data_lake.yaml",
        '- check: CKV_AWS_145\n  resource: aws_s3_bucket.this["access_logs"]\n  reason: r\n'
        "- check: CKV_AWS_158\n  resource: aws_cloudwatch_log_group.*\n  reason: r\n  scan: plan\n",
    )
    waivers = load_waivers(tmp_path)

    def finding(check: str, resource: str) -> Finding:
        return Finding(check, "", resource, "")

    logs = finding("CKV_AWS_145", 'module.data_lake.aws_s3_bucket.this["access_logs"]')
    raw = finding("CKV_AWS_145", 'module.data_lake.aws_s3_bucket.this["raw"]')
    other_module = finding("CKV_AWS_145", 'module.other.aws_s3_bucket.this["access_logs"]')
    assert find_waiver(logs, waivers, "code") is not None
    assert find_waiver(raw, waivers, "code") is None
    assert find_waiver(other_module, waivers, "code") is None
    log_group = finding("CKV_AWS_158", "module.data_lake.aws_cloudwatch_log_group.this")
    assert find_waiver(log_group, waivers, "plan") is not None
    assert find_waiver(log_group, waivers, "code") is None


def test_every_call_of_a_module_shares_its_waivers(tmp_path: Path) -> None:
    """Two Lambdas are two calls of lambda_function: the module's waivers cover both, and a
    call of another module does not borrow them."""
    _write(
        tmp_path,
        "lambda_function.yaml",
        "- check: CKV_AWS_272\n  resource: aws_lambda_function.this\n  reason: r\n",
    )
    waivers = load_waivers(tmp_path)
    sources = {
        "profile_updater": "lambda_function",
        "firehose_transform": "lambda_function",
        "stream": "stream",
    }
    for call in ("profile_updater", "firehose_transform"):
        finding = Finding("CKV_AWS_272", "", f"module.{call}.aws_lambda_function.this", "")
        assert find_waiver(finding, waivers, "code", sources) is not None
    stranger = Finding("CKV_AWS_272", "", "module.stream.aws_lambda_function.this", "")
    assert find_waiver(stranger, waivers, "code", sources) is None
    unmapped = Finding("CKV_AWS_272", "", "module.profile_updater.aws_lambda_function.this", "")
    assert find_waiver(unmapped, waivers, "code") is None


def test_module_sources_name_each_call_and_its_module() -> None:
    from generator.manifest import load_manifest
    from generator.render import module_calls, module_sources

    m = load_manifest("prod").manifest
    sources = module_sources(m)
    assert set(sources) == set(module_calls(m))
    # Two Lambda functions share one module, and Flink's output streams reuse the stream module:
    # their findings must be matched against those modules' waivers.
    assert sources["profile_updater"] == sources["firehose_transform"] == "lambda_function"
    assert sources["flink_metrics_stream"] == sources["stream"] == "stream"
    assert sources["kms"] == "kms"
