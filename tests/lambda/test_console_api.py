"""console_api: the operator console's backend, end to end through its Lambda handler.

Each test calls handler(event, context) with API Gateway HTTP API events (payload format 2.0,
JWT authorizer claims) against the project's local AWS (moto in server mode over TLS on
loopback, generator/local_aws.py), found through the environment only, as on Lambda. Every test
gets a table of its own, created as the Terraform module will create it: string keys pk and
sk, on-demand.
"""

from __future__ import annotations

import base64
import logging
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import orjson
import pytest
from clickstack_events import Rejected, decode_envelope, normalise, validate_event
from console_api import handler as handler_module
from console_api import ids
from console_api.config import ConfigError, load_config
from console_api.store import APPS_PER_TRANSACTION
from console_api.validation import APP_ID_SCHEMA, PLATFORMS, app_id_error, decode_token
from firehose_samples import RECEIVED_AT, sdk_event, web_event

from generator import local_aws

REGION = "eu-west-1"
CLAIMS = {"sub": "3f0c2a9e-1111-4222-8333-444455556666", "email": "ops@example.com"}
PROJECT_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*-[a-z0-9]{8}")
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
DEFAULT = object()


@dataclass
class Context:
    aws_request_id: str = "lambda-request-1"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: Any

    @property
    def error(self) -> dict[str, Any]:
        assert set(self.body) == {"error"}, self.body
        error: dict[str, Any] = self.body["error"]
        assert set(error) == {"code", "message", "field"}
        return error


def http_event(
    method: str,
    path: str,
    body: Any = None,
    *,
    query: dict[str, str] | None = None,
    claims: Any = DEFAULT,
    raw_body: str | None = None,
    base64_body: bool = False,
    stage: str = "$default",
) -> dict[str, Any]:
    """An HTTP API event, payload format 2.0, behind a JWT authorizer (route ANY /api/{proxy+})."""
    if raw_body is None and body is not None:
        raw_body = orjson.dumps(body).decode()
    if base64_body and raw_body is not None:
        raw_body = base64.b64encode(raw_body.encode()).decode()
    if claims is DEFAULT:
        claims = CLAIMS
    authorizer = None if claims is None else {"jwt": {"claims": claims, "scopes": None}}
    prefix = "" if stage == "$default" else f"/{stage}"
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": "ANY /api/{proxy+}",
        "rawPath": prefix + path,
        "rawQueryString": "&".join(f"{k}={v}" for k, v in (query or {}).items()),
        "headers": {"content-type": "application/json", "host": "console.example.com"},
        "requestContext": {
            "http": {"method": method, "path": prefix + path, "protocol": "HTTP/1.1"},
            "requestId": f"req-{uuid.uuid4().hex[:12]}",
            "routeKey": "ANY /api/{proxy+}",
            "stage": stage,
        },
        "isBase64Encoded": base64_body,
    }
    if authorizer is not None:
        event["requestContext"]["authorizer"] = authorizer
    if query:
        event["queryStringParameters"] = query
    if raw_body is not None:
        event["body"] = raw_body
    return event


def invoke(event: dict[str, Any]) -> Reply:
    result = handler_module.handler(event, Context())
    assert set(result) == {"statusCode", "headers", "body", "isBase64Encoded"}
    assert result["headers"]["content-type"] == "application/json"
    return Reply(result["statusCode"], result["headers"], orjson.loads(result["body"]))


Call = Callable[..., Reply]


@pytest.fixture(scope="module")
def local_aws_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[local_aws.LocalAws]:
    folder = tmp_path_factory.mktemp("local-aws")
    running, started = local_aws.up(folder)
    assert started, "a fresh folder cannot have a running local AWS"
    try:
        yield running
    finally:
        assert local_aws.down(folder) == running.pid


@pytest.fixture(scope="module")
def dynamodb(local_aws_server: local_aws.LocalAws) -> Any:
    return boto3.client(
        "dynamodb",
        region_name=REGION,
        endpoint_url=local_aws_server.url,
        verify=str(local_aws_server.ca_bundle),
        aws_access_key_id="local-aws",
        aws_secret_access_key="local-aws",
    )


