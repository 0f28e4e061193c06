"""Throwaway redis-server and PostgreSQL instances on loopback, for the tests and the benchmarks.

Each server gets a free port and a temporary folder, and is stopped (folder removed) on stop().
Missing binaries raise ServerUnavailableError with what to install: CI installs redis-server in
.ci/run; PostgreSQL's binaries come with the machine image (/usr/lib/postgresql/<v>/bin).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


class ServerUnavailableError(RuntimeError):
    """A server binary is missing or the server did not come up; the message says what to do."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for_port(port: int, process: subprocess.Popen[bytes], name: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerUnavailableError(f"{name} exited with code {process.returncode} at start")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.02)
    raise ServerUnavailableError(f"{name} did not listen on 127.0.0.1:{port} within {timeout}s")


class RedisServer:
    """`redis-server` without persistence, in the foreground of a child process."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server")
        if binary is None:
            raise ServerUnavailableError(
                "redis-server not found on PATH: install it with "
                "`apt-get install -y redis-server` (CI does this in .ci/run)"
            )
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        _wait_for_port(self.port, self.process, "redis-server", 10.0)
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def postgres_bindir() -> Path:
    """The folder of initdb/pg_ctl: pg_config --bindir, else the newest /usr/lib/postgresql/*."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config is not None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10
            )
            candidates.append(Path(out.stdout.strip()))
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    versions.sort(key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0)
    candidates.extend(Path(p) for p in reversed(versions))
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    tried = ", ".join(str(c) for c in candidates) or "pg_config not on PATH"
    raise ServerUnavailableError(
        f"PostgreSQL server binaries (initdb, pg_ctl) not found (tried {tried}): "
        "install postgresql (apt-get install -y postgresql)"
    )


class PostgresServer:
    """A fresh cluster in a temporary folder (trust auth, fsync off), database `clickstack`.

    As root the binaries run as the `postgres` user (initdb refuses root)."""

    database = "clickstack"
    user = "postgres"

    def __init__(self) -> None:
        self.port = free_port()
        self.bindir = postgres_bindir()
        self.root: Path | None = None

    def _run(self, *argv: str) -> None:
        command = list(argv)
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise ServerUnavailableError(
                f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()[-2000:]}"
            )

    def start(self) -> PostgresServer:
        self.root = Path(tempfile.mkdtemp(prefix="clickstack-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        data = self.root / "data"
        self._run(
            str(self.bindir / "initdb"), "-D", str(data), "-U", self.user, "-A", "trust",
            "--no-sync", "-E", "UTF8", "--locale", "C",
        )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(self.root / "log"),
            "-o", options, "-w", "-t", "30", "start",
        )  # fmt: skip
        self._run(
            str(self.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
            "-U", self.user, self.database,
        )  # fmt: skip
        return self

    def stop(self) -> None:
        if self.root is None:
            return
        data = self.root / "data"
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(ServerUnavailableError, subprocess.SubprocessError):
                self._run(
                    str(self.bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"
                )
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    def environ(self) -> dict[str, str]:
        """PG* variables for the profile_updater config."""
        return {
            "PGHOST": "127.0.0.1",
            "PGPORT": str(self.port),
            "PGDATABASE": self.database,
            "PGUSER": self.user,
            "PGPASSWORD": "",
            "PGSSLMODE": "disable",
        }
