"""The break clock of a person's day, kept in the store so that any new session resumes it.

A clerk's work clock is theirs for the day, not one session's: after Stop/Start, a page reload,
a crash or a move to another workstation, the next session of the same person that day picks up
the worked time since the last break, the postpones and skips used and the breaks taken, and
counts the time in between as time away (a natural break when it was long enough).

    day = BreakDay(store, "0042")
    day.resume(engine, t)              # at the session's first frame (t: the engine's clock)
    day.step(engine, t)                # every frame; saves every `save_every_s` of engine time
    day.save(engine, t)                # at the end

`step` only takes the snapshot (the caller holds the engine's lock); the write happens on the
BreakDay's own thread, so the frame thread never waits on the database. `save` writes at once.

The row is keyed by person and local day. The newest session owns it: `resume` takes it over,
and a save from an older session still running elsewhere (a tab left open) is ignored, so the
two never overwrite each other's clock. The wall clock is read only here (`now`, injectable),
never in the timer.
"""

from __future__ import annotations

import socket
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update

from coach.store.errors import StoreError
from coach.store.schema import break_days
from coach.store.util import local_offset_min, utc

SAVE_EVERY_S = 5.0
OWNER_KEY = "owner"


def load(store, staff_id: str, day: date) -> tuple[dict, datetime] | None:
    """(snapshot, saved_at UTC) of the person's day, or None."""
    with store.reading() as conn:
        row = conn.execute(
            select(break_days.c.state, break_days.c.saved_at).where(
                break_days.c.staff_id == staff_id, break_days.c.day == day
            )
        ).first()
    return None if row is None else (dict(row.state), utc(row.saved_at))


def save(store, staff_id: str, day: date, state: dict, saved_at: datetime, *, workstation: str = "",
         owner: str | None = None) -> bool:
    """Write the day's snapshot; with `owner`, only while that session still owns the row."""
    values = {"state": state, "saved_at": saved_at, "workstation": workstation[:128]}
    with store.writing() as conn:
        if owner is not None:
            current = conn.execute(
                select(break_days.c.state)
                .where(break_days.c.staff_id == staff_id, break_days.c.day == day)
                .with_for_update()
            ).first()
            if current is not None and (current.state or {}).get(OWNER_KEY) not in (None, owner):
                return False
            if current is not None:
                conn.execute(
                    update(break_days)
                    .where(break_days.c.staff_id == staff_id, break_days.c.day == day)
                    .values(**values)
                )
                return True
        stmt = store.insert(break_days).values(staff_id=staff_id, day=day, **values)
        conn.execute(stmt.on_conflict_do_update(index_elements=[break_days.c.staff_id, break_days.c.day],
                                                set_=values))
    return True


class BreakDay:
    """One session's link to the person's day clock in the store."""

    def __init__(self, store, staff_id: str, *, workstation: str | None = None,
                 now: Callable[[], datetime] | None = None, save_every_s: float = SAVE_EVERY_S,
                 utc_offset_min: int | None = None) -> None:
        self.store = store
        self.staff_id = staff_id
        self.workstation = workstation or socket.gethostname()
        self.now = now or (lambda: datetime.now(UTC))
        self.save_every_s = save_every_s
        self.utc_offset_min = utc_offset_min
        self.owner = uuid.uuid4().hex
        self.resumed_from: dict | None = None
        self.problem: StoreError | None = None
        self._saved_t: float | None = None
        self._wake = threading.Condition()
        self._pending: tuple[int, dict, datetime] | None = None  # only the latest snapshot matters
        self._sequence = 0  # snapshots in the order taken: an older one is never written last
        self._written = 0
        self._write_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = False

    def day(self, moment: datetime) -> date:
        offset = local_offset_min(moment) if self.utc_offset_min is None else self.utc_offset_min
        return (moment + timedelta(minutes=offset)).date()

    def resume(self, engine, t: float) -> bool:
        """Load today's clock into `engine` (the time since it was saved counts as away) and take
        the row over; False when there was none."""
        moment = self.now()
        try:
            found = load(self.store, self.staff_id, self.day(moment))
            if found is not None:
                state, saved_at = found
                engine.resume_breaks(state, t, (moment - saved_at).total_seconds())
                self.resumed_from = state
            self._write(engine, t, moment, take_over=True)
        except StoreError as problem:
            self.problem = problem
            return False
        return found is not None

    def step(self, engine, t: float) -> None:
        """Every frame (holding the engine's lock): every `save_every_s`, hand a snapshot to the
        writing thread."""
        if self._saved_t is not None and 0 <= t - self._saved_t < self.save_every_s:
            return
        self._saved_t = t
        with self._wake:
            self._sequence += 1
            self._pending = (self._sequence, self._state(engine, t), self.now())
            if self._thread is None or not self._thread.is_alive():
                self._stop = False
                self._thread = threading.Thread(target=self._run, name="coach-break-day", daemon=True)
                self._thread.start()
            self._wake.notify()

    def save(self, engine, t: float) -> None:
        """Write the clock now (at the end of a session), on the caller's thread; the writing
        thread ends (a later `step` starts another)."""
        with self._wake:
            self._sequence += 1
            sequence, self._pending = self._sequence, None
            self._stop = True
            self._wake.notify()
        try:
            self._put(sequence, self._state(engine, t), self.now())
        except StoreError as problem:  # a store problem never stops the coaching
            self.problem = problem
        self._saved_t = t

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._pending is None and not self._stop:
                    self._wake.wait()
                if self._pending is None:
                    return
                sequence, state, moment = self._pending
                self._pending = None
            try:
                self._put(sequence, state, moment)
            except StoreError as problem:
                self.problem = problem

    def _state(self, engine, t: float) -> dict:
        state = dict(engine.break_snapshot(t))
        state[OWNER_KEY] = self.owner
        return state

    def _put(self, sequence: int, state: dict, moment: datetime) -> None:
        with self._write_lock:
            if sequence < self._written:
                return
            save(self.store, self.staff_id, self.day(moment), state, moment, workstation=self.workstation,
                 owner=self.owner)
            self._written = sequence
            self.problem = None

    def _write(self, engine, t: float, moment: datetime, *, take_over: bool) -> None:
        save(self.store, self.staff_id, self.day(moment), self._state(engine, t), moment,
             workstation=self.workstation, owner=None if take_over else self.owner)
        self._saved_t = t
        self.problem = None
