"""profile_updater reads its PostgreSQL credentials from Secrets Manager (DATABASE_SECRET_ARN):
the secret RDS keeps for the Aurora master user, JSON {"username", "password"}.

Against the project's local AWS (moto in server mode, over TLS, generator/local_aws.py) found
through AWS_ENDPOINT_URL and AWS_CA_BUNDLE only, as the function finds the real one, and the
real PostgreSQL of the other profile_updater tests, where a role of each test logs in with a
password (scram-sha-256) instead of the cluster's trust authentication.
"""

from __future__ import annotations

import base64
import json
import logging
import secrets
import traceback
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import orjson
import psycopg
import pytest
from firehose_samples import RECEIVED_AT, envelope, web_event
from profile_updater import db_secret
from profile_updater import handler as handler_module
from profile_updater.config import Config, ConfigError, load_config
from profile_updater.db_secret import DatabaseSecretError
from profile_updater.profiles import ProfileStore, make_client
from profile_updater.updater import BatchResult, process_batch
from profile_updater.users import UserStore, migrate
from psycopg import sql
from servers import PostgresServer, RedisServer, free_port

from generator import local_aws

REGION = "eu-west-1"
GET_SECRET_VALUE = "before-parameter-build.secrets-manager.GetSecretValue"


def seq(n: int) -> str:
    return f"{n:056d}"


def raw_record(data: bytes, n: int) -> dict[str, Any]:
    """A Kinesis event-source record carrying `data`, sequence number seq(n)."""
    return {
        "kinesis": {
            "partitionKey": "user",
            "sequenceNumber": seq(n),
            "data": base64.b64encode(data).decode(),
            "approximateArrivalTimestamp": RECEIVED_AT / 1000,
        },
        "eventSource": "aws:kinesis",
        "eventID": f"shardId-000000000000:{seq(n)}",
    }


def web(n: int, user_id: str = "user-42") -> dict[str, Any]:
    """A Kinesis record of one web event of `user_id`."""
    event = web_event(event_id=f"evt-{n}", user_id=user_id, timestamp=RECEIVED_AT - 60_000)
    return raw_record(orjson.dumps(envelope(event)), n)


def run_batch(config: Config, *records: dict[str, Any]) -> BatchResult:
    """One batch through fresh stores, as a new container would run it."""
    profiles, users = ProfileStore(make_client(config), config), UserStore(config)
    try:
        return process_batch(list(records), config, profiles, users)
    finally:
        users.close()
        profiles.client.close()


@pytest.fixture(scope="module")
def local_aws_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[local_aws.LocalAws]:
    folder = tmp_path_factory.mktemp("local-aws")
    running, started = local_aws.up(folder)
    assert started, "a fresh folder cannot have a running local AWS"
    try:
        yield running
    finally:
        assert local_aws.down(folder) == running.pid


@pytest.fixture
def aws(local_aws_server: local_aws.LocalAws, monkeypatch: pytest.MonkeyPatch) -> Any:
    """This process points at the local AWS through the environment only (the function's
    client is built from it); a fresh container: no client, no cached credentials. Returns an
    admin client to create and change secrets with."""
    for name in (*local_aws.CREDENTIAL_VARIABLES, "AWS_ENDPOINT_URL_SECRETS_MANAGER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in local_aws_server.environment(REGION).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(db_secret, "_CLIENTS", {})
    monkeypatch.setattr(db_secret, "_CACHE", {})
    return boto3.client(
        "secretsmanager",
        region_name=REGION,
        endpoint_url=local_aws_server.url,
        verify=str(local_aws_server.ca_bundle),
        aws_access_key_id="local-aws",
        aws_secret_access_key="local-aws",
    )


def create_secret(aws: Any, value: dict[str, Any] | str | bytes) -> str:
    name = f"clickstack-test/aurora-{uuid.uuid4().hex[:8]}"
    if isinstance(value, bytes):
        return str(aws.create_secret(Name=name, SecretBinary=value)["ARN"])
    text = value if isinstance(value, str) else json.dumps(value)
    return str(aws.create_secret(Name=name, SecretString=text)["ARN"])


def reads(secret_arn: str) -> list[str]:
    """GetSecretValue calls the function's own client makes from now on, as a growing list."""
    calls: list[str] = []
    client = db_secret.secrets_client(db_secret.region_of(secret_arn))
    client.meta.events.register(
        GET_SECRET_VALUE, lambda params, **_: calls.append(params["SecretId"])
    )
    return calls


@dataclass
class Role:
    """A PostgreSQL login role that must give its password (an Aurora master user stand-in)."""

    name: str
    password: str
    admin: psycopg.Connection[Any]

    def set_password(self, password: str) -> None:
        """What RDS does when it rotates the master user's password."""
        self.admin.execute(
            sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                sql.Identifier(self.name), sql.Literal(password)
            )
        )
        self.password = password

    def secret(self, password: str | None = None) -> dict[str, str]:
        return {"username": self.name, "password": self.password if password is None else password}

    def drop_connections(self) -> None:
        """Connections of the role end (idle timeout, failover): the next batch reconnects."""
        self.admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
            (self.name,),
        )


