"""Per person-day sums of the metric rows, faults and events, kept up to date by the database.

A branch's month is millions of per-minute rows; a supervisor's report needs only their sums
per person and day (and per hour for the by-hour charts). `day_rollups`, `day_fault_rollups`
and `day_event_rollups` hold those sums and summaries read them instead of the minute rows,
so a branch month costs about what a team day did.

The sums are kept by triggers in the database itself, not by the code that writes rows: every
path that writes minute rows (the live SessionWriter rewriting a minute as it fills, the batch
runner, sync into the branch database, the benchmark's bulk seeding) keeps them right in the
same transaction, and a writer that is later rewritten cannot forget them. An insert adds the
row, an update adds the difference (new − old), a delete subtracts it. Deleting a session
first deletes its rows (a BEFORE DELETE trigger) so that their triggers still see whose they
were. The rollups are built over the table columns only, so they do not depend on how the rows
were computed.

`rebuild(store)` recomputes them from the rows (`python -m coach admin rebuild-rollups`), e.g.
after restoring a backup taken without them; the migration that adds them does the same.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

from coach.store.schema import METRIC_FIELDS

ROLLUP_TABLES = (
    "day_rollups",
    "day_fault_rollups",
    "hour_fault_rollups",
    "day_event_rollups",
    "hour_event_rollups",
)


def _cols(prefix: str = "", sign: str = "") -> str:
    return ", ".join(f"{sign}{prefix}{name}" for name in METRIC_FIELDS)


def _add_metrics(row: str, sign: str, where: str = "") -> str:
    """An upsert adding `sign`·(row's metric columns) to its person-day (`row` is NEW or OLD)."""
    fields = ", ".join(METRIC_FIELDS)
    updates = ", ".join(f"{n} = day_rollups.{n} + excluded.{n}" for n in METRIC_FIELDS)
    return (
        f"INSERT INTO day_rollups (staff_id, day, {fields}) "
        f"SELECT s.staff_id, {row}.day, {_cols(row + '.', sign)} FROM sessions s "
        f"WHERE s.id = {row}.session_id {where} "
        f"ON CONFLICT (staff_id, day) DO UPDATE SET {updates};"
    )


def _add_fault(row: str, sign: str) -> str:
    """Upserts adding `sign`·ms of a fault row to its person-day and to its hour."""
    source = (
        f"FROM metrics m JOIN sessions s ON s.id = m.session_id "
        f"WHERE m.session_id = {row}.session_id AND m.seq = {row}.seq "
    )
    return (
        "INSERT INTO day_fault_rollups (staff_id, day, fault, ms) "
        f"SELECT s.staff_id, m.day, {row}.fault, {sign}{row}.ms {source}"
        "ON CONFLICT (staff_id, day, fault) DO UPDATE SET ms = day_fault_rollups.ms + excluded.ms; "
        "INSERT INTO hour_fault_rollups (day, hour, fault, staff_id, ms) "
        f"SELECT m.day, m.hour, {row}.fault, s.staff_id, {sign}{row}.ms {source}"
        "ON CONFLICT (day, hour, fault, staff_id) DO UPDATE SET ms = hour_fault_rollups.ms + excluded.ms;"
    )


def _add_event(row: str, sign: str) -> str:
    source = f"FROM sessions s WHERE s.id = {row}.session_id "
    return (
        "INSERT INTO day_event_rollups (staff_id, day, kind, n) "
        f"SELECT s.staff_id, {row}.day, {row}.kind, {sign}1 {source}"
        "ON CONFLICT (staff_id, day, kind) DO UPDATE SET n = day_event_rollups.n + excluded.n; "
        "INSERT INTO hour_event_rollups (day, hour, kind, staff_id, n) "
        f"SELECT {row}.day, {row}.hour, {row}.kind, s.staff_id, {sign}1 {source}"
        "ON CONFLICT (day, hour, kind, staff_id) DO UPDATE SET n = hour_event_rollups.n + excluded.n;"
    )


_DELETE_SESSION_ROWS = (
    "DELETE FROM metric_faults WHERE session_id = OLD.id;"
    " DELETE FROM metrics WHERE session_id = OLD.id;"
    " DELETE FROM events WHERE session_id = OLD.id;"
)

# (name, timing and event, table, body using NEW/OLD)
_TRIGGERS: tuple[tuple[str, str, str, str], ...] = (
    ("coach_rollup_metrics_ins", "AFTER INSERT", "metrics", _add_metrics("NEW", "")),
    (
        "coach_rollup_metrics_upd",
        "AFTER UPDATE",
        "metrics",
        _add_metrics("OLD", "-") + " " + _add_metrics("NEW", ""),
    ),
    ("coach_rollup_metrics_del", "AFTER DELETE", "metrics", _add_metrics("OLD", "-")),
    # a fault row is written after its minute's row (same transaction), which gives its day and hour
    ("coach_rollup_faults_ins", "AFTER INSERT", "metric_faults", _add_fault("NEW", "")),
    (
        "coach_rollup_faults_upd",
        "AFTER UPDATE",
        "metric_faults",
        _add_fault("OLD", "-") + " " + _add_fault("NEW", ""),
    ),
    ("coach_rollup_faults_del", "BEFORE DELETE", "metric_faults", _add_fault("OLD", "-")),
    ("coach_rollup_events_ins", "AFTER INSERT", "events", _add_event("NEW", "")),
    ("coach_rollup_events_del", "AFTER DELETE", "events", _add_event("OLD", "-")),
    ("coach_session_rows_del", "BEFORE DELETE", "sessions", _DELETE_SESSION_ROWS),
)


def install_triggers(conn: Connection) -> None:
    """Create (or replace) the triggers that keep the rollups; idempotent."""
    dialect = conn.dialect.name
    drop_triggers(conn)
    for name, when, table, body in _TRIGGERS:
        if dialect == "sqlite":
            conn.exec_driver_sql(f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW BEGIN {body} END")
        else:
            result = "OLD" if when.startswith("BEFORE DELETE") else "NULL"
            conn.exec_driver_sql(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
                f"$fn$ BEGIN {body} RETURN {result}; END $fn$"
            )
            conn.exec_driver_sql(
                f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"
            )


def drop_triggers(conn: Connection) -> None:
    dialect = conn.dialect.name
    for name, _, table, _ in _TRIGGERS:
        if dialect == "sqlite":
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        else:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")


def fill(conn: Connection, days: Iterable | None = None) -> None:
    """Recompute the rollups from the rows (all of them, or only the given local days)."""
    day_list = list(days) if days is not None else None
    where_rollup = "" if day_list is None else " WHERE day IN :days"
    where_rows = "" if day_list is None else " AND m.day IN :days"
    where_events = "" if day_list is None else " AND e.day IN :days"
    params = {} if day_list is None else {"days": day_list}

    def run(sql: str) -> None:
        statement = text(sql)
        if day_list is not None:
            from sqlalchemy import bindparam

            statement = statement.bindparams(bindparam("days", expanding=True))
        conn.execute(statement, params)

    for table in ROLLUP_TABLES:
        run(f"DELETE FROM {table}{where_rollup}")
    sums = ", ".join(f"SUM(m.{n})" for n in METRIC_FIELDS)
    run(
        f"INSERT INTO day_rollups (staff_id, day, {', '.join(METRIC_FIELDS)}) "
        f"SELECT s.staff_id, m.day, {sums} FROM metrics m JOIN sessions s ON s.id = m.session_id "
        f"WHERE 1 = 1{where_rows} GROUP BY s.staff_id, m.day"
    )
    faults = (
        "FROM metric_faults f JOIN metrics m ON m.session_id = f.session_id AND m.seq = f.seq "
        f"JOIN sessions s ON s.id = f.session_id WHERE 1 = 1{where_rows} "
    )
    run(
        "INSERT INTO day_fault_rollups (staff_id, day, fault, ms) "
        f"SELECT s.staff_id, m.day, f.fault, SUM(f.ms) {faults}GROUP BY s.staff_id, m.day, f.fault"
    )
    run(
        "INSERT INTO hour_fault_rollups (day, hour, fault, staff_id, ms) "
        f"SELECT m.day, m.hour, f.fault, s.staff_id, SUM(f.ms) {faults}"
        "GROUP BY m.day, m.hour, f.fault, s.staff_id"
    )
    kinds = f"FROM events e JOIN sessions s ON s.id = e.session_id WHERE 1 = 1{where_events} "
    run(
        "INSERT INTO day_event_rollups (staff_id, day, kind, n) "
        f"SELECT s.staff_id, e.day, e.kind, COUNT(*) {kinds}GROUP BY s.staff_id, e.day, e.kind"
    )
    run(
        "INSERT INTO hour_event_rollups (day, hour, kind, staff_id, n) "
        f"SELECT e.day, e.hour, e.kind, s.staff_id, COUNT(*) {kinds}"
        "GROUP BY e.day, e.hour, e.kind, s.staff_id"
    )


def rebuild(store, days: Iterable | None = None) -> dict[str, int]:
    """Recompute the rollups in one write transaction; the number of rollup rows afterwards."""
    with store.writing() as conn:
        install_triggers(conn)
        fill(conn, days)
        count = "SELECT COUNT(*) FROM {}"
        return {table: int(conn.exec_driver_sql(count.format(table)).scalar()) for table in ROLLUP_TABLES}
