"""The live session writer: per-second rows from frames, incremental commits, events, and what
happens when the database is locked or the disk is full (rows kept and retried, never dropped)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, func, select

from coach.credit import MAX_FRAME_GAP_S, Credit
from coach.readings import Event
from coach.store import SessionWriter, Store, StoreBusy, StoreError, StoreFull
from coach.store.aggregate import Aggregator
from coach.store.people import put_person
from coach.store.schema import events, metric_faults, metrics, sessions
from coach.store.synthetic import live_records, record_at, step_at, steps_for

pytest_plugins = ("store_pg",)


def _rows(store, writer) -> list:
    with store.reading() as conn:
        return list(
            conn.execute(
                select(metrics).where(metrics.c.session_id == writer.session_id).order_by(metrics.c.seq)
            )
        )


# ---- aggregation (no database) --------------------------------------------------------------
def _aggregate(aggregator, records) -> list:
    done = []
    for step in steps_for(records):
        done += aggregator.add(step.record.t_s, step.credit)
        aggregator.count_smiles(sum(1 for e in step.events if e.kind == "smile" and e.end is not None))
    return done + aggregator.finish()


def test_each_credit_is_split_at_the_bucket_boundary_and_smiles_come_from_smile_events():
    # 10 fps: 1.5 s sitting upright, 1.5 s hunched and smiling, then 2 s upright without a smile
    records = [
        record_at(100.0 + i / 10, smiling=15 <= i < 30, genuine=15 <= i < 30,
                  issues=("hunched",) if 15 <= i < 30 else ())
        for i in range(50)
    ]
    done = _aggregate(Aggregator(1), records)
    rows = {b.seq: b.as_row() for b in done}
    assert sorted(rows) == [0, 1, 2, 3, 4]
    # each frame holds until the next; the time after the last frame (104.9 s) is not observed
    assert [rows[s]["observed_ms"] for s in range(5)] == [1000, 1000, 1000, 1000, 900]
    assert [rows[s]["sitting_good_ms"] for s in range(5)] == [1000, 500, 0, 1000, 900]
    assert [rows[s]["smile_ms"] for s in range(5)] == [0, 500, 1000, 0, 0]
    assert [rows[s]["genuine_smile_ms"] for s in range(5)] == [0, 500, 1000, 0, 0]
    faults = {b.seq: b.fault_rows() for b in done}
    assert faults[0] == {} and faults[1] == {"hunched": 500} and faults[2] == {"hunched": 1000}
    assert sum(rows[s]["frames"] for s in range(5)) == 50
    # the smile (1.5-2.9 s) is reported closed once it has been over for 1 s, at the frame at 4.0 s
    assert [rows[s]["smiles"] for s in range(5)] == [0, 0, 0, 0, 1]


def test_a_stalled_camera_credits_at_most_the_frame_gap_cap_and_a_late_frame_is_ignored():
    aggregator = Aggregator(1)
    records = [record_at(0.0), record_at(0.5), record_at(6.0)]  # 5.5 s without frames
    done = []
    for step in steps_for(records):
        done += aggregator.add(step.record.t_s, step.credit)
    assert aggregator.add(5.0, Credit(start=5.0)) == [] and aggregator.out_of_order == 1
    done += aggregator.finish()
    observed = {b.seq: b.as_row()["observed_ms"] for b in done}
    # the 0.5 s frame holds MAX_FRAME_GAP_S (2 s): 0.5-2.5 s; the rest of the gap is unobserved
    assert observed[0] == 1000 and observed[1] == 1000 and observed[2] == 500
    assert sum(observed.values()) == 500 + 1000 * MAX_FRAME_GAP_S


def test_upper_body_only_posture_is_counted_apart_from_sitting_and_standing():
    records = [record_at(i / 10, mode="unknown" if i < 5 else "standing") for i in range(11)]
    done = _aggregate(Aggregator(1), records)
    row = done[0].as_row()
    assert (row["upper_body_ms"], row["upper_body_good_ms"], row["standing_ms"], row["sitting_ms"]) == (
        500,
        500,
        500,
        0,
    )


# ---- the writer, on SQLite and PostgreSQL -----------------------------------------------------
@pytest.fixture
def staff(store):
    put_person(store, "s1", "Staff One", "staff", "A")
    return "s1"


def test_per_second_rows_are_committed_as_each_second_completes(store, staff):
    writer = SessionWriter(store, staff, source="test", span_s=1)
    for step in steps_for(live_records(5.0, 10.0)):
        writer.add(step)
        offset = step.record.t_s - writer._aggregator.t0
        rows = _rows(store, writer)
        # every whole second is complete; the second in progress is there as far as it goes
        assert [r.seq for r in rows] == list(range(int(offset) + 1))
        assert [r.observed_ms for r in rows[:-1]] == [1000] * int(offset)
    writer.close()
    assert [r.seq for r in _rows(store, writer)] == [0, 1, 2, 3, 4]


def test_the_minute_in_progress_is_in_the_database_up_to_the_last_whole_second(store, staff):
    writer = SessionWriter(store, staff, t0=0.0)  # per-minute rows, the default
    for step in steps_for(record_at(i / 5, smiling=i / 5 >= 100) for i in range(650)):  # 130 s at 5 fps
        at = step.record.t_s
        writer.add(step)
        rows = _rows(store, writer)
        assert [r.seq for r in rows] == list(range(int(at // 60) + 1))
        observed = sum(r.observed_ms for r in rows)
        assert int(at) * 1000 <= observed <= at * 1000 + 1
        assert int(at) - 1e-6 <= writer.saved_through_s <= at + 1e-6
    writer.close()
    rows = _rows(store, writer)
    expected = [(0, 60000, 300), (1, 60000, 300), (2, 9800, 50)]  # nothing after the last frame (129.8 s)
    assert [(r.seq, r.observed_ms, r.frames) for r in rows] == expected
    # the smile still open at the end is closed by the engine's finish(), not by the store
    assert [r.smile_ms for r in rows] == [0, 20000, 9800] and sum(r.smiles for r in rows) == 0


def test_events_are_written_and_an_alert_gets_its_end_when_it_closes(store, staff):
    writer = SessionWriter(store, staff, t0=0.0)
    steps = list(steps_for([record_at(0.0), record_at(1.2), record_at(2.1)]))
    writer.add(steps[0])
    writer.add_events([Event(0.5, None, "posture:hunched"), Event(0.7, 0.7, "break_due", "55 min")])
    writer.add(steps[1])
    writer.add_events([Event(0.5, 2.0, "posture:hunched")])
    writer.add(steps[2])
    writer.close(summary={"smiles": {"count": 3}, "nan": float("nan")})
    with store.reading() as conn:
        stored = conn.execute(
            select(events.c.kind, events.c.start_s, events.c.end_s, events.c.detail)
            .where(events.c.session_id == writer.session_id)
            .order_by(events.c.seq)
        ).all()
        session = conn.execute(select(sessions).where(sessions.c.id == writer.session_id)).one()
    assert [tuple(r) for r in stored] == [
        ("posture:hunched", 0.5, 2.0, ""),
        ("break_due", 0.7, 0.7, "55 min"),
    ]
    assert session.summary == {"smiles": {"count": 3}, "nan": None}
    assert session.ended_at is not None


def test_closed_writer_and_unknown_person_are_refused_with_a_message(store, staff):
    writer = SessionWriter(store, staff)
    writer.close()
    with pytest.raises(StoreError) as closed:
        writer.add(step_at(0.0))
    assert closed.value.key == "store.error.writer_closed"
    with pytest.raises(StoreError) as unknown:
        SessionWriter(store, "nobody")
    assert "nobody" in unknown.value.message("en")


# ---- trouble: locked database, full disk (SQLite, where a test can cause them) -----------------
def test_a_locked_database_keeps_the_rows_reports_it_and_writes_them_later(tmp_path):
    path = tmp_path / "coach.db"
    store = Store(f"sqlite:///{path}", sqlite_busy_timeout_s=0.1)
    put_person(store, "s1", "Staff One", "staff", "A")
    problems = []
    writer = SessionWriter(store, "s1", t0=0.0, span_s=1, on_problem=problems.append)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    for step in steps_for(record_at(i / 10) for i in range(31)):
        writer.add(step)
    assert isinstance(writer.problem, StoreBusy) and problems
    assert writer.pending_rows == 4 and _rows(store, writer) == []  # 3 whole seconds and the one begun
    assert "locked" in writer.problem.message("en")
    blocker.execute("ROLLBACK")
    blocker.close()
    assert writer.flush(force=True)
    writer.close()
    assert [r.seq for r in _rows(store, writer)] == [0, 1, 2, 3]
    assert writer.problem is None and writer.pending_rows == 0


def test_a_full_disk_keeps_the_rows_reports_it_and_writes_them_once_there_is_room(tmp_path):
    path = tmp_path / "coach.db"
    store = Store(f"sqlite:///{path}")
    put_person(store, "s1", "Staff One", "staff", "A")
    limit = {"pages": None}

    @event.listens_for(store.engine, "connect")
    def _cap(dbapi_connection, _record):
        if limit["pages"]:
            dbapi_connection.execute(f"PRAGMA max_page_count={limit['pages']}")

    with store.reading() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    limit["pages"] = pages
    store.engine.dispose()
    writer = SessionWriter(store, "s1", t0=0.0, span_s=1)
    records = list(steps_for(live_records(400.0, 2.0)))
    stop = len(records)
    for index, record in enumerate(records):
        writer.add(record)
        if writer.problem is not None:
            stop = index
            break
    assert isinstance(writer.problem, StoreFull), "the capped database never filled up"
    assert "disk is full" in writer.problem.message("en")
    held = writer.pending_rows
    assert held > 0
    limit["pages"] = None
    store.engine.dispose()
    for record in records[stop + 1 :]:
        writer.add(record)
    writer.close()
    seqs = [r.seq for r in _rows(store, writer)]
    assert seqs == list(range(len(seqs))) and len(seqs) >= 399
    with store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(metric_faults)).scalar() >= 0


def test_close_gives_up_after_its_timeout_with_the_count_of_unsaved_rows(tmp_path):
    path = tmp_path / "coach.db"
    store = Store(f"sqlite:///{path}", sqlite_busy_timeout_s=0.05)
    put_person(store, "s1", "Staff One", "staff", "A")
    writer = SessionWriter(store, "s1", t0=0.0, span_s=1, close_timeout_s=0.3)
    for step in steps_for(record_at(i / 10) for i in range(25)):
        writer.add(step)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreError) as unsaved:
        writer.close()
    assert unsaved.value.key == "store.error.unsaved" and unsaved.value.values["rows"] >= 1
    blocker.execute("ROLLBACK")
    blocker.close()
    writer.close()  # the rows were kept: a second close saves them
    assert [r.seq for r in _rows(store, writer)] == [0, 1, 2]


def test_an_unreachable_server_is_a_transient_error_with_a_message():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreBusy) as unreachable:
        Store(f"postgresql://coach@127.0.0.1:{port}/nothing")
    assert unreachable.value.transient
    assert "COACH_DB_URL" in unreachable.value.message("en")
