"""The DynamoDB single table (TABLE_NAME; string keys pk and sk, on-demand).

    pk                  sk                 item
    PROJECT#<id>        META               the project (status "active" or "deleting")
    PROJECT#<id>        APP#<app_id>       an app of the project
    APPID#<app_id>      APPID              the claim on an app id, across all projects
    PROJECTS            NAME#<name key>    the project again: the list of projects, sorted by
                                           name, and the claim on its name (ids.name_key)

Every write that touches more than one item is one TransactWriteItems call: a project is
created with its name claim, an app with its app-id claim (and a check that the project is
active), so two projects can never hold the same name nor two apps the same app id, whatever
runs at the same time. Listing projects is a Query of the PROJECTS partition (no Scan, no
index); it is one partition, which an operator console's few hundred projects never strain.

Deleting a project (cascade): mark it "deleting" (app registration needs "active", so no app
can be added from then on), delete its apps with their app-id claims (each app and its claim in
the same transaction, 25 apps per call), then the project and its name claim. Should that stop
half-way, the project is left "deleting" and a repeated DELETE finishes the job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

PROJECTS_PK = "PROJECTS"
META = "META"
APP_PREFIX = "APP#"
NAME_PREFIX = "NAME#"
APP_ID_SK = "APPID"
ACTIVE = "active"
DELETING = "deleting"
APPS_PER_TRANSACTION = 25  # 2 actions each; DynamoDB takes at most 100 per transaction
CHECK_FAILED = "ConditionalCheckFailed"

_SERIALIZER = TypeSerializer()
_DESERIALIZER = TypeDeserializer()


def project_pk(project_id: str) -> str:
    return f"PROJECT#{project_id}"


def app_id_pk(app_id: str) -> str:
    return f"APPID#{app_id}"


def name_sk(key: str) -> str:
    return f"{NAME_PREFIX}{key}"


class StoreError(Exception):
    """Something the caller can act on; the routes turn each kind into a 4xx."""


class ProjectNotFound(StoreError):
    pass


class AppNotFound(StoreError):
    pass


class ProjectDeleting(StoreError):
    pass


class NameTaken(StoreError):
    pass


class IdTaken(StoreError):
    """A generated project id exists already (the caller picks another)."""


@dataclass
class AppIdTaken(StoreError):
    owner: str | None  # the project holding it, when it could be read


class Contention(StoreError):
    """Another request changed the same items at the same moment (TransactionConflict)."""


def _item(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _SERIALIZER.serialize(v) for k, v in values.items()}


def _plain(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _DESERIALIZER.deserialize(v) for k, v in item.items()}


def _reasons(exc: ClientError) -> list[str]:
    """The per-action codes of a cancelled transaction ("None", "ConditionalCheckFailed", ...)."""
    if exc.response.get("Error", {}).get("Code") != "TransactionCanceledException":
        raise exc
    return [str(r.get("Code", "None")) for r in exc.response.get("CancellationReasons", [])]


def _conflict(codes: list[str]) -> bool:
    return "TransactionConflict" in codes


class Store:
    def __init__(self, client: Any, table: str) -> None:
        self.client = client
        self.table = table

    # --- reads ---

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        found = self.client.get_item(
            TableName=self.table, Key=_item({"pk": pk, "sk": sk}), ConsistentRead=True
        )
        item = found.get("Item")
        return _plain(item) if item else None

    def get_project(self, project_id: str) -> dict[str, Any] | None:
        return self._get(project_pk(project_id), META)

    def app_owner(self, app_id: str) -> str | None:
        claim = self._get(app_id_pk(app_id), APP_ID_SK)
        return None if claim is None else str(claim["project_id"])

    def _page(
        self, pk: str, sk_prefix: str, limit: int, start: Mapping[str, str] | None
    ) -> tuple[list[dict[str, Any]], dict[str, str] | None]:
        """Up to `limit` items of one partition whose sk starts with sk_prefix, and the key to
        continue from (None when nothing follows: one item more is read to know)."""
        params: dict[str, Any] = {
            "TableName": self.table,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :prefix)",
            "ExpressionAttributeValues": _item({":pk": pk, ":prefix": sk_prefix}),
            "Limit": limit + 1,
        }
        if start is not None:
            params["ExclusiveStartKey"] = _item(start)
        found = self.client.query(**params)
        items = [_plain(i) for i in found.get("Items", [])]
        if len(items) > limit:
            items = items[:limit]
            last = items[-1]
            return items, {"pk": last["pk"], "sk": last["sk"]}
        after = found.get("LastEvaluatedKey")  # a 1 MB page ended early
        return items, None if not after else {k: str(v) for k, v in _plain(after).items()}

    def list_projects(
        self, limit: int, start: Mapping[str, str] | None
    ) -> tuple[list[dict[str, Any]], dict[str, str] | None]:
        return self._page(PROJECTS_PK, NAME_PREFIX, limit, start)

    def list_apps(
        self, project_id: str, limit: int, start: Mapping[str, str] | None
    ) -> tuple[list[dict[str, Any]], dict[str, str] | None]:
        return self._page(project_pk(project_id), APP_PREFIX, limit, start)

    # --- writes ---

    def _transact(self, actions: list[dict[str, Any]]) -> list[str] | None:
        """Run a transaction; None when it committed, else the cancellation codes."""
        try:
            self.client.transact_write_items(TransactItems=actions)
        except ClientError as exc:
            return _reasons(exc)
        return None

    def create_project(self, project: Mapping[str, Any], key: str) -> None:
        """Write the project and its name claim; IdTaken or NameTaken when either exists."""
        meta = {"pk": project_pk(project["id"]), "sk": META, "name_key": key, **project}
        listed = {**meta, "pk": PROJECTS_PK, "sk": name_sk(key)}
        new = "attribute_not_exists(pk)"
        codes = self._transact(
            [
                {"Put": {"TableName": self.table, "Item": _item(meta), "ConditionExpression": new}},
                {
                    "Put": {
                        "TableName": self.table,
                        "Item": _item(listed),
                        "ConditionExpression": new,
                    }
                },
            ]
        )
        if codes is None:
            return
        if len(codes) > 1 and codes[1] == CHECK_FAILED:
            raise NameTaken()
        if codes and codes[0] == CHECK_FAILED:
            raise IdTaken()
        if _conflict(codes):
            raise Contention()
        raise RuntimeError(f"create_project: transaction cancelled: {codes}")

    def create_app(self, project_id: str, app: Mapping[str, Any]) -> None:
        """Write the app and its app-id claim if the project is active."""
        app_id = app["app_id"]
        item = {"pk": project_pk(project_id), "sk": f"{APP_PREFIX}{app_id}", **app}
        claim = {
            "pk": app_id_pk(app_id),
            "sk": APP_ID_SK,
            "app_id": app_id,
            "project_id": project_id,
            "created_at": app["created_at"],
        }
        new = "attribute_not_exists(pk)"
        codes = self._transact(
            [
                {
                    "ConditionCheck": {
                        "TableName": self.table,
                        "Key": _item({"pk": project_pk(project_id), "sk": META}),
                        "ConditionExpression": "attribute_exists(pk) AND #status = :active",
                        "ExpressionAttributeNames": {"#status": "status"},
                        "ExpressionAttributeValues": _item({":active": ACTIVE}),
                    }
                },
                {"Put": {"TableName": self.table, "Item": _item(item), "ConditionExpression": new}},
                {
                    "Put": {
                        "TableName": self.table,
                        "Item": _item(claim),
                        "ConditionExpression": new,
                    }
                },
            ]
        )
        if codes is None:
            return
        if codes and codes[0] == CHECK_FAILED:
            if self.get_project(project_id) is None:
                raise ProjectNotFound()
            raise ProjectDeleting()
        if CHECK_FAILED in codes[1:]:
            raise AppIdTaken(self.app_owner(app_id))
        if _conflict(codes):
            raise Contention()
        raise RuntimeError(f"create_app: transaction cancelled: {codes}")

    def _delete_app_actions(self, project_id: str, app_id: str) -> list[dict[str, Any]]:
        """Delete an app and its claim; the claim only if it is this project's (or is gone)."""
        return [
            {
                "Delete": {
                    "TableName": self.table,
                    "Key": _item({"pk": project_pk(project_id), "sk": f"{APP_PREFIX}{app_id}"}),
                }
            },
            {
                "Delete": {
                    "TableName": self.table,
                    "Key": _item({"pk": app_id_pk(app_id), "sk": APP_ID_SK}),
                    "ConditionExpression": "attribute_not_exists(pk) OR project_id = :project",
                    "ExpressionAttributeValues": _item({":project": project_id}),
                }
            },
        ]

    def delete_app(self, project_id: str, app_id: str) -> None:
        actions = self._delete_app_actions(project_id, app_id)
        actions[0]["Delete"]["ConditionExpression"] = "attribute_exists(pk)"
        codes = self._transact(actions)
        if codes is None:
            return
        if codes and codes[0] == CHECK_FAILED:
            if self.get_project(project_id) is None:
                raise ProjectNotFound()
            raise AppNotFound()
        if _conflict(codes):
            raise Contention()
        raise RuntimeError(f"delete_app: transaction cancelled: {codes}")

    def delete_project(self, project_id: str) -> int:
        """Delete the project, its apps and their app-id claims; returns how many apps."""
        meta = self.get_project(project_id)
        if meta is None:
            raise ProjectNotFound()
        key = str(meta["name_key"])
        if meta.get("status") != DELETING:
            self._mark_deleting(project_id, key)
        deleted = 0
        while True:
            apps, _ = self._page(project_pk(project_id), APP_PREFIX, APPS_PER_TRANSACTION, None)
            if not apps:
                break
            actions = [
                action
                for app in apps
                for action in self._delete_app_actions(project_id, str(app["app_id"]))
            ]
            codes = self._transact(actions)
            if codes is not None:
                if _conflict(codes):
                    raise Contention()
                raise RuntimeError(f"delete_project: app deletion cancelled: {codes}")
            deleted += len(apps)
        codes = self._transact(
            [
                {
                    "Delete": {
                        "TableName": self.table,
                        "Key": _item({"pk": project_pk(project_id), "sk": META}),
                        "ConditionExpression": "#status = :deleting",
                        "ExpressionAttributeNames": {"#status": "status"},
                        "ExpressionAttributeValues": _item({":deleting": DELETING}),
                    }
                },
                {
                    "Delete": {
                        "TableName": self.table,
                        "Key": _item({"pk": PROJECTS_PK, "sk": name_sk(key)}),
                        "ConditionExpression": "attribute_not_exists(pk) OR id = :id",
                        "ExpressionAttributeValues": _item({":id": project_id}),
                    }
                },
            ]
        )
        if codes is not None:
            if codes and codes[0] == CHECK_FAILED:
                raise ProjectNotFound()  # a DELETE running beside this one finished first
            if _conflict(codes):
                raise Contention()
            raise RuntimeError(f"delete_project: cancelled: {codes}")
        return deleted

    def _mark_deleting(self, project_id: str, key: str) -> None:
        update = {
            "UpdateExpression": "SET #status = :deleting",
            "ExpressionAttributeNames": {"#status": "status"},
        }
        codes = self._transact(
            [
                {
                    "Update": {
                        "TableName": self.table,
                        "Key": _item({"pk": project_pk(project_id), "sk": META}),
                        "ConditionExpression": "attribute_exists(pk)",
                        "ExpressionAttributeValues": _item({":deleting": DELETING}),
                        **update,
                    }
                },
                {
                    "Update": {
                        "TableName": self.table,
                        "Key": _item({"pk": PROJECTS_PK, "sk": name_sk(key)}),
                        "ConditionExpression": "id = :id",
                        "ExpressionAttributeValues": _item(
                            {":deleting": DELETING, ":id": project_id}
                        ),
                        **update,
                    }
                },
            ]
        )
        if codes is None:
            return
        if codes and codes[0] == CHECK_FAILED:
            raise ProjectNotFound()
        if _conflict(codes):
            raise Contention()
        raise RuntimeError(f"delete_project: marking deleting cancelled: {codes}")
