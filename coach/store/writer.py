"""SessionWriter: a live (or reviewed) session written into the store as it happens.

The engine's steps are folded into per-minute metric rows (`span_s`, 60 by default): each step's
time credit is added as it is (coach.store.aggregate), never re-derived from the frames. The row of the minute
in progress is written when the session starts a new second, as an upsert of the totals so far,
so the database always holds everything up to the last whole second: a crash or `kill -9`
loses at most the second in progress, while a month of a branch stays at one row per person
per minute (per-second rows would be 60 times as many; `span_s=1` still gives them).
Events are written with the next commit (an event seen again with its end filled in updates
the row).

When the database cannot take a commit (locked by another writer beyond the busy timeout, disk
full, server gone), the rows stay in memory, `problem` says why (translated, also passed to
`on_problem`), and the writer tries again at the next second, backing off to at most every
`MAX_BACKOFF_S`. Nothing is dropped: `close()` keeps trying for `close_timeout_s` and then
raises a StoreError giving the number of unsaved rows (the writer keeps them; call `close()`
again). Other errors (a bug, a broken schema) are raised at once.

The writer commits in the caller's thread; a frame thread hands steps to a `StoreSink`
(coach.store.sink), which runs a writer on its own thread. A commit is one small transaction
(a row and its few fault rows) per second.
"""

from __future__ import annotations

import math
import socket
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from coach.credit import Credit
from coach.readings import Event
from coach.store.aggregate import Aggregator, Bucket
from coach.store.errors import StoreError
from coach.store.schema import METRIC_FIELDS, events, metric_faults, metrics, people, sessions
from coach.store.util import json_safe, local_day_hour, local_offset_min, utc

MAX_BACKOFF_S = 15.0
DEFAULT_SPAN_S = 60


def upsert_metrics(store, conn, rows: list[dict]) -> None:
    """Insert metric rows, or replace the totals of rows already there (a minute still filling)."""
    if rows:
        stmt = store.insert(metrics)
        stmt = stmt.on_conflict_do_update(
            index_elements=[metrics.c.session_id, metrics.c.seq],
            set_={name: stmt.excluded[name] for name in METRIC_FIELDS},
        )
        conn.execute(stmt, rows)


def upsert_faults(store, conn, rows: list[dict]) -> None:
    if rows:
        stmt = store.insert(metric_faults)
        stmt = stmt.on_conflict_do_update(
            index_elements=[metric_faults.c.session_id, metric_faults.c.seq, metric_faults.c.fault],
            set_={"ms": stmt.excluded.ms},
        )
        conn.execute(stmt, rows)


def upsert_events(store, conn, rows: list[dict]) -> None:
    """Insert events, or fill in the end (and detail) of ones already there."""
    if rows:
        stmt = store.insert(events)
        stmt = stmt.on_conflict_do_update(
            index_elements=[events.c.session_id, events.c.seq],
            set_={
                "end_s": func.coalesce(stmt.excluded.end_s, events.c.end_s),
                "detail": stmt.excluded.detail,
            },
        )
        conn.execute(stmt, rows)


ENDED_EARLY = "ended_early"  # in an event's detail: still open when its session stopped


def _ended_early(detail: str | None) -> str:
    return ENDED_EARLY if not detail else f"{detail}; {ENDED_EARLY}"[:500]


def close_open_events(conn, session_id: int, at_s: float) -> None:
    """End the session's events still open at `at_s` (its last analysed moment), marked ended early."""
    rows = conn.execute(
        select(events.c.seq, events.c.detail, events.c.start_s).where(
            events.c.session_id == session_id, events.c.end_s.is_(None)
        )
    ).all()
    for row in rows:
        conn.execute(
            update(events)
            .where(events.c.session_id == session_id, events.c.seq == row.seq)
            .values(end_s=max(row.start_s, round(at_s, 3)), detail=_ended_early(row.detail))
        )


