"""Fixtures for the store tests: the same tests run on a SQLite file and on a real PostgreSQL.

`pg_server` starts a throwaway PostgreSQL for the test session (initdb into a temporary
folder, a free loopback port, fsync off) and stops it afterwards. As root it runs the server as
the `postgres` user (or `nobody`), since PostgreSQL refuses to run as root. When the server
binaries are missing or it cannot start, the PostgreSQL half of the tests is skipped with the
reason. COACH_TEST_PG_URL points the tests at an existing server instead (each test gets its
own fresh database on it, so the URL's user needs CREATEDB).

Test modules load it with `pytest_plugins = ("store_pg",)`.
The server starts once per test run, on first use, and stops when the run ends.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from coach.store import Store

_counter = itertools.count()


def _bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PgServer:
    def __init__(self) -> None:
        self.folder: Path | None = None
        self.prefix: list[str] = []
        self.bin: Path | None = None
        self.url = ""

    def start(self) -> str | None:
        """Start the server; the reason it could not, or None."""
        self.bin = _bin_dir()
        if self.bin is None or not (self.bin / "initdb").exists():
            return (
                "PostgreSQL server binaries (initdb, pg_ctl) not found; install the Debian package postgresql"
            )
        owner = None
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            for name in ("postgres", "nobody"):
                try:
                    owner = pwd.getpwnam(name)
                    break
                except KeyError:
                    continue
            if owner is None or runuser is None:
                return "running as root and no 'postgres'/'nobody' user or runuser to run PostgreSQL as"
            self.prefix = [runuser, "-u", owner.pw_name, "--"]
        # as root, somewhere the server's user can reach even when TMPDIR is a private folder
        shared_tmp = "/tmp" if owner is not None and os.path.isdir("/tmp") else None
        self.folder = Path(tempfile.mkdtemp(prefix="coach-pg-", dir=shared_tmp))
        if owner is not None:
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        data = self.folder / "data"
        port = _free_port()
        steps = [
            [
                str(self.bin / "initdb"),
                "-D",
                str(data),
                "-U",
                "coach",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions",
            ],
            [
                str(self.bin / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(self.folder / "server.log"),
                "-w",
                "-t",
                "60",
                "-o",
                f"-F -p {port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=60",
                "start",
            ],
        ]
        for command in steps:
            done = subprocess.run(self.prefix + command, capture_output=True, text=True, timeout=120, cwd="/")
            if done.returncode != 0:
                log = self.folder / "server.log"
                tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
                if log.exists():
                    tail += log.read_text(errors="replace").strip().splitlines()[-3:]
                self.stop()
                return f"could not start PostgreSQL ({Path(command[0]).name}): {' | '.join(tail)}"
        self.url = f"postgresql+psycopg://coach@127.0.0.1:{port}/postgres"
        return None

    def stop(self) -> None:
        if self.folder is None:
            return
        if (self.folder / "data" / "postmaster.pid").exists() and self.bin is not None:
            subprocess.run(
                self.prefix
                + [str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
                capture_output=True,
                timeout=60,
                cwd="/",
            )
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


def fresh_database(server_url: str) -> str:
    """A new, empty database on the server; its URL."""
    name = f"coach_test_{os.getpid()}_{next(_counter)}"
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


_server: PgServer | None = None
_no_server_reason: str | None = None


def pg_server_url() -> str:
    """The URL of the running test server, started on first use (skips the test when it cannot)."""
    global _server, _no_server_reason
    existing = os.environ.get("COACH_TEST_PG_URL")
    if existing:
        return existing
    if _server is None and _no_server_reason is None:
        server = PgServer()
        _no_server_reason = server.start()
        if _no_server_reason is None:
            _server = server
            atexit.register(server.stop)
    if _server is None:
        pytest.skip(_no_server_reason)
    return _server.url


def drop_database(server_url: str, url: str) -> None:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    finally:
        engine.dispose()


@pytest.fixture
def pg_url():
    """A fresh database on the test PostgreSQL server."""
    server = pg_server_url()
    url = fresh_database(server)
    yield url
    drop_database(server, url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A fresh database: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'coach.db'}"
        return
    server = pg_server_url()
    url = fresh_database(server)
    yield url
    drop_database(server, url)


@pytest.fixture
def store(db_url):
    opened = Store(db_url)
    yield opened
    opened.close()
