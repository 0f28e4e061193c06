"""The API request model and the Glue raw columns are derived from the contract file."""

from __future__ import annotations

import json

from generator import event_contract
from generator.render import env_root


def test_request_model_is_the_contract_in_draft_04() -> None:
    contract = event_contract.contract()
    model = event_contract.request_model_schema()
    assert model["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert (model["type"], model["minItems"], model["maxItems"]) == ("array", 1, 500)
    items = model["items"]
    assert items["required"] == contract["required"]
    assert list(items["properties"]) == list(contract["properties"])
    assert items["additionalProperties"] is False
    assert items["properties"]["screen"]["pattern"] == contract["properties"]["screen"]["pattern"]
    assert "$defs" not in json.dumps(model) and "description" not in items["properties"]["user_id"]


def test_glue_columns_follow_the_contract() -> None:
    columns = {c["name"]: c["type"] for c in event_contract.raw_table_columns()}
    assert columns["received_at"] == "bigint"
    struct = columns["event"]
    for name in event_contract.contract()["properties"]:
        assert f"{name}:" in struct
    assert "timestamp:bigint" in struct and "properties:map<string,string>" in struct


def test_rendered_roots_carry_the_contract() -> None:
    main = (env_root("prod") / "main.tf").read_text()
    assert '"^[0-9]{1,5}x[0-9]{1,5}$"' in main  # the screen pattern reaches the API model
    assert "app_version:string" in main  # and the Glue struct


def test_athena_queries_read_only_fields_the_contract_defines() -> None:
    """The named queries are SQL templates; every event field they read must exist in the
    contract (and so in the Glue struct), or Athena fails at query time."""
    import re

    from generator.toolchain import REPO_ROOT

    fields = set(event_contract.contract()["properties"])
    templates = sorted((REPO_ROOT / "terraform" / "modules" / "athena" / "templates").glob("*.sql"))
    assert templates
    for template in templates:
        used = set(re.findall(r"\bevent\.([a-z_]+)", template.read_text()))
        assert used, f"{template.name} reads no event field"
        assert used <= fields, f"{template.name}: {sorted(used - fields)} not in the contract"
