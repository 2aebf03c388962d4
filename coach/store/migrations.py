"""Versioned schema migrations, run by the app itself whenever it opens a store.

A small equivalent of Alembic, chosen because the coach must migrate itself on start-up on
many workstations at once, with no `alembic.ini` / `env.py` to ship, and the whole schema is a
handful of tables. The rules:

* `coach_schema` holds one row per applied version. A fresh database gets every table from
  `schema.metadata` and is stamped with LATEST in one transaction (what Alembic recommends
  too: `create_all` + stamp head).
* An older database is brought forward one step at a time by the functions in STEPS, each step
  in the same transaction as its stamp. Steps never import `schema.py`'s tables (which show the
  latest shape); they spell out their own DDL.
* Concurrent openers are serialised: on PostgreSQL a transaction-scoped advisory lock, on
  SQLite `BEGIN IMMEDIATE`. Both databases run DDL inside transactions, so a step that fails
  leaves the schema as it was.
* A database newer than this program is refused with a clear message instead of being misread.

To change the schema: edit schema.py, bump LATEST, add STEPS[LATEST] = (description, function)
doing the same change to an existing database, and extend tests/test_store_migrations.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, func, inspect, select, text

from coach.store import rollups
from coach.store.errors import StoreError
from coach.store.schema import metadata, schema_version

LATEST = 3
BASELINE_DESCRIPTION = "people, sessions, metric rows, faults, events, calibration profiles, logins"
DAY_DESCRIPTION = "per person-day rollups kept by triggers; the break clock of a person's day"
IDENTITY_DESCRIPTION = "session authors, workstation credentials, store facts, canonical ids"
_ADVISORY_LOCK_KEY = 0x636F616368  # "coach"

Step = Callable[[Connection], None]
STEPS: dict[int, tuple[str, Step]] = {}


def _day_tables(conn: Connection) -> None:
    """Version 2: the rollup tables (filled from the rows already there), their triggers, and
    `break_days`. The tables are spelled out here as they were at version 2."""
    from sqlalchemy import (
        JSON,
        BigInteger,
        Column,
        Date,
        DateTime,
        Index,
        MetaData,
        SmallInteger,
        String,
        Table,
    )
    from sqlalchemy.dialects.postgresql import JSONB

    from coach.store.schema import METRIC_FIELDS

    meta = MetaData()
    json = JSON().with_variant(JSONB(), "postgresql")
    Table(
        "day_rollups",
        meta,
        Column("staff_id", String(64), primary_key=True),
        Column("day", Date, primary_key=True),
        *(Column(name, BigInteger, nullable=False, default=0) for name in METRIC_FIELDS),
        Index("ix_day_rollups_day", "day"),
        sqlite_with_rowid=False,
    )
    for what, value in (("fault", "ms"), ("kind", "n")):
        name = "fault" if what == "fault" else "event"
        Table(
            f"day_{name}_rollups",
            meta,
            Column("staff_id", String(64), primary_key=True),
            Column("day", Date, primary_key=True),
            Column(what, String(64), primary_key=True),
            Column(value, BigInteger, nullable=False, default=0),
            Index(f"ix_day_{name}_rollups_day", "day"),
            sqlite_with_rowid=False,
        )
        Table(
            f"hour_{name}_rollups",
            meta,
            Column("day", Date, primary_key=True),
            Column("hour", SmallInteger, primary_key=True),
            Column(what, String(64), primary_key=True),
            Column("staff_id", String(64), primary_key=True),
            Column(value, BigInteger, nullable=False, default=0),
            sqlite_with_rowid=False,
        )
    Table(
        "break_days",
        meta,
        Column("staff_id", String(64), primary_key=True),
        Column("day", Date, primary_key=True),
        Column("saved_at", DateTime(timezone=True), nullable=False),
        Column("state", json, nullable=False),
        Column("workstation", String(128), nullable=False, default=""),
    )
    meta.create_all(conn)
    rollups.install_triggers(conn)
    rollups.fill(conn)


STEPS[2] = (DAY_DESCRIPTION, _day_tables)


def _step_3_identities(conn: Connection) -> None:
    """Who recorded each session, workstation credentials, and the fact that an admin existed."""
    from sqlalchemy import Column, DateTime, MetaData, String, Table

    conn.execute(text("ALTER TABLE sessions ADD COLUMN recorded_by VARCHAR(80)"))
    shapes = MetaData()
    Table(
        "workstation_tokens",
        shapes,
        Column("token_hash", String(64), primary_key=True),
        Column("name", String(64), nullable=False, unique=True),
        Column("issued_by", String(64), nullable=False),
        Column("issued_at", DateTime(timezone=True), nullable=False),
        Column("revoked_at", DateTime(timezone=True), nullable=True),
    )
    facts = Table(
        "store_facts",
        shapes,
        Column("name", String(64), primary_key=True),
        Column("value", String(200), nullable=False),
        Column("set_at", DateTime(timezone=True), nullable=False),
    )
    shapes.create_all(conn)
    if conn.execute(text("SELECT 1 FROM people WHERE role = 'admin' LIMIT 1")).first() is not None:
        conn.execute(facts.insert().values(name="admin_created", value="", set_at=datetime.now(UTC)))
    _canonical_people(conn)


_PERSON_REFERENCES = ("sessions", "login_sessions", "calibration_profiles", "break_days")


def _canonical_people(conn: Connection) -> None:
    """Bring the ids and teams already stored to their canonical form (coach.store.identity), so
    that people added before it still log in. An id whose canonical form is taken by someone
    else, or is not a valid id at all, is left as it is for an admin to sort out."""
    from coach.store.errors import StoreError
    from coach.store.identity import canonical_id, canonical_team

    rows = conn.execute(text("SELECT staff_id, team FROM people")).all()
    taken = {row.staff_id for row in rows}
    moved = False
    for row in rows:
        try:
            team = canonical_team(row.team)
        except StoreError:
            team = row.team
        if team != row.team:
            values = {"team": team, "id": row.staff_id}
            conn.execute(text("UPDATE people SET team = :team WHERE staff_id = :id"), values)
        try:
            new_id = canonical_id(row.staff_id)
        except StoreError:
            continue
        if new_id == row.staff_id or new_id in taken:
            continue
        columns = "display_name, role, team, active, password_hash, failed_logins, locked_until, created_at"
        conn.execute(
            text(f"INSERT INTO people (staff_id, {columns}) "
                 f"SELECT :new, {columns} FROM people WHERE staff_id = :old"),
            {"new": new_id, "old": row.staff_id},
        )
        for table in _PERSON_REFERENCES:
            conn.execute(text(f"UPDATE {table} SET staff_id = :new WHERE staff_id = :old"),
                         {"new": new_id, "old": row.staff_id})
        conn.execute(text("DELETE FROM people WHERE staff_id = :old"), {"old": row.staff_id})
        taken.add(new_id)
        moved = True
    if moved:  # the per person-day rollups are keyed by id: recompute them under the new ids
        rollups.fill(conn)


STEPS[3] = (IDENTITY_DESCRIPTION, _step_3_identities)


def current_version(conn: Connection) -> int:
    """The schema version of the database behind `conn` (0 when it has no coach tables)."""
    if not inspect(conn).has_table(schema_version.name):
        return 0
    return int(conn.execute(select(func.max(schema_version.c.version))).scalar() or 0)


def upgrade(store) -> int:
    """Bring the store's schema to LATEST; returns the version it was at before."""
    with store.writing() as conn:
        if store.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY})
        before = current_version(conn)
        if before > LATEST:
            raise StoreError("store.error.schema_newer", found=before, supported=LATEST)
        if before == 0:
            metadata.create_all(conn)
            rollups.install_triggers(conn)
            _stamp(conn, LATEST, IDENTITY_DESCRIPTION)
            return 0
        for version in range(before + 1, LATEST + 1):
            description, step = STEPS[version]
            step(conn)
            _stamp(conn, version, description)
        return before


def _stamp(conn: Connection, version: int, description: str) -> None:
    conn.execute(
        schema_version.insert().values(version=version, description=description, applied_at=datetime.now(UTC))
    )