def close_abandoned(conn, staff_id: str, workstation: str) -> None:
    """Close this person's sessions on this workstation that a stopped process left open (a kill,
    a power cut): ended at their last stored moment, open events ended there and marked ended early.
    One person has one session at a time on one workstation, so an open one here is abandoned."""
    left_open = conn.execute(
        select(sessions.c.id, sessions.c.started_at, sessions.c.span_s, sessions.c.summary).where(
            sessions.c.staff_id == staff_id,
            sessions.c.workstation == workstation,
            sessions.c.ended_at.is_(None),
        )
    ).all()
    for session in left_open:
        last = conn.execute(
            select(metrics.c.seq, metrics.c.observed_ms)
            .where(metrics.c.session_id == session.id)
            .order_by(metrics.c.seq.desc())
            .limit(1)
        ).first()
        covered_s = 0.0 if last is None else last.seq * session.span_s + last.observed_ms / 1000.0
        close_open_events(conn, session.id, covered_s)
        summary = dict(session.summary or {})
        summary[ENDED_EARLY] = True
        conn.execute(
            update(sessions)
            .where(sessions.c.id == session.id)
            .values(ended_at=utc(session.started_at) + timedelta(seconds=covered_s), summary=summary)
        )


class SessionWriter:
    """Write one coaching session incrementally. Use as a context manager or call `close()`."""

    def __init__(
        self,
        store,
        staff_id: str,
        *,
        source: str = "",
        workstation: str | None = None,
        span_s: int = DEFAULT_SPAN_S,
        started_at: datetime | None = None,
        utc_offset_min: int | None = None,
        settings: object = None,
        t0: float | None = None,
        on_problem: Callable[[StoreError], None] | None = None,
        close_timeout_s: float = 30.0,
        session_uuid: uuid.UUID | None = None,
        recorded_by: str | None = None,
    ) -> None:
        from coach.store.identity import canonical_id

        self.store = store
        self.staff_id = canonical_id(staff_id)
        self.recorded_by = recorded_by
        self.uuid = session_uuid or uuid.uuid4()
        self.started_at = utc(started_at) or datetime.now(UTC)
        self.utc_offset_min = local_offset_min(self.started_at) if utc_offset_min is None else utc_offset_min
        self.span_s = span_s
        self.on_problem = on_problem
        self.close_timeout_s = close_timeout_s
        self.problem: StoreError | None = None
        self.closed = False
        self._aggregator = Aggregator(span_s, t0=t0)
        self._rows: dict[int, dict] = {}  # seq -> the latest totals of that bucket
        self._faults: dict[tuple[int, str], dict] = {}
        self._events: dict[int, dict] = {}
        self._event_seq: dict[tuple[str, float], int] = {}
        self._queued_through = 0.0
        self._saved_through = 0.0
        self._last_second = -1
        self._backoff_s = 0.0
        self._next_try = 0.0
        self.session_id = self._create_session(source, workstation or socket.gethostname(), settings)

    # ---- feeding -------------------------------------------------------------------------
    def add(self, step) -> None:
        """Fold in one engine step (its `record`, `credit` and `events`); at each new second,
        commit the totals so far."""
        self.add_credit(step.record.t_s, step.credit, step.events)

    def add_credit(self, t_s: float, credit: Credit, step_events: Iterable[Event] = ()) -> None:
        """`add` from its parts: the frame's time, the step's credit and its events."""
        self._check_open()
        done = self._aggregator.add(t_s, credit)
        self.add_events(step_events)
        covered = self._aggregator.covered_through
        if done or math.floor(covered) > self._last_second:
            self._last_second = math.floor(covered)
            self._queue(done + self._aggregator.open_buckets(), covered)
            self.flush()

    def add_events(self, new_events: Iterable[Event]) -> None:
        """Queue events (written with the next commit). The same kind and start again = an update.

        A smile event (the engine reports each smile once, closed) adds to the smile count of
        the latest frame's minute.
        """
        self._check_open()
        for event in new_events:
            start = self._aggregator.offset(event.start)
            key = (event.kind, round(start, 3))
            if event.kind == "smile" and event.end is not None and key not in self._event_seq:
                self._aggregator.count_smiles(1)
            seq = self._event_seq.setdefault(key, len(self._event_seq))
            day, hour = local_day_hour(self.started_at, self.utc_offset_min, start)
            self._events[seq] = {
                "session_id": self.session_id,
                "seq": seq,
                "kind": event.kind[:64],
                "detail": (event.detail or "")[:500],
                "start_s": round(start, 3),
                "end_s": None if event.end is None else round(self._aggregator.offset(event.end), 3),
                "day": day,
                "hour": hour,
            }

    def flush(self, *, force: bool = False) -> bool:
        """Try to commit what is pending; False (and `problem` set) when the database refused."""
        if not (self._rows or self._events):
            return True
        if not force and time.monotonic() < self._next_try:
            return False
        try:
            with self.store.writing() as conn:
                self._write_pending(conn)
        except StoreError as error:
            if not error.transient:
                raise
            self._note_problem(error)
            return False
        self._committed()
        return True

    def close(self, summary: object = None) -> None:
        """Write the last partial second, the events, the end time and the engine's summary."""
        if self.closed:
            return
        done = self._aggregator.finish()
        if done:
            self._queue(done, self._aggregator.end_offset)
        ended_at = self.started_at + timedelta(seconds=self._aggregator.end_offset)
        finish = {"ended_at": ended_at, "summary": None if summary is None else json_safe(summary)}
        deadline = time.monotonic() + self.close_timeout_s
        pause = 0.2
        while True:
            try:
                with self.store.writing() as conn:
                    self._write_pending(conn)
                    close_open_events(conn, self.session_id, self._aggregator.covered_through)
                    conn.execute(update(sessions).where(sessions.c.id == self.session_id).values(**finish))
            except StoreError as error:
                if not error.transient:
                    raise
                self._note_problem(error)
                if time.monotonic() + pause > deadline:
                    raise StoreError(
                        "store.error.unsaved", rows=self.pending_rows, detail=error
                    ) from error
                time.sleep(pause)
                pause = min(pause * 2, 2.0)
                continue
            self._committed()
            self.closed = True
            return

    def __enter__(self) -> SessionWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- state ---------------------------------------------------------------------------
    @property
    def pending_rows(self) -> int:
        """Metric rows and events not yet in the database."""
        return len(self._rows) + len(self._events)

    @property
    def saved_through_s(self) -> float:
        """Seconds from the session start up to which everything is committed."""
        return self._saved_through

    # ---- internals -----------------------------------------------------------------------
    def _create_session(self, source: str, workstation: str, settings: object) -> int:
        day, _ = local_day_hour(self.started_at, self.utc_offset_min, 0.0)
        values = {
            "uuid": self.uuid,
            "staff_id": self.staff_id,
            "workstation": workstation[:128],
            "source": source[:500],
            "started_at": self.started_at,
            "utc_offset_min": self.utc_offset_min,
            "day": day,
            "span_s": self.span_s,
            "settings": None if settings is None else json_safe(settings),
            "recorded_by": self.recorded_by,
        }
        with self.store.writing() as conn:
            known = conn.execute(select(people.c.staff_id).where(people.c.staff_id == self.staff_id)).first()
            if known is None:
                raise StoreError("store.error.unknown_person", staff_id=self.staff_id)
            close_abandoned(conn, self.staff_id, values["workstation"])
            return int(conn.execute(sessions.insert().values(**values)).inserted_primary_key[0])

    def _check_open(self) -> None:
        if self.closed:
            raise StoreError("store.error.writer_closed")

    def _queue(self, buckets: list[Bucket], covered: float) -> None:
        for bucket in buckets:
            day, hour = local_day_hour(self.started_at, self.utc_offset_min, bucket.seq * self.span_s)
            self._rows[bucket.seq] = {
                "session_id": self.session_id,
                "day": day,
                "hour": hour,
                **bucket.as_row(),
            }
            for fault, ms in bucket.fault_rows().items():
                self._faults[(bucket.seq, fault[:64])] = {
                    "session_id": self.session_id,
                    "seq": bucket.seq,
                    "fault": fault[:64],
                    "ms": ms,
                }
        self._queued_through = covered

    def _write_pending(self, conn) -> None:
        # Upserts: a minute's row is rewritten as it fills, and if a commit went through but its
        # acknowledgement was lost, the retry must not fail on the rows that are already there.
        upsert_metrics(self.store, conn, list(self._rows.values()))
        upsert_faults(self.store, conn, list(self._faults.values()))
        upsert_events(self.store, conn, list(self._events.values()))

    def _committed(self) -> None:
        self._saved_through = max(self._saved_through, self._queued_through)
        self._rows, self._faults, self._events = {}, {}, {}
        self._backoff_s = 0.0
        self._next_try = 0.0
        self.problem = None

    def _note_problem(self, error: StoreError) -> None:
        self.problem = error
        self._backoff_s = min(MAX_BACKOFF_S, max(1.0, self._backoff_s * 2))
        self._next_try = time.monotonic() + self._backoff_s
        if self.on_problem is not None:
            self.on_problem(error)
