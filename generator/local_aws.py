"""The local AWS: moto in server mode (with local_aws_fixes) on a loopback port, over TLS.

``make up`` starts it and ``make down`` stops it; the envs whose manifest says
``target: local`` plan and apply against it. Its files live in ``build/local-aws/``:
``endpoint.json`` (url, pid, CA bundle), the self-signed certificate and key, ``server.log``.

TLS because the lake buckets deny requests without aws:SecureTransport, as they must on AWS.
moto keeps everything in memory: stopping it forgets every resource, so ``down`` refuses while
a local env still has Terraform state, unless forced.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import write_atomic
from generator.errors import LocalAwsError
from generator.toolchain import BUILD_DIR, REPO_ROOT, shown

STATE_DIR = BUILD_DIR / "local-aws"
HOST = "127.0.0.1"
ACCOUNT_ID = "123456789012"  # the account moto answers with (STS GetCallerIdentity)
SERVER_MODULE = "generator.local_aws_server"
PORT_VARIABLE = "LOCAL_AWS_PORT"
START_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class LocalAws:
    url: str
    pid: int
    ca_bundle: Path
    log: Path

    def environment(self, region: str) -> dict[str, str]:
        """What a process needs to talk to the local AWS, and only to it: fake keys replace
        any real credentials or profile, so a local run can never reach an AWS account."""
        return {
            "AWS_ENDPOINT_URL": self.url,
            "AWS_CA_BUNDLE": str(self.ca_bundle),
            "AWS_ACCESS_KEY_ID": "local-aws",
            "AWS_SECRET_ACCESS_KEY": "local-aws",
            "AWS_REGION": region,
            "AWS_DEFAULT_REGION": region,
            # moto answers calls it lacks with HTTP 500: a few retries, not minutes of them
            "AWS_MAX_ATTEMPTS": "3",
            "AWS_RETRY_MODE": "standard",
            "AWS_EC2_METADATA_DISABLED": "true",
        }


CREDENTIAL_VARIABLES = ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ROLE_ARN")


def _context(ca_bundle: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(ca_bundle))


def _healthy(url: str, ca_bundle: Path) -> bool:
    try:
        with urllib.request.urlopen(
            f"{url}/moto-api/", timeout=2, context=_context(ca_bundle)
        ) as reply:
            return bool(reply.status == 200)
    except (OSError, ssl.SSLError):
        return False


def _is_our_server(pid: int, port: int) -> bool:
    """True when ``pid`` is a local AWS server on ``port`` (a recycled pid is left alone)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return SERVER_MODULE.encode() in cmdline and str(port).encode() in cmdline


