"""clickstack's own checkov checks: data is never silently dropped on its way to the lake.

Loaded by the gates with ``--external-checks-dir policy/checkov`` (code and plan scans).
"""

from __future__ import annotations

from typing import Any

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck


def _first(value: Any) -> Any:
    """checkov wraps every HCL value in a list; plans sometimes do not."""
    while isinstance(value, list) and value:
        value = value[0]
    return value


class FirehoseKeepsFailedRecords(BaseResourceCheck):
    def __init__(self) -> None:
        super().__init__(
            name="Ensure Firehose S3 delivery writes failed records under an error output prefix",
            id="CKV_CLICKSTACK_1",
            categories=[CheckCategories.BACKUP_AND_RECOVERY],
            supported_resources=["aws_kinesis_firehose_delivery_stream"],
        )

    def scan_resource_conf(self, conf: dict[str, Any]) -> CheckResult:
        s3 = _first(conf.get("extended_s3_configuration"))
        if not isinstance(s3, dict):
            return CheckResult.UNKNOWN  # not an S3 destination
        prefix = _first(s3.get("error_output_prefix"))
        return CheckResult.PASSED if isinstance(prefix, str) and prefix else CheckResult.FAILED


class GlueJsonTableFailsOnMalformedLines(BaseResourceCheck):
    def __init__(self) -> None:
        super().__init__(
            name="Ensure Glue JSON tables do not skip malformed lines (ignore.malformed.json)",
            id="CKV_CLICKSTACK_2",
            categories=[CheckCategories.GENERAL_SECURITY],
            supported_resources=["aws_glue_catalog_table"],
        )

    def scan_resource_conf(self, conf: dict[str, Any]) -> CheckResult:
        storage = _first(conf.get("storage_descriptor"))
        serde = _first(storage.get("ser_de_info")) if isinstance(storage, dict) else None
        parameters = _first(serde.get("parameters")) if isinstance(serde, dict) else None
        if not isinstance(parameters, dict):
            return CheckResult.PASSED
        skipped = str(_first(parameters.get("ignore.malformed.json", "false"))).lower()
        return CheckResult.FAILED if skipped == "true" else CheckResult.PASSED


firehose_check = FirehoseKeepsFailedRecords()
glue_check = GlueJsonTableFailsOnMalformedLines()