def _refused(port: int, user: str) -> bool:
    try:
        psycopg.connect(
            host="127.0.0.1", port=port, dbname="clickstack", user=user, password="not-it"
        ).close()
    except psycopg.OperationalError as exc:
        return "password authentication failed" in str(exc)
    return False


def admin_connect(environ: dict[str, str]) -> psycopg.Connection[Any]:
    """The tests' own connection: the cluster's superuser, no password."""
    config = load_config(environ)
    return psycopg.connect(
        host=config.pg_host,
        port=config.pg_port,
        dbname=config.pg_database,
        user=PostgresServer.user,
        autocommit=True,
    )


def user_ids(environ: dict[str, str]) -> list[str]:
    with admin_connect(environ) as conn:
        return [row[0] for row in conn.execute("SELECT user_id FROM users ORDER BY 1")]


@pytest.fixture
def base_env(redis_server: RedisServer, postgres_server: PostgresServer) -> dict[str, str]:
    """The function's environment without database credentials; the users table emptied."""
    environ = {
        "REDIS_URL": redis_server.url,
        "KEY_PREFIX": f"t{uuid.uuid4().hex[:12]}",
        **postgres_server.environ(),
    }
    del environ["PGUSER"], environ["PGPASSWORD"]
    with admin_connect(environ) as c:
        migrate(c)
        c.execute("TRUNCATE users")
    return environ