@pytest.fixture
def table(dynamodb: Any) -> Iterator[str]:
    """A fresh table, as the Terraform module makes it: pk/sk strings, on-demand."""
    name = f"clickstack-console-{uuid.uuid4().hex[:8]}"
    dynamodb.create_table(
        TableName=name,
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.get_waiter("table_exists").wait(TableName=name)
    yield name
    dynamodb.delete_table(TableName=name)


@pytest.fixture
def api(
    local_aws_server: local_aws.LocalAws, table: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Call]:
    """call(method, path, body=None, **http_event options) -> Reply, through the handler, with
    the function's environment pointing at the local AWS and the test's table (a fresh
    container: no cached client)."""
    for name in local_aws.CREDENTIAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in local_aws_server.environment(REGION).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TABLE_NAME", table)
    for name in ("PAGE_SIZE", "MAX_BODY_BYTES", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    handler_module.dynamodb_client.cache_clear()

    def call(method: str, path: str, body: Any = None, **options: Any) -> Reply:
        return invoke(http_event(method, path, body, **options))

    yield call
    handler_module.dynamodb_client.cache_clear()


def items(dynamodb: Any, table: str) -> dict[tuple[str, str], dict[str, Any]]:
    """Every item of the table by (pk, sk), values as plain strings/maps."""
    found = dynamodb.scan(TableName=table, ConsistentRead=True)["Items"]
    return {(i["pk"]["S"], i["sk"]["S"]): i for i in found}


def new_project(api: Call, name: str = "Web Shop", **extra: Any) -> dict[str, Any]:
    reply = api("POST", "/api/projects", {"name": name, **extra})
    assert reply.status == 201, reply.body
    project: dict[str, Any] = reply.body
    return project


def new_app(api: Call, project_id: str, app_id: str, platform: str = "web") -> Reply:
    return api(
        "POST",
        f"/api/projects/{project_id}/apps",
        {"app_id": app_id, "name": f"App {app_id}"[:100], "platform": platform},
    )


# --- projects: happy paths ---


def test_create_project_returns_201_with_a_generated_slug_id(
    api: Call, dynamodb: Any, table: str
) -> None:
    reply = api("POST", "/api/projects", {"name": "  Web Shop  ", "description": "The shop"})
    assert reply.status == 201
    project = reply.body
    assert PROJECT_ID.fullmatch(project["id"]) and project["id"].startswith("web-shop-")
    assert reply.headers["location"] == f"/api/projects/{project['id']}"
    assert project["name"] == "Web Shop"  # trimmed
    assert project["description"] == "The shop"
    assert project["status"] == "active"
    assert TIMESTAMP.fullmatch(project["created_at"])
    assert project["created_by"] == {"sub": CLAIMS["sub"], "email": CLAIMS["email"]}
    stored = items(dynamodb, table)
    assert set(stored) == {(f"PROJECT#{project['id']}", "META"), ("PROJECTS", "NAME#web shop")}
    meta = stored[(f"PROJECT#{project['id']}", "META")]
    assert meta["created_by"] == {
        "M": {"sub": {"S": CLAIMS["sub"]}, "email": {"S": CLAIMS["email"]}}
    }


def test_create_project_without_description_or_email(api: Call) -> None:
    reply = api("POST", "/api/projects", {"name": "Кошка"}, claims={"sub": "user-1"})
    assert reply.status == 201
    assert reply.body["id"].startswith("project-")  # no ASCII letter: the fallback slug
    assert reply.body["description"] is None
    assert reply.body["created_by"] == {"sub": "user-1", "email": None}


def test_get_project(api: Call) -> None:
    project = new_project(api, "Mobile")
    reply = api("GET", f"/api/projects/{project['id']}")
    assert reply.status == 200
    assert reply.body == project
    assert reply.headers["cache-control"] == "no-store"


def test_list_projects_is_paginated_with_a_next_token(api: Call) -> None:
    names = ["delta", "Alpha", "charlie", "Echo", "bravo"]
    created = {new_project(api, name)["id"] for name in names}
    seen: list[str] = []
    pages = 0
    query: dict[str, str] = {"limit": "2"}
    while True:
        reply = api("GET", "/api/projects", query=query)
        assert reply.status == 200
        assert set(reply.body) == {"items", "next"}
        assert len(reply.body["items"]) <= 2
        seen += [p["name"] for p in reply.body["items"]]
        pages += 1
        if reply.body["next"] is None:
            break
        query = {"limit": "2", "next": reply.body["next"]}
    assert pages == 3  # 2 + 2 + 1: no empty last page
    assert seen == ["Alpha", "bravo", "charlie", "delta", "Echo"]  # by name, case-folded
    everything = api("GET", "/api/projects").body
    assert {p["id"] for p in everything["items"]} == created
    assert everything["next"] is None


def test_page_size_comes_from_the_environment(api: Call, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a", "b", "c"):
        new_project(api, name)
    monkeypatch.setenv("PAGE_SIZE", "2")
    first = api("GET", "/api/projects").body
    assert [p["name"] for p in first["items"]] == ["a", "b"]
    second = api("GET", "/api/projects", query={"next": first["next"]}).body
    assert [p["name"] for p in second["items"]] == ["c"] and second["next"] is None


def test_routes_work_behind_a_named_stage(api: Call) -> None:
    project = new_project(api, "Staged")
    reply = api("GET", f"/api/projects/{project['id']}", stage="prod")
    assert reply.status == 200 and reply.body["id"] == project["id"]


def test_base64_encoded_bodies_are_decoded(api: Call) -> None:
    reply = api("POST", "/api/projects", {"name": "Encoded"}, base64_body=True)
    assert reply.status == 201 and reply.body["name"] == "Encoded"


# --- projects: refusals ---


@pytest.mark.parametrize(
    ("body", "code", "field", "says"),
    [
        ({}, "missing_field", "name", "name: required field missing"),
        ({"name": 5}, "invalid_field", "name", "expected a string of 1 to 100 characters, found"),
        ({"name": "   "}, "invalid_field", "name", "found a blank string"),
        ({"name": "x" * 101}, "invalid_field", "name", "found 101 characters"),
        ({"name": "a\nb"}, "invalid_field", "name", "expected no control characters"),
        ({"name": "ok", "description": 3}, "invalid_field", "description", "found integer 3"),
        ({"name": "ok", "description": "d" * 1001}, "invalid_field", "description", "found 1001"),
        (
            {"name": "ok", "descripton": ""},
            "unknown_field",
            "descripton",
            "one of name, description",
        ),
        ([{"name": "ok"}], "invalid_body", None, "expected a JSON object, found array of 1 items"),
        ("ok", "invalid_body", None, "found string 'ok'"),
    ],
)
def test_project_fields_are_checked(
    api: Call, body: Any, code: str, field: str | None, says: str
) -> None:
    reply = api("POST", "/api/projects", body)
    assert reply.status == 400
    assert reply.error["code"] == code
    assert reply.error["field"] == field
    assert says in reply.error["message"]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("{not json", "invalid_json"),
        ('{"name": "a\\ud800"}', "invalid_json"),  # a lone surrogate: no string DynamoDB takes
        ('{"name": NaN}', "invalid_json"),
        ("", "invalid_body"),
    ],
)
def test_bad_json_is_a_400(api: Call, raw: str, code: str) -> None:
    reply = api("POST", "/api/projects", raw_body=raw)
    assert reply.status == 400
    assert reply.error["code"] == code
    assert reply.error["message"].startswith("body: expected")


def test_body_without_a_body_is_a_400(api: Call) -> None:
    reply = api("POST", "/api/projects")
    assert (reply.status, reply.error["code"]) == (400, "invalid_body")


def test_invalid_base64_is_a_400(api: Call) -> None:
    event = http_event("POST", "/api/projects", raw_body="!!not base64!!")
    event["isBase64Encoded"] = True
    reply = invoke(event)
    assert (reply.status, reply.error["code"]) == (400, "invalid_body")


def test_duplicate_project_name_is_a_409(api: Call) -> None:
    first = new_project(api, "Web Shop")
    for same in ("Web Shop", "web shop", "  WEB   SHOP "):
        reply = api("POST", "/api/projects", {"name": same})
        assert reply.status == 409
        assert (reply.error["code"], reply.error["field"]) == ("project_name_taken", "name")
    assert api("POST", "/api/projects", {"name": "Web-Shop"}).status == 201  # another name
    assert api("GET", f"/api/projects/{first['id']}").status == 200


@pytest.mark.parametrize(
    "project_id", ["web-shop-abcd1234", "NOT-AN-ID", "x" * 300, "a--b", "-a", "a%2Fb"]
)
def test_unknown_project_is_a_404(api: Call, project_id: str) -> None:
    for method in ("GET", "DELETE"):
        reply = api(method, f"/api/projects/{project_id}")
        assert reply.status == 404
        assert (reply.error["code"], reply.error["field"]) == ("project_not_found", "id")
    for method in ("GET", "POST"):
        body = {"app_id": "a", "name": "a", "platform": "web"}
        reply = api(method, f"/api/projects/{project_id}/apps", body)
        assert reply.status == 404 and reply.error["code"] == "project_not_found"


UNROUTED = (
    "/",
    "/api",
    "/api/",
    "/api/project",
    "/api/projects/",
    "/api/projects/p-12345678/apps/",
    "/api/projects/p-12345678/extra",
    "/prod/api/projects",  # a stage prefix only counts when the event names that stage
)


@pytest.mark.parametrize("path", UNROUTED)
def test_unknown_route_is_a_404(api: Call, path: str) -> None:
    reply = api("GET", path)
    assert reply.status == 404
    assert reply.error["code"] == "route_not_found"
    assert reply.error["field"] is None


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/api/projects", "GET, POST"),
        ("DELETE", "/api/projects", "GET, POST"),
        ("POST", "/api/projects/p-12345678", "DELETE, GET"),
        ("PATCH", "/api/projects/p-12345678/apps", "GET, POST"),
        ("GET", "/api/projects/p-12345678/apps/shop", "DELETE"),
        ("OPTIONS", "/api/projects", "GET, POST"),
    ],
)
def test_wrong_method_is_a_405_with_allow(api: Call, method: str, path: str, allow: str) -> None:
    reply = api(method, path)
    assert reply.status == 405
    assert reply.error["code"] == "method_not_allowed"
    assert reply.headers["allow"] == allow


