"""Sync of a workstation's SQLite file into the branch database: everything arrives once, a
second (or interrupted, or simultaneous) run duplicates nothing, open sessions keep flowing,
and no password leaves the workstation. The target is PostgreSQL, and a second SQLite file
where PostgreSQL cannot start."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from coach.readings import Event
from coach.store import SessionWriter, Store, StoreError, save_profile, sync
from coach.store.people import put_person
from coach.store.schema import (
    calibration_profiles,
    events,
    metric_faults,
    metrics,
    people,
    sessions,
    sync_marks,
)
from coach.store.synthetic import live_steps
from coach.store.util import utc

pytest_plugins = ("store_pg",)


def dump(store) -> dict:
    """Everything sync must carry, keyed the same way in every database."""
    with store.reading() as conn:
        uuid_of = {row.id: row.uuid for row in conn.execute(select(sessions.c.id, sessions.c.uuid))}
        return {
            "sessions": {
                row.uuid: (
                    row.staff_id,
                    row.workstation,
                    utc(row.started_at),
                    utc(row.ended_at),
                    row.day,
                    row.span_s,
                    row.summary,
                )
                for row in conn.execute(select(sessions))
            },
            "metrics": {
                (uuid_of[row.session_id], row.seq): tuple(
                    v for k, v in row._mapping.items() if k != "session_id"
                )
                for row in conn.execute(select(metrics))
            },
            "faults": {
                (uuid_of[r.session_id], r.seq, r.fault): r.ms for r in conn.execute(select(metric_faults))
            },
            "events": {
                (uuid_of[r.session_id], r.seq): (r.kind, r.detail, r.start_s, r.end_s, r.day, r.hour)
                for r in conn.execute(select(events))
            },
            "profiles": {
                r.uuid: (r.staff_id, r.kind, r.data) for r in conn.execute(select(calibration_profiles))
            },
        }


@pytest.fixture
def workstation(tmp_path):
    """A workstation's SQLite file: a finished session of per-second rows, a live one of per-minute
    rows still filling its first minute, a calibration profile."""
    source = Store(f"sqlite:///{tmp_path / 'workstation.db'}")
    put_person(source, "s1", "Staff One", "staff", "A", password_hash="$argon2id$not-for-export")
    put_person(source, "s2", "Staff Two", "staff", "A")
    save_profile(source, "s1", "smile_baseline", {"mouth_corner_deg": 1.5})
    with SessionWriter(source, "s1", span_s=1) as done:
        for step in live_steps(20.0, 10.0, seed=1):
            done.add(step)
        done.add_events([Event(3.0, None, "posture:hunched"), Event(5.0, 5.0, "break_due")])
        done.add_events([Event(3.0, 9.0, "posture:hunched")])
    live = SessionWriter(source, "s2")
    records = live_steps(90.0, 10.0, seed=2)
    for _ in range(150):
        live.add(next(records))
    live.add_events([Event(live._aggregator.t0 + 2.0, None, "posture:head_down")])
    live.flush(force=True)
    yield source, live, records
    source.close()


def test_sync_carries_everything_once_and_running_it_again_sends_nothing(workstation, db_url):
    source, live, records = workstation
    with Store(db_url) as target:
        first = sync(source, target)
        assert (
            first.new_sessions == 2
            and first.metric_rows == len(dump(source)["metrics"])
            and first.profiles == 1
        )
        assert dump(target) == dump(source)
        again = sync(source, target)
        assert (again.new_sessions, again.metric_rows, again.profiles) == (0, 0, 0)
        assert dump(target) == dump(source)
        # the open session goes on, its alert closes, then it ends: only the new rows travel
        before = len(dump(target)["metrics"])
        for record in records:
            live.add(record)
        live.add_events([Event(live._aggregator.t0 + 2.0, live._aggregator.t0 + 30.0, "posture:head_down")])
        live.close(summary={"smiles": {"count": 4}})
        third = sync(source, target)
        assert third.metric_rows == len(dump(source)["metrics"]) - before and third.finished_sessions == 1
        assert dump(target) == dump(source)
        assert sync(source, target).sessions == 0  # both are finished and marked: nothing to look at
        with target.reading() as conn:
            hashes = {r.staff_id: r.password_hash for r in conn.execute(select(people))}
    assert hashes == {"s1": None, "s2": None}


def test_an_interrupted_sync_and_two_at_once_duplicate_nothing(workstation, db_url):
    source, live, _ = workstation
    live.close()
    with Store(db_url) as target:
        metric_inserts = {"n": 0}

        @event.listens_for(target.engine, "before_cursor_execute")
        def _cut(conn, cursor, statement, parameters, context, executemany):
            if statement.lstrip().upper().startswith("INSERT INTO METRICS"):
                metric_inserts["n"] += 1
                if metric_inserts["n"] == 3:
                    raise OperationalError(statement, parameters, Exception("network cable pulled"))

        with pytest.raises(StoreError):
            sync(source, target, chunk_rows=10)
        partial = dump(target)
        assert 0 < len(partial["metrics"]) < len(dump(source)["metrics"])
        event.remove(target.engine, "before_cursor_execute", _cut)
        errors = []

        def run() -> None:
            try:
                sync(source, target, chunk_rows=7)
            except StoreError as error:
                errors.append(error)

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        sync(source, target)
        assert dump(target) == dump(source)
        with source.writing() as conn:  # forget what was sent: everything is offered again
            conn.execute(sync_marks.delete())
        sync(source, target)
        assert dump(target) == dump(source)


def test_sync_refuses_to_copy_a_database_onto_itself(workstation):
    source, _, _ = workstation
    with pytest.raises(StoreError) as same:
        sync(source, Store(source.url))
    assert same.value.key == "store.error.sync_same"