def _port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def read(state_dir: Path = STATE_DIR) -> LocalAws | None:
    """The local AWS recorded in ``state_dir`` if it is running and answering, else None."""
    endpoint = state_dir / "endpoint.json"
    try:
        record = json.loads(endpoint.read_text())
        found = LocalAws(
            url=str(record["url"]),
            pid=int(record["pid"]),
            ca_bundle=Path(record["ca_bundle"]),
            log=Path(record["log"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not _is_our_server(found.pid, _port_of(found.url)):
        return None
    return found if _healthy(found.url, found.ca_bundle) else None


def require(state_dir: Path = STATE_DIR) -> LocalAws:
    found = read(state_dir)
    if found is None:
        raise LocalAwsError(
            f"the local AWS is not running ({shown(state_dir / 'endpoint.json')} names no "
            "live server); start it with `make up`"
        )
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _port_taken(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return True
    return False


def _write_certificate(cert: Path, key: Path) -> None:
    """A self-signed certificate for 127.0.0.1, valid 30 days (cryptography comes with moto)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "clickstack local AWS")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(HOST))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(private, hashes.SHA256())
    )
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key.chmod(0o600)
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def up(state_dir: Path = STATE_DIR, port: int | None = None) -> tuple[LocalAws, bool]:
    """Start the local AWS unless it already runs; returns it and whether it was started."""
    running = read(state_dir)
    if running is not None:
        return running, False
    if port is None and os.environ.get(PORT_VARIABLE):
        raw = os.environ[PORT_VARIABLE]
        if not raw.isdigit() or not 1024 <= int(raw) <= 65535:
            raise LocalAwsError(f"{PORT_VARIABLE}: expected a port 1024-65535, found {raw!r}")
        port = int(raw)
    if port is not None and _port_taken(port):
        raise LocalAwsError(
            f"{HOST}:{port} is taken by another process; free it or choose another port with "
            f"{PORT_VARIABLE}=<port> (unset picks a free one)"
        )
    port = port or _free_port()
    state_dir.mkdir(parents=True, exist_ok=True)
    cert, key, log = state_dir / "cert.pem", state_dir / "key.pem", state_dir / "server.log"
    _write_certificate(cert, key)
    url = f"https://{HOST}:{port}"
    command = [sys.executable, "-m", SERVER_MODULE, "-H", HOST, "-p", str(port)]
    command += ["-c", str(cert), "-k", str(key)]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command,
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
            start_new_session=True,  # survives the make that started it; Ctrl-C stays ours
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _healthy(url, cert):
        if process.poll() is not None or time.monotonic() > deadline:
            if process.poll() is None:
                process.kill()
                process.wait()
            raise LocalAwsError(
                f"the local AWS did not become healthy on {url} within {START_TIMEOUT_S:.0f} s "
                f"(exit {process.returncode}); last lines of {shown(log)}:\n{_tail(log)}"
            )
        time.sleep(0.2)
    found = LocalAws(url=url, pid=process.pid, ca_bundle=cert, log=log)
    record = {
        "url": url,
        "pid": process.pid,
        "ca_bundle": str(cert),
        "log": str(log),
        "account_id": ACCOUNT_ID,
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    write_atomic(state_dir / "endpoint.json", json.dumps(record, indent=2) + "\n")
    return found, True


def down(state_dir: Path = STATE_DIR) -> int | None:
    """Stop the server recorded in ``state_dir``; returns its pid, or None if none ran.

    Only a process that is a local AWS server on the recorded port is signalled.
    """
    endpoint = state_dir / "endpoint.json"
    try:
        record = json.loads(endpoint.read_text())
        pid, port = int(record["pid"]), _port_of(str(record["url"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    stopped = None
    if _is_our_server(pid, port):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while _is_our_server(pid, port) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _is_our_server(pid, port):
            os.kill(pid, signal.SIGKILL)
        stopped = pid
    endpoint.unlink(missing_ok=True)
    return stopped


STATE_FILE_NAME = "terraform.tfstate"


def state_file(env: str) -> Path:
    """Terraform state of a ``target: local`` env (backend "local", its path passed at init)."""
    return BUILD_DIR / env / STATE_FILE_NAME


def activate(env: str, region: str, state_dir: Path = STATE_DIR) -> LocalAws:
    """Point this process (and the terraform it runs) at the running local AWS, and only at it:
    its endpoint and CA, fake keys instead of any credentials or profile, and the env's local
    state file ``build/<env>/terraform.tfstate`` for the backend."""
    running = require(state_dir)
    for name in CREDENTIAL_VARIABLES:
        os.environ.pop(name, None)
    os.environ.update(running.environment(region))
    os.environ["CLICKSTACK_BACKEND_CONFIG"] = f"path={state_file(env)}"
    return running


def states_with_resources(build_dir: Path = BUILD_DIR) -> list[Path]:
    """Local-target state files that still record resources (the local AWS holds them)."""
    found = []
    for state in sorted(build_dir.glob(f"*/{STATE_FILE_NAME}")):
        try:
            resources = json.loads(state.read_text()).get("resources") or []
        except (OSError, ValueError):
            continue
        if resources:
            found.append(state)
    return found