def test_request_over_the_body_limit_is_a_413(api: Call, monkeypatch: pytest.MonkeyPatch) -> None:
    big = {"name": "big", "description": "d" * 900}
    assert api("POST", "/api/projects", big).status == 201
    monkeypatch.setenv("MAX_BODY_BYTES", "512")
    for encoded in (False, True):
        reply = api("POST", "/api/projects", {**big, "name": "bigger"}, base64_body=encoded)
        assert reply.status == 413
        assert reply.error["code"] == "body_too_large"
        assert "expected at most 512 bytes" in reply.error["message"]


def test_no_caller_is_a_401(api: Call) -> None:
    for claims in (None, {}, {"email": "x@example.com"}, {"sub": ""}):
        reply = api("POST", "/api/projects", {"name": "anon"}, claims=claims)
        assert reply.status == 401 and reply.error["code"] == "unauthenticated"
    assert api("GET", "/api/projects").body["items"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"limit": "1,2"}, "limit"),
        ({"next": "garbage!"}, "next"),
        ({"next": base64.urlsafe_b64encode(b'{"pk":"APPID#x","sk":"APPID"}').decode()}, "next"),
        ({"next": base64.urlsafe_b64encode(b"[1]").decode()}, "next"),
    ],
)
def test_bad_list_parameters_are_a_400(api: Call, query: dict[str, str], field: str) -> None:
    reply = api("GET", "/api/projects", query=query)
    assert reply.status == 400
    assert (reply.error["code"], reply.error["field"]) == ("invalid_parameter", field)


