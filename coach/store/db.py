"""Where the store lives and how to talk to it: one SQLAlchemy engine per `Store`.

SQLite is the embedded default: a file in the user's data folder, in WAL mode so that a report
reading months of rows never blocks the live writer. PostgreSQL serves a whole branch when
`COACH_DB_URL` (or the `url` argument) names one. The same tables, queries and migrations serve
both; the few dialect differences (upserts, how a write transaction begins) live here.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, create_engine, event
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from coach.person import data_dir
from coach.store.errors import StoreBusy, StoreError, classify

ENV_URL = "COACH_DB_URL"
SQLITE_BUSY_TIMEOUT_S = 5.0
_WRITE_OPTION = "coach_write"


def default_url() -> str:
    """COACH_DB_URL when set, else the SQLite file `coach.db` in the data folder."""
    return os.environ.get(ENV_URL) or f"sqlite:///{data_dir() / 'coach.db'}"


def normalize_url(url: str) -> str:
    """Accept plain `postgresql://` and `postgres://` URLs and use the psycopg 3 driver for them."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def safe_url(url: str) -> str:
    """The URL with any password masked, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # e.g. a port that is not a number
        return re.sub(r"(://[^/@:]*):[^/@]*@", r"\1:***@", url)


class Store:
    """A connection to the coach database, migrated to the current schema on opening.

    `writing()` gives a connection inside a write transaction (on SQLite it begins with
    `BEGIN IMMEDIATE`, so two writers queue on the busy timeout instead of failing when a read
    transaction tries to become a write one); `reading()` a plain read transaction.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        migrate: bool = True,
        sqlite_busy_timeout_s: float = SQLITE_BUSY_TIMEOUT_S,
    ) -> None:
        self.url = normalize_url(url or default_url())
        try:
            parsed = make_url(self.url)
        except (ArgumentError, ValueError):
            raise StoreError("store.error.bad_url", url=safe_url(self.url)) from None
        self.dialect = parsed.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise StoreError("store.error.unsupported_db", url=safe_url(self.url))
        if self.dialect == "sqlite":
            self.engine = _sqlite_engine(self.url, parsed.database, sqlite_busy_timeout_s)
        else:
            self.engine = create_engine(
                self.url,
                pool_pre_ping=True,
                connect_args={"connect_timeout": 10, "application_name": "coach"},
            )
        if migrate:
            from coach.store.migrations import upgrade

            _retry_while_busy(lambda: upgrade(self))

    def __repr__(self) -> str:
        return f"Store({safe_url(self.url)!r})"

    @property
    def label(self) -> str:
        return safe_url(self.url)

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A connection in a write transaction, committed on leaving; driver errors become StoreErrors."""
        try:
            with self.engine.connect().execution_options(**{_WRITE_OPTION: True}) as conn, conn.begin():
                yield conn
        except SQLAlchemyError as error:
            raise classify(error) from error

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except SQLAlchemyError as error:
            raise classify(error) from error

    def insert(self, table: Table):
        """An INSERT that supports `.on_conflict_do_nothing()` / `.on_conflict_do_update()` here."""
        return (sqlite_dialect if self.dialect == "sqlite" else pg_dialect).insert(table)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# Opening a SQLite file in WAL mode can answer "database is locked" at once, without waiting on
# the busy timeout, while another process recovers or checkpoints the WAL on its own open or
# close (sqlite.org/wal.html, "Sometimes Queries Return SQLITE_BUSY In WAL Mode"). Several
# workstation processes starting together hit that window, so the opening migration is retried.
OPEN_RETRIES = 40
OPEN_RETRY_PAUSE_S = 0.25


def _retry_while_busy(action):
    for attempt in range(OPEN_RETRIES):
        try:
            return action()
        except StoreBusy:
            if attempt == OPEN_RETRIES - 1:
                raise
            time.sleep(OPEN_RETRY_PAUSE_S)
    return None


def _make_private(path: Path) -> None:
    """The database file 0600 (created so, before SQLite creates it with the umask's mode), its WAL
    files likewise, and its folder 0700 when it is the coach's own data folder or is new here."""
    from coach.private_files import private_file, private_folder, tighten_if_present

    private_folder(path.parent, tighten=path.parent.resolve() == data_dir().resolve())
    private_file(path)
    for suffix in ("-wal", "-shm", "-journal"):
        tighten_if_present(path.with_name(path.name + suffix))


def _sqlite_engine(url: str, database: str | None, busy_timeout_s: float) -> Engine:
    in_memory = not database or database == ":memory:"
    if not in_memory:
        path = Path(database)
        try:
            _make_private(path)
        except OSError as problem:
            raise StoreError(
                "store.error.cannot_open", detail=f"{path.parent}: {problem.strerror}"
            ) from problem
    engine = create_engine(url, connect_args={"timeout": busy_timeout_s})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Take BEGIN away from the sqlite3 module so that we choose DEFERRED vs IMMEDIATE below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                # FULL: each commit is on disk before the writer moves on (one fsync a second).
                cursor.execute("PRAGMA synchronous=FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