@pytest.fixture
def role(base_env: dict[str, str], postgres_server: PostgresServer) -> Iterator[Role]:
    """A role allowed to write the users table that logs in with scram-sha-256: one line for it
    ahead of pg_hba.conf (every other role keeps trust), removed afterwards."""
    name = f"app_{uuid.uuid4().hex[:8]}"
    admin = admin_connect(base_env)
    ident = sql.Identifier(name)
    admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(ident))
    admin.execute(sql.SQL("GRANT USAGE, CREATE ON SCHEMA public TO {}").format(ident))
    admin.execute(sql.SQL("GRANT SELECT, INSERT, UPDATE ON users TO {}").format(ident))
    created = Role(name, "", admin)
    created.set_password(secrets.token_urlsafe(18))
    hba = Path(str(admin.execute("SHOW hba_file").fetchone()[0]))  # type: ignore[index]
    original = hba.read_text()
    hba.write_text(f"host all {name} 127.0.0.1/32 scram-sha-256\n{original}")
    try:
        admin.execute("SELECT pg_reload_conf()")
        for _ in range(100):  # the postmaster reloads on SIGHUP, shortly after
            if _refused(postgres_server.port, name):
                break
            admin.execute("SELECT pg_sleep(0.05)")
        else:
            pytest.fail("pg_hba.conf reload did not take effect")
        yield created
    finally:
        hba.write_text(original)
        admin.execute("SELECT pg_reload_conf()")
        created.drop_connections()
        admin.execute(sql.SQL("DROP OWNED BY {}").format(ident))
        admin.execute(sql.SQL("DROP ROLE {}").format(ident))
        admin.close()


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A fresh container for handler tests; its connections closed afterwards."""
    monkeypatch.setattr(handler_module, "_RUNTIME", None)
    yield
    if handler_module._RUNTIME is not None:
        handler_module._RUNTIME.users.close()
        handler_module._RUNTIME.profiles.client.close()


def invoke(monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], *records: Any) -> Any:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return handler_module.handler({"Records": list(records)}, None)["batchItemFailures"]


def connected_user() -> str:
    assert handler_module._RUNTIME is not None and handler_module._RUNTIME.users.conn is not None
    return str(handler_module._RUNTIME.users.conn.info.user)


def config_for(base_env: dict[str, str], secret_arn: str) -> Config:
    return load_config({**base_env, "DATABASE_SECRET_ARN": secret_arn})


def test_credentials_from_the_secret_end_to_end(
    aws: Any,
    role: Role,
    base_env: dict[str, str],
    runtime: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    secret_arn = create_secret(aws, role.secret())
    calls = reads(secret_arn)
    # PGUSER names a role that needs no password: it must not be used
    environ = {**base_env, "DATABASE_SECRET_ARN": secret_arn, "PGUSER": "postgres"}
    assert invoke(monkeypatch, environ, web(1, user_id="u1")) == []
    assert connected_user() == role.name
    assert user_ids(base_env) == ["u1"]
    assert calls == [secret_arn]
    # a warm container reuses its connection; a new connection reuses the cached credentials
    assert invoke(monkeypatch, environ, web(2, user_id="u2")) == []
    role.drop_connections()
    assert invoke(monkeypatch, environ, web(3, user_id="u3")) == []
    assert calls == [secret_arn], "read once per container"
    assert user_ids(base_env) == ["u1", "u2", "u3"]


def test_rotated_password_is_read_again_once(
    aws: Any,
    role: Role,
    base_env: dict[str, str],
    runtime: None,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="profile_updater")
    secret_arn = create_secret(aws, role.secret())
    calls = reads(secret_arn)
    environ = {**base_env, "DATABASE_SECRET_ARN": secret_arn}
    assert invoke(monkeypatch, environ, web(1, user_id="u1")) == []
    old = role.password
    # RDS rotates: the database and the secret get a new password; sessions stay open
    role.set_password(secrets.token_urlsafe(18))
    aws.put_secret_value(SecretId=secret_arn, SecretString=json.dumps(role.secret()))
    assert invoke(monkeypatch, environ, web(2, user_id="u2")) == []
    assert len(calls) == 1, "an open connection needs no password"
    role.drop_connections()
    # the cached password is refused: one read, one reconnect, and the batch goes through
    assert invoke(monkeypatch, environ, web(3, user_id="u3")) == []
    assert calls == [secret_arn, secret_arn]
    assert connected_user() == role.name
    assert user_ids(base_env) == ["u1", "u2", "u3"]
    [warning] = [json.loads(r.getMessage()) for r in caplog.records if r.levelno == logging.WARNING]
    assert warning == {
        "message": "database password refused; secret read again",
        "secret": secret_arn,
        "user": role.name,
        "changed": True,
    }
    assert not any(p in caplog.text for p in (old, role.password))


def test_second_refusal_fails_the_batch_and_the_next_one_reads_again(
    aws: Any,
    role: Role,
    base_env: dict[str, str],
    runtime: None,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="profile_updater")
    secret_arn = create_secret(aws, role.secret())
    calls = reads(secret_arn)
    environ = {**base_env, "DATABASE_SECRET_ARN": secret_arn}
    assert invoke(monkeypatch, environ, web(1, user_id="u1")) == []
    # the secret changes, but to a password the database does not accept either
    role.set_password(secrets.token_urlsafe(18))
    wrong = secrets.token_urlsafe(18)
    aws.put_secret_value(SecretId=secret_arn, SecretString=json.dumps(role.secret(wrong)))
    role.drop_connections()
    batch = [raw_record(b"{", 1), web(2, user_id="u2"), web(3, user_id="u3")]
    failed = invoke(monkeypatch, environ, *batch)
    assert failed == [{"itemIdentifier": seq(2)}, {"itemIdentifier": seq(3)}]
    assert len(calls) == 2, "one read again per refusal, no loop"
    [summary] = [json.loads(r.getMessage()) for r in caplog.records if r.levelno == logging.ERROR]
    [error] = summary["errors"]
    assert error.startswith("postgres: OperationalError:")
    assert "password authentication failed" in error
    # the same password again is not tried: the next refusal reads, finds it unchanged, fails
    assert invoke(monkeypatch, environ, *batch) != []
    assert len(calls) == 3
    assert json.loads(caplog.records[-2].getMessage())["changed"] is False
    # the secret is fixed (rotation finished): the retried batch goes through
    aws.put_secret_value(SecretId=secret_arn, SecretString=json.dumps(role.secret()))
    assert invoke(monkeypatch, environ, *batch) == []
    assert len(calls) == 4
    assert user_ids(base_env) == ["u1", "u2", "u3"]
    assert not any(p in caplog.text for p in (wrong, role.password))


PASSWORD = "pw-0123456789-must-not-show"
BAD_SECRETS: list[tuple[str, str | bytes, str]] = [
    ("not json", f"password={PASSWORD}", "found text that is not JSON"),
    ("array", json.dumps(["clickstack", PASSWORD]), "found JSON an array"),
    ("string", json.dumps(PASSWORD), "found JSON a string"),
    (
        "no password",
        json.dumps({"username": "clickstack", "pass": PASSWORD}),
        'found no "password" (keys: "pass", "username")',
    ),
    ("empty object", "{}", 'found no "username" and no "password" (keys: none)'),
    (
        "password not a string",
        json.dumps({"username": "clickstack", "password": 86753090}),
        'found "password" as a number',
    ),
    (
        "username not a string",
        json.dumps({"username": None, "password": PASSWORD}),
        'found "username" as null',
    ),
    ("empty password", json.dumps({"username": "clickstack", "password": ""}), 'an empty "pass'),
    ("binary", PASSWORD.encode(), "found a SecretBinary"),
]


@pytest.mark.parametrize(("case", "value", "found"), BAD_SECRETS, ids=[c[0] for c in BAD_SECRETS])
def test_bad_secret_content_fails_the_batch_with_one_clear_error(
    case: str, value: str | bytes, found: str, aws: Any, base_env: dict[str, str]
) -> None:
    secret_arn = create_secret(aws, value)
    with pytest.raises(DatabaseSecretError) as raised:
        db_secret.credentials(secret_arn)
    message = str(raised.value)
    assert message.startswith(f"DATABASE_SECRET_ARN {secret_arn}: expected a SecretString of JSON")
    assert '{"username": "<user>", "password": "<password>"}' in message
    assert found in message, message
    shown = "".join(traceback.format_exception(raised.value))  # as a Lambda error would log it
    assert PASSWORD not in shown and "86753090" not in shown
    result = run_batch(config_for(base_env, secret_arn), raw_record(b"[]", 0), web(1), web(2))
    assert result.failed_sequence_numbers == [seq(1), seq(2)]
    assert result.errors == [f"postgres: DatabaseSecretError: {message}"]
    assert db_secret._CACHE == {}, "nothing cached: the next batch reads the secret again"


def test_missing_secret_fails_the_batch_naming_it(aws: Any, base_env: dict[str, str]) -> None:
    secret_arn = f"arn:aws:secretsmanager:{REGION}:{local_aws.ACCOUNT_ID}:secret:nope-AbCdEf"
    result = run_batch(config_for(base_env, secret_arn), web(1), web(2))
    assert result.failed_sequence_numbers == [seq(1), seq(2)]
    [error] = result.errors
    assert error.startswith(
        f"postgres: DatabaseSecretError: DATABASE_SECRET_ARN {secret_arn}: expected an existing "
        "secret, found no such secret (ResourceNotFoundException: "
    ), error


def test_unreachable_secrets_manager_fails_the_batch(
    aws: Any, base_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"https://127.0.0.1:{free_port()}")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    secret_arn = f"arn:aws:secretsmanager:{REGION}:{local_aws.ACCOUNT_ID}:secret:any-AbCdEf"
    result = run_batch(config_for(base_env, secret_arn), web(1))
    assert result.failed_sequence_numbers == [seq(1)]
    assert result.errors[0].startswith(
        f"postgres: DatabaseSecretError: DATABASE_SECRET_ARN {secret_arn}: GetSecretValue failed "
        "(EndpointConnectionError: "
    ), result.errors


def test_secret_and_pgpassword_are_one_source_or_the_other() -> None:
    secret_arn = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:clickstack-test/aurora-Ab"
    with pytest.raises(ConfigError, match="PGPASSWORD and DATABASE_SECRET_ARN") as raised:
        load_config({"DATABASE_SECRET_ARN": secret_arn, "PGPASSWORD": "hunter2"})
    assert "expected one source of database credentials, found both" in str(raised.value)
    assert "hunter2" not in str(raised.value)
    # an empty PGPASSWORD is no password; PGUSER is ignored with the secret
    config = load_config({"DATABASE_SECRET_ARN": secret_arn, "PGPASSWORD": "", "PGUSER": "x"})
    assert config.database_secret_arn == secret_arn
    assert load_config({"PGPASSWORD": "hunter2"}).database_secret_arn == ""
    for bad in ("clickstack-test/aurora", "arn:aws:ssm:eu-west-1:111111111111:parameter/x"):
        with pytest.raises(ConfigError, match=r"DATABASE_SECRET_ARN: expected a secret ARN"):
            load_config({"DATABASE_SECRET_ARN": bad})