# --- apps ---


def test_app_lifecycle(api: Call, dynamodb: Any, table: str) -> None:
    project = new_project(api)
    pid = project["id"]
    reply = new_app(api, pid, "shop-web", "web")
    assert reply.status == 201
    assert reply.headers["location"] == f"/api/projects/{pid}/apps/shop-web"
    assert reply.body == {
        "app_id": "shop-web",
        "project_id": pid,
        "name": "App shop-web",
        "platform": "web",
        "created_at": reply.body["created_at"],
        "created_by": {"sub": CLAIMS["sub"], "email": CLAIMS["email"]},
    }
    assert TIMESTAMP.fullmatch(reply.body["created_at"])
    stored = items(dynamodb, table)
    assert stored[("APPID#shop-web", "APPID")]["project_id"] == {"S": pid}
    assert (f"PROJECT#{pid}", "APP#shop-web") in stored

    assert new_app(api, pid, "shop-ios", "ios").status == 201
    listed = api("GET", f"/api/projects/{pid}/apps")
    assert listed.status == 200
    assert [a["app_id"] for a in listed.body["items"]] == ["shop-ios", "shop-web"]
    assert listed.body["next"] is None

    deleted = api("DELETE", f"/api/projects/{pid}/apps/shop-web")
    assert deleted.status == 200
    assert deleted.body == {"project_id": pid, "app_id": "shop-web", "deleted": True}
    assert ("APPID#shop-web", "APPID") not in items(dynamodb, table)
    again = api("DELETE", f"/api/projects/{pid}/apps/shop-web")
    assert again.status == 404
    assert (again.error["code"], again.error["field"]) == ("app_not_found", "app_id")
    remaining = api("GET", f"/api/projects/{pid}/apps").body["items"]
    assert [a["app_id"] for a in remaining] == ["shop-ios"]


