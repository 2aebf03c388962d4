"""The StoreSink: database writes on the sink's own thread, never on the frame thread; a locked
or slow database does not hold the frames up; a full queue is back-pressure, nothing dropped.
On a real SQLite file and a real PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import event, func, select, text

from coach.store import Store, StoreError, StoreSink
from coach.store.people import put_person
from coach.store.schema import metrics
from coach.store.synthetic import live_steps

pytest_plugins = ("store_pg",)


def _frames_and_observed(store, session_id: int) -> tuple[int, int]:
    with store.reading() as conn:
        frames, observed = conn.execute(
            select(func.sum(metrics.c.frames), func.sum(metrics.c.observed_ms)).where(
                metrics.c.session_id == session_id
            )
        ).one()
    return int(frames or 0), int(observed or 0)


def _feed_on_a_frame_thread(sink: StoreSink, steps) -> threading.Thread:
    """Hand the steps over from another thread, as a camera callback would."""
    thread = threading.Thread(target=lambda: [sink.add(step) for step in steps], name="frames")
    thread.start()
    return thread


def test_every_database_statement_runs_on_the_sink_s_thread(store):
    put_person(store, "s1", "Staff One", "staff", "A")
    writing_threads: set[str] = set()

    @event.listens_for(store.engine, "before_cursor_execute")
    def _seen(*_args) -> None:
        writing_threads.add(threading.current_thread().name)

    steps = list(live_steps(12.0, 10.0))
    sink = StoreSink(store, "s1", source="test", span_s=1)
    frames = _feed_on_a_frame_thread(sink, steps)
    frames.join(30)
    sink.close({"frames": len(steps)})
    event.remove(store.engine, "before_cursor_execute", _seen)
    assert writing_threads == {"coach-store-s1"}  # not "frames", not this test's thread
    counted, observed = _frames_and_observed(store, sink.writer.session_id)
    assert counted == len(steps)
    assert observed == pytest.approx(sum(s.credit.seconds for s in steps) * 1000, abs=len(steps) / 10)


def test_a_locked_sqlite_file_does_not_hold_the_frames_and_loses_nothing(tmp_path):
    path = tmp_path / "coach.db"
    store = Store(f"sqlite:///{path}", sqlite_busy_timeout_s=60.0)  # the writer waits a long time
    put_person(store, "s1", "Staff One", "staff", "A")
    sink = StoreSink(store, "s1", span_s=1)
    assert sink.opened.wait(30) and sink.failure is None
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        steps = list(live_steps(20.0, 15.0))
        frames = _feed_on_a_frame_thread(sink, steps)
        frames.join(20)
        # the frame thread handed 300 steps over while the database stayed locked: it never waited on it
        assert not frames.is_alive() and sink.waits == 0
        assert _frames_and_observed(store, sink.writer.session_id) == (0, 0)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    sink.close()
    assert _frames_and_observed(store, sink.writer.session_id)[0] == len(steps)


def test_a_full_queue_makes_the_frame_thread_wait_and_drops_nothing(tmp_path):
    path = tmp_path / "coach.db"
    store = Store(f"sqlite:///{path}", sqlite_busy_timeout_s=60.0)
    put_person(store, "s1", "Staff One", "staff", "A")
    sink = StoreSink(store, "s1", span_s=1, max_queue=4)
    assert sink.opened.wait(30)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    steps = list(live_steps(10.0, 10.0))
    frames = _feed_on_a_frame_thread(sink, steps)
    frames.join(2)
    try:
        # the writer is stuck in a commit and 4 steps fill the queue: the frame thread waits for room
        assert frames.is_alive() and sink.waits >= 1
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    frames.join(60)
    assert not frames.is_alive()
    sink.close()
    assert _frames_and_observed(store, sink.writer.session_id)[0] == len(steps)


@pytest.mark.postgres
def test_a_slow_postgresql_table_does_not_hold_the_frames_and_loses_nothing(pg_url):
    with Store(pg_url) as store:
        put_person(store, "s1", "Staff One", "staff", "A")
        sink = StoreSink(store, "s1", span_s=1)
        assert sink.opened.wait(30) and sink.failure is None
        with store.engine.connect() as locker:  # another connection of the pool
            locker.execute(text("LOCK TABLE metrics IN ACCESS EXCLUSIVE MODE"))  # held until rollback
            steps = list(live_steps(20.0, 15.0))
            frames = _feed_on_a_frame_thread(sink, steps)
            frames.join(20)
            assert not frames.is_alive() and sink.waits == 0
            locker.rollback()
        sink.close()
        assert _frames_and_observed(store, sink.writer.session_id)[0] == len(steps)


def test_an_unknown_person_ends_the_writing_and_close_says_why(store):
    sink = StoreSink(store, "nobody")
    for step in live_steps(2.0, 10.0):
        sink.add(step)  # discarded once the session could not be opened: nothing blocks
    with pytest.raises(StoreError) as refused:
        sink.close()
    assert refused.value.key == "store.error.unknown_person" and "nobody" in refused.value.message("en")
    with pytest.raises(StoreError):
        sink.add(next(iter(live_steps(1.0))))
