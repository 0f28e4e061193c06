"""The routes under /api/, as functions of (request, store, config) -> (status, body, headers).

    POST   /api/projects                   {name, description?}      201 project
    GET    /api/projects?limit=&next=                                200 {items, next}
    GET    /api/projects/{id}                                        200 project
    DELETE /api/projects/{id}              (cascades to its apps)    200 {id, deleted, apps_deleted}
    POST   /api/projects/{id}/apps         {app_id, name, platform}  201 app
    GET    /api/projects/{id}/apps?limit=&next=                      200 {items, next}
    DELETE /api/projects/{id}/apps/{app_id}                          200 {project_id, app_id, ...}

{app_id} is the rest of the path: app ids may contain "/" (the contract allows any string).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from console_api import ids
from console_api.config import MAX_PAGE_SIZE, Config
from console_api.errors import ApiError, conflict, not_found
from console_api.http import Request
from console_api.store import (
    ACTIVE,
    APP_PREFIX,
    NAME_PREFIX,
    PROJECTS_PK,
    AppIdTaken,
    AppNotFound,
    Contention,
    IdTaken,
    NameTaken,
    ProjectDeleting,
    ProjectNotFound,
    Store,
    StoreError,
    project_pk,
)
from console_api.validation import (
    APP_FIELDS,
    PROJECT_FIELDS,
    app_id_error,
    check_fields,
    decode_token,
    encode_token,
    page_limit,
    parse_json_object,
)

Result = tuple[int, dict[str, Any], dict[str, str]]
Route = Callable[[Request, Store, Config, Mapping[str, str]], Result]
ID_ATTEMPTS = 3  # a fresh suffix when a generated project id exists already


def now() -> str:
    """UTC, ISO 8601 with milliseconds: 2025-01-31T12:00:00.000Z."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def project_view(item: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": item["id"],
        "name": item["name"],
        "description": item.get("description"),
        "status": item.get("status", ACTIVE),
        "created_at": item["created_at"],
        "created_by": item["created_by"],
    }


def app_view(item: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "app_id": item["app_id"],
        "project_id": item["project_id"],
        "name": item["name"],
        "platform": item["platform"],
        "created_at": item["created_at"],
        "created_by": item["created_by"],
    }


def _unknown_project(project_id: str) -> ApiError:
    return not_found("project_not_found", f"id: no project {project_id!r}", "id")


def _unknown_app(project_id: str, app_id: str) -> ApiError:
    return not_found(
        "app_not_found", f"app_id: no app {app_id!r} in project {project_id!r}", "app_id"
    )


def _contention() -> ApiError:
    return conflict("conflict", "another request changed the same items at the same time; retry")


def _project_id(params: Mapping[str, str]) -> str:
    """The {id} of the path; 404 without a lookup when no project could have it."""
    project_id = params["id"]
    if not ids.is_project_id(project_id):
        raise _unknown_project(project_id)
    return project_id


def _created_by(request: Request) -> dict[str, str | None]:
    assert request.caller is not None  # the handler answers 401 first
    return request.caller.to_json()


def create_project(
    request: Request, store: Store, config: Config, params: Mapping[str, str]
) -> Result:
    document = parse_json_object(request.body)
    check_fields(document, PROJECT_FIELDS)
    name = str(document["name"]).strip()
    project = {
        "name": name,
        "description": document.get("description"),
        "status": ACTIVE,
        "created_at": now(),
        "created_by": _created_by(request),
    }
    key = ids.name_key(name)
    for _ in range(ID_ATTEMPTS):
        project_id = ids.new_project_id(name)
        try:
            store.create_project({"id": project_id, **project}, key)
        except IdTaken:
            continue
        except NameTaken:
            raise conflict(
                "project_name_taken", f"name: a project named {name!r} exists already", "name"
            ) from None
        except Contention:
            raise _contention() from None
        view = project_view({"id": project_id, **project})
        return 201, view, {"location": f"/api/projects/{project_id}"}
    raise RuntimeError(f"create_project: {ID_ATTEMPTS} generated ids were all taken")


def list_projects(
    request: Request, store: Store, config: Config, params: Mapping[str, str]
) -> Result:
    limit = page_limit(request.query, config.page_size, MAX_PAGE_SIZE)
    start = decode_token(request.query, PROJECTS_PK, NAME_PREFIX)
    items, after = store.list_projects(limit, start)
    next_token = None if after is None else encode_token(after)
    return 200, {"items": [project_view(i) for i in items], "next": next_token}, {}


def get_project(
    request: Request, store: Store, config: Config, params: Mapping[str, str]
) -> Result:
    project_id = _project_id(params)
    item = store.get_project(project_id)
    if item is None:
        raise _unknown_project(project_id)
    return 200, project_view(item), {}