def test_apps_list_is_paginated(api: Call) -> None:
    pid = new_project(api)["id"]
    for n in range(5):
        assert new_app(api, pid, f"app-{n}").status == 201
    seen: list[str] = []
    query = {"limit": "2"}
    while True:
        body = api("GET", f"/api/projects/{pid}/apps", query=query).body
        seen += [a["app_id"] for a in body["items"]]
        if body["next"] is None:
            break
        query = {"limit": "2", "next": body["next"]}
    assert seen == [f"app-{n}" for n in range(5)]


def test_a_next_token_only_works_for_its_own_list(api: Call) -> None:
    one, two = new_project(api, "one")["id"], new_project(api, "two")["id"]
    for n in range(3):
        new_app(api, one, f"one-{n}")
    token = api("GET", f"/api/projects/{one}/apps", query={"limit": "1"}).body["next"]
    assert token is not None
    other = api("GET", f"/api/projects/{two}/apps", query={"next": token})
    assert (other.status, other.error["field"]) == (400, "next")
    projects = api("GET", "/api/projects", query={"next": token})
    assert (projects.status, projects.error["field"]) == (400, "next")


def test_app_ids_are_unique_across_projects(api: Call) -> None:
    first, second = new_project(api, "First")["id"], new_project(api, "Second")["id"]
    assert new_app(api, first, "shared").status == 201
    for project_id in (second, first):
        reply = new_app(api, project_id, "shared")
        assert reply.status == 409
        assert (reply.error["code"], reply.error["field"]) == ("app_id_taken", "app_id")
        assert first in reply.error["message"]
    assert api("GET", f"/api/projects/{second}/apps").body["items"] == []
    # app ids are compared exactly, as the ingestion looks them up
    assert new_app(api, second, "Shared").status == 201


def app(**changes: Any) -> dict[str, Any]:
    return {"app_id": "a", "name": "n", "platform": "web", **changes}


