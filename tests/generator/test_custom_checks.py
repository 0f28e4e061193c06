"""Our own checkov checks (policy/checkov/) catch what they claim to, on code and on plans."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from generator.checkov_gate import CUSTOM_CHECKS_DIR, checkov_binary, checkov_env
from generator.render import env_root

BAD = """
resource "aws_kinesis_firehose_delivery_stream" "lossy" {
  name        = "lossy"
  destination = "extended_s3"
  extended_s3_configuration {
    role_arn   = "arn:aws:iam::111111111111:role/r"
    bucket_arn = "arn:aws:s3:::b"
  }
}

resource "aws_glue_catalog_table" "skipping" {
  name          = "t"
  database_name = "d"
  storage_descriptor {
    ser_de_info {
      serialization_library = "org.openx.data.jsonserde.JsonSerDe"
      parameters = {
        "ignore.malformed.json" = "true"
      }
    }
  }
}
"""


def _scan(directory: Path) -> dict[str, dict[str, str]]:
    """check id -> resource -> PASSED/FAILED for our own checks only."""
    result = subprocess.run(
        [
            str(checkov_binary()), "-d", str(directory), "--framework", "terraform",
            "--skip-download", "--external-checks-dir", str(CUSTOM_CHECKS_DIR),
            "--check", "CKV_CLICKSTACK_1,CKV_CLICKSTACK_2", "-o", "json",
        ],
        env=checkov_env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    report = json.loads(result.stdout)
    found: dict[str, dict[str, str]] = {}
    for part in report if isinstance(report, list) else [report]:
        for outcome, key in (("PASSED", "passed_checks"), ("FAILED", "failed_checks")):
            for item in part.get("results", {}).get(key, []):
                found.setdefault(item["check_id"], {})[item["resource"]] = outcome
    return found


def test_custom_checks_fail_lossy_configurations(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(BAD)
    found = _scan(tmp_path)
    assert found["CKV_CLICKSTACK_1"] == {"aws_kinesis_firehose_delivery_stream.lossy": "FAILED"}
    assert found["CKV_CLICKSTACK_2"] == {"aws_glue_catalog_table.skipping": "FAILED"}


def test_custom_checks_pass_the_platform() -> None:
    found = _scan(env_root("prod"))
    assert found["CKV_CLICKSTACK_1"] == {
        "module.firehose.aws_kinesis_firehose_delivery_stream.this": "PASSED"
    }
    tables = (
        "raw_events",
        *[f'curated["{n}"]' for n in ("curated_events", "processing_errors", "sessions")],
    )
    assert found["CKV_CLICKSTACK_2"] == {
        f"module.catalog.aws_glue_catalog_table.{table}": "PASSED" for table in tables
    }