def delete_project(
    request: Request, store: Store, config: Config, params: Mapping[str, str]
) -> Result:
    project_id = _project_id(params)
    try:
        apps = store.delete_project(project_id)
    except ProjectNotFound:
        raise _unknown_project(project_id) from None
    except Contention:
        raise _contention() from None
    return 200, {"id": project_id, "deleted": True, "apps_deleted": apps}, {}


def create_app(request: Request, store: Store, config: Config, params: Mapping[str, str]) -> Result:
    project_id = _project_id(params)
    document = parse_json_object(request.body)
    check_fields(document, APP_FIELDS)
    app = {
        "app_id": document["app_id"],
        "project_id": project_id,
        "name": str(document["name"]).strip(),
        "platform": document["platform"],
        "created_at": now(),
        "created_by": _created_by(request),
    }
    app_id = app["app_id"]
    try:
        store.create_app(project_id, app)
    except ProjectNotFound:
        raise _unknown_project(project_id) from None
    except ProjectDeleting:
        raise conflict(
            "project_deleting", f"id: project {project_id!r} is being deleted", "id"
        ) from None
    except AppIdTaken as taken:
        where = f"project {taken.owner!r}" if taken.owner else "another project"
        raise conflict(
            "app_id_taken", f"app_id: {app_id!r} is registered already (in {where})", "app_id"
        ) from None
    except Contention:
        raise _contention() from None
    location = f"/api/projects/{project_id}/apps/{app_id}"
    return 201, app_view(app), {"location": location}


def list_apps(request: Request, store: Store, config: Config, params: Mapping[str, str]) -> Result:
    project_id = _project_id(params)
    limit = page_limit(request.query, config.page_size, MAX_PAGE_SIZE)
    start = decode_token(request.query, project_pk(project_id), APP_PREFIX)
    if store.get_project(project_id) is None:
        raise _unknown_project(project_id)
    items, after = store.list_apps(project_id, limit, start)
    next_token = None if after is None else encode_token(after)
    return 200, {"items": [app_view(i) for i in items], "next": next_token}, {}


def delete_app(request: Request, store: Store, config: Config, params: Mapping[str, str]) -> Result:
    project_id = _project_id(params)
    app_id = params["app_id"]
    if app_id_error(app_id) is not None:
        raise _unknown_app(project_id, app_id)
    try:
        store.delete_app(project_id, app_id)
    except ProjectNotFound:
        raise _unknown_project(project_id) from None
    except AppNotFound:
        raise _unknown_app(project_id, app_id) from None
    except Contention:
        raise _contention() from None
    return 200, {"project_id": project_id, "app_id": app_id, "deleted": True}, {}


# (path pattern, {method: route}); "{name}" is one path segment, "{name+}" the rest of the path.
ROUTES: tuple[tuple[str, Mapping[str, Route]], ...] = (
    ("/api/projects", {"GET": list_projects, "POST": create_project}),
    ("/api/projects/{id}", {"GET": get_project, "DELETE": delete_project}),
    ("/api/projects/{id}/apps", {"GET": list_apps, "POST": create_app}),
    ("/api/projects/{id}/apps/{app_id+}", {"DELETE": delete_app}),
)


def _compile(pattern: str) -> re.Pattern[str]:
    regex = re.sub(r"\{(\w+)\+\}", r"(?P<\1>.+)", pattern)
    regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", regex)
    return re.compile(regex, re.DOTALL)


_COMPILED = tuple((_compile(pattern), methods) for pattern, methods in ROUTES)


def match(method: str, path: str) -> tuple[Route, dict[str, str]]:
    """The route for (method, path) and its path parameters; 404 or 405 (with Allow) if none."""
    for regex, methods in _COMPILED:
        found = regex.fullmatch(path)
        if found is None:
            continue
        route = methods.get(method)
        if route is None:
            allowed = ", ".join(sorted(methods))
            raise ApiError(
                405,
                "method_not_allowed",
                f"method: expected one of {allowed} for {path}, found {method}",
                headers={"allow": allowed},
            )
        return route, found.groupdict()
    raise not_found("route_not_found", f"path: no route {path!r} (routes start at /api/)")


def dispatch(request: Request, store: Store, config: Config) -> Result:
    route, params = match(request.method, request.path)
    if request.caller is None:
        raise ApiError(
            401, "unauthenticated", "caller: expected the JWT authorizer's claims with a sub"
        )
    try:
        return route(request, store, config, params)
    except StoreError as exc:  # every kind is mapped above; one unmapped is a bug
        raise RuntimeError(f"unmapped store error {type(exc).__name__}") from exc