@pytest.mark.parametrize(
    ("body", "code", "field", "says"),
    [
        ({"name": "n", "platform": "web"}, "missing_field", "app_id", "required field missing"),
        ({"app_id": "a", "platform": "web"}, "missing_field", "name", "required field missing"),
        ({"app_id": "a", "name": "n"}, "missing_field", "platform", "required field missing"),
        (app(app_id=42), "invalid_field", "app_id", "app_id: expected string, found integer 42"),
        (app(app_id=""), "invalid_field", "app_id", "expected a non-empty string"),
        (
            app(app_id="a" * 129),
            "invalid_field",
            "app_id",
            "app_id: expected at most 128 characters",
        ),
        (app(platform="Web"), "invalid_field", "platform", "expected one of 'web', 'ios', 'andr"),
        (app(platform="desktop"), "invalid_field", "platform", "found string 'desktop'"),
        (app(name=[]), "invalid_field", "name", "found array of 0 items"),
        (app(id="x"), "unknown_field", "id", "expected one of app_id, name, platform"),
    ],
)
def test_app_fields_are_checked(
    api: Call, body: dict[str, Any], code: str, field: str, says: str
) -> None:
    pid = new_project(api)["id"]
    reply = api("POST", f"/api/projects/{pid}/apps", body)
    assert reply.status == 400
    assert (reply.error["code"], reply.error["field"]) == (code, field)
    assert says in reply.error["message"]


def test_unknown_app_is_a_404(api: Call) -> None:
    pid = new_project(api)["id"]
    for app_id in ("nope", "a" * 129):
        reply = api("DELETE", f"/api/projects/{pid}/apps/{app_id}")
        assert reply.status == 404 and reply.error["code"] == "app_not_found"
    reply = api("DELETE", "/api/projects/gone-12345678/apps/nope")
    assert reply.status == 404 and reply.error["code"] == "project_not_found"


def test_app_ids_with_slashes_are_addressed_by_the_rest_of_the_path(api: Call) -> None:
    pid = new_project(api)["id"]
    assert new_app(api, pid, "shop/web/").status == 201
    assert api("DELETE", f"/api/projects/{pid}/apps/shop/web/").status == 200
    assert api("GET", f"/api/projects/{pid}/apps").body["items"] == []


# --- deleting projects ---


def test_deleting_a_project_deletes_its_apps_and_frees_their_ids(
    api: Call, dynamodb: Any, table: str
) -> None:
    doomed = new_project(api, "Doomed")["id"]
    kept = new_project(api, "Kept")["id"]
    count = APPS_PER_TRANSACTION + 5  # more than one transaction's worth
    for n in range(count):
        assert new_app(api, doomed, f"doomed-{n:02d}").status == 201
    assert new_app(api, kept, "kept-app").status == 201

    reply = api("DELETE", f"/api/projects/{doomed}")
    assert reply.status == 200
    assert reply.body == {"id": doomed, "deleted": True, "apps_deleted": count}

    assert not [key for key in items(dynamodb, table) if doomed in key[0] or "doomed" in key[0]]
    assert api("GET", f"/api/projects/{doomed}").status == 404
    assert api("GET", f"/api/projects/{doomed}/apps").status == 404
    assert [p["id"] for p in api("GET", "/api/projects").body["items"]] == [kept]
    assert [a["app_id"] for a in api("GET", f"/api/projects/{kept}/apps").body["items"]] == [
        "kept-app"
    ]
    # the app ids and the name are free again; the new project gets a new id
    assert new_app(api, kept, "doomed-00").status == 201
    again = new_project(api, "Doomed")
    assert again["id"] != doomed
    assert new_app(api, again["id"], "doomed-01").status == 201
    assert api("DELETE", f"/api/projects/{doomed}").status == 404


def test_an_empty_project_is_deleted(api: Call, dynamodb: Any, table: str) -> None:
    pid = new_project(api, "Empty")["id"]
    assert api("DELETE", f"/api/projects/{pid}").body["apps_deleted"] == 0
    assert items(dynamodb, table) == {}


def test_a_project_being_deleted_takes_no_apps_and_a_new_delete_finishes_it(
    api: Call, dynamodb: Any, table: str
) -> None:
    """A DELETE that stopped half-way (after marking the project) leaves it 'deleting'."""
    pid = new_project(api, "Half")["id"]
    assert new_app(api, pid, "half-app").status == 201
    for pk, sk in ((f"PROJECT#{pid}", "META"), ("PROJECTS", "NAME#half")):
        dynamodb.update_item(
            TableName=table,
            Key={"pk": {"S": pk}, "sk": {"S": sk}},
            UpdateExpression="SET #s = :d",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":d": {"S": "deleting"}},
        )
    assert api("GET", f"/api/projects/{pid}").body["status"] == "deleting"
    assert api("GET", "/api/projects").body["items"][0]["status"] == "deleting"
    reply = new_app(api, pid, "late-app")
    assert reply.status == 409
    assert (reply.error["code"], reply.error["field"]) == ("project_deleting", "id")
    assert ("APPID#late-app", "APPID") not in items(dynamodb, table)
    done = api("DELETE", f"/api/projects/{pid}")
    assert (done.status, done.body["apps_deleted"]) == (200, 1)
    assert items(dynamodb, table) == {}


# --- the app-id rule is the ingestion's ---


def ingested_app_id(app_id: Any, *, in_event: bool = False) -> tuple[bool, Any]:
    """Run an SDK request for `app_id` through the shared library, as firehose_transform
    does: (accepted, the app_id of the normalised event or the rejection reason).

    The SDKs send the app id as the appId query parameter (always a string); in_event puts
    it on the SDK event instead, where any JSON value can arrive."""
    event = sdk_event()
    del event["app_id"]
    query: dict[str, Any] = {"appId": "query-app" if in_event else app_id}
    if in_event:
        event["app_id"] = app_id
    envelope = {
        "envelope_version": 1,
        "received_at": RECEIVED_AT,
        "source_ip": "198.51.100.4",
        "user_agent": "aws-solution-clickstream-sdk",
        "request_id": "c0ffee00-0000-4000-8000-000000000009",
        "sdk": {"query": query, "body": orjson.dumps([event]).decode()},
    }
    (result,) = normalise(decode_envelope(orjson.dumps(envelope)))
    if isinstance(result, Rejected):
        return False, result.reason
    return True, result["app_id"]


ACCEPTED_APP_IDS = [
    "shop",
    "com.example.shop",
    "Shop_App-2",
    "a",
    "a" * 128,
    "é" * 128,  # characters, not bytes
    "with space",
    "slash/and#hash",
    "日本語アプリ",
]


@pytest.mark.parametrize("app_id", ACCEPTED_APP_IDS)
def test_an_app_id_registered_here_is_accepted_by_the_ingestion(api: Call, app_id: str) -> None:
    pid = new_project(api)["id"]
    reply = new_app(api, pid, app_id)
    assert reply.status == 201, reply.body
    registered = reply.body["app_id"]
    assert ingested_app_id(registered) == (True, registered)
    assert ingested_app_id(registered, in_event=True) == (True, registered)
    assert validate_event(web_event(app_id=registered)) is None  # POST /collect's contract


@pytest.mark.parametrize(
    ("app_id", "in_event"),
    [("a" * 129, False), ("é" * 129, False), (42, True), (["shop"], True), (None, True)],
)
def test_an_app_id_the_ingestion_refuses_is_refused_here(
    api: Call, app_id: Any, in_event: bool
) -> None:
    if app_id is not None:  # null app_id in an SDK event falls back to the query's
        accepted, reason = ingested_app_id(app_id, in_event=in_event)
        assert not accepted and "app_id" in reason
    assert validate_event(web_event(app_id=app_id)) is not None
    pid = new_project(api)["id"]
    reply = new_app(api, pid, app_id)
    assert reply.status == 400
    assert (reply.error["code"], reply.error["field"]) == ("invalid_field", "app_id")


def test_the_empty_app_id_is_the_one_deliberate_difference(api: Call) -> None:
    """The contract lets "" through (minLength 0), but to the SDK path it is no app id at all:
    the query's appId stands in for an empty event app_id. It cannot be registered."""
    assert validate_event(web_event(app_id="")) is None
    assert ingested_app_id("", in_event=True) == (True, "query-app")
    assert app_id_error("") is not None
    pid = new_project(api)["id"]
    assert new_app(api, pid, "").status == 400


def test_the_rule_is_the_contracts_app_id_schema() -> None:
    assert APP_ID_SCHEMA["type"] == "string"
    assert APP_ID_SCHEMA["maxLength"] == 128
    assert PLATFORMS == ("web", "ios", "android", "other")


# --- failures do not leak ---


def test_an_internal_error_is_a_500_with_only_the_request_id(
    api: Call, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("TABLE_NAME", "no-such-table")
    event = http_event("GET", "/api/projects")
    request_id = event["requestContext"]["requestId"]
    with caplog.at_level(logging.INFO, logger="console_api"):
        reply = invoke(event)
    assert reply.status == 500
    assert reply.error == {
        "code": "internal",
        "message": f"internal error; quote request id {request_id!r} to the operators",
        "field": None,
    }
    logged = [orjson.loads(r.getMessage()) for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(logged) == 1
    assert logged[0]["request_id"] == request_id
    assert "ResourceNotFoundException" in logged[0]["error"]
    assert "Traceback" in logged[0]["traceback"]


def test_a_missing_table_name_is_a_500(api: Call, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TABLE_NAME")
    reply = api("GET", "/api/projects")
    assert (reply.status, reply.error["code"]) == (500, "internal")
    assert "TABLE_NAME" not in reply.error["message"]


def test_a_malformed_event_is_a_500() -> None:
    result = handler_module.handler({"not": "an http api event"}, Context())
    assert result["statusCode"] == 500
    assert "lambda-request-1" in orjson.loads(result["body"])["error"]["message"]


# --- pure parts ---


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Web Shop", "web-shop"),
        ("  Crème brûlée!! 2 ", "creme-brulee-2"),
        ("a" * 40, "a" * 32),
        ("x" * 31 + " yz", "x" * 31),
        ("🛒", "project"),
    ],
)
def test_slug(name: str, slug: str) -> None:
    assert ids.slug(name) == slug
    project_id = ids.new_project_id(name)
    assert project_id.startswith(f"{slug}-") and ids.is_project_id(project_id)
    assert len(project_id) <= ids.PROJECT_ID_MAX


def test_project_ids_differ() -> None:
    assert len({ids.new_project_id("same") for _ in range(200)}) == 200


def test_name_key() -> None:
    assert ids.name_key("  Web\t Shop ") == ids.name_key("web shop") == "web shop"
    assert ids.name_key("\uff37\uff25\uff22") == "web"  # NFKC: fullwidth WEB
    assert ids.name_key("Web-Shop") != ids.name_key("Web Shop")


def test_token_is_bound_to_its_list() -> None:
    from console_api.validation import encode_token

    token = encode_token({"pk": "PROJECT#p-1", "sk": "APP#x"})
    assert decode_token({"next": token}, "PROJECT#p-1", "APP#") == {
        "pk": "PROJECT#p-1",
        "sk": "APP#x",
    }
    assert decode_token({}, "PROJECT#p-1", "APP#") is None


def test_config() -> None:
    assert load_config({"TABLE_NAME": "t"}).page_size == 50
    for environ, says in (
        ({}, "TABLE_NAME: expected"),
        ({"TABLE_NAME": "t", "PAGE_SIZE": "101"}, "PAGE_SIZE: expected at most 100"),
        ({"TABLE_NAME": "t", "MAX_BODY_BYTES": "0"}, "MAX_BODY_BYTES: expected a positive"),
    ):
        with pytest.raises(ConfigError, match=says):
            load_config(environ)
