"""StoreSink: the store's session writer on its own thread, behind a bounded queue.

    with StoreSink(store, "0042", source="webcam:0") as sink:   # returns at once
        for step in steps:            # on the frame thread: a queue put, never a database call
            sink.add(step)
        sink.close(summary)           # waits for the writer to drain and commit

Every database call (opening the session, the per-second commits, retries while the database
is locked or the disk is full, the last commit) happens on the sink's own thread, so a frame
thread, streamlit-webrtc's included, never waits on SQLite's busy timeout or a slow server.

Nothing is lost when the queue is full: it is back-pressure. The queue holds MAX_QUEUE steps
(each only a time, a credit and events — a few hundred bytes; minutes of frames at live rates),
and the writer drains it far faster than frames come, retrying a locked database at most every
few seconds between fast adds. Only when a single database call blocks longer than the queue
lasts does `add` wait for room (counted in `waits`); the steps are never dropped.

A problem the writer retries (locked, disk full, server gone) shows in `problem`; one it cannot
get past (an unknown person, a broken schema) ends the writing: `failure` holds it, later steps
are discarded, and `close` raises it.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from coach.credit import Credit
from coach.readings import Event
from coach.store.errors import StoreError

MAX_QUEUE = 4096
FLUSH_EVERY_S = 1.0  # with no frames coming, the writer still retries what is pending this often
MAX_OPEN_BACKOFF_S = 15.0


@dataclass(frozen=True)
class _Handed:
    t_s: float
    credit: Credit
    events: tuple[Event, ...]


class _Close:
    def __init__(self, summary: object) -> None:
        self.summary = summary


class StoreSink:
    """A SessionWriter (same arguments) run on its own thread. Use as a context manager or call
    `close()`."""

    def __init__(
        self,
        store,
        staff_id: str,
        *,
        max_queue: int = MAX_QUEUE,
        on_problem: Callable[[StoreError], None] | None = None,
        before: Callable[[object, str], object] | None = None,
        **writer_options,
    ) -> None:
        if max_queue < 1:
            raise ValueError(f"max_queue must be at least 1, got {max_queue}")
        self.store = store
        self.staff_id = staff_id
        self.waits = 0  # how often `add` had to wait for room (back-pressure)
        self.failure: Exception | None = None
        self.writer = None  # the SessionWriter, once the thread has opened the session
        self.opened = threading.Event()  # set once the session is open (or opening failed for good)
        self._open_problem: StoreError | None = None
        self._on_problem = on_problem
        self._before = before  # e.g. checks the writer may record this person; run on the thread first
        self._writer_options = writer_options
        self._queue: queue.Queue = queue.Queue(maxsize=max_queue)
        self._closed = False
        self._close_requested: float | None = None  # monotonic time of `close`
        self._thread = threading.Thread(target=self._run, name=f"coach-store-{staff_id}", daemon=True)
        self._thread.start()

    # ---- the frame thread's side -------------------------------------------------------------
    def add(self, step) -> None:
        """Hand over one engine step (its record's time, its credit and its events)."""
        self._put(_Handed(step.record.t_s, step.credit, tuple(step.events)))

    def add_events(self, events: Iterable[Event]) -> None:
        """Events outside a step (e.g. the engine's `finish`)."""
        events = tuple(events)
        if events:
            self._put(events)

    def on_step(self, frame, obs, step) -> None:
        """The pipeline's sink hook."""
        self.add(step)

    def on_finish(self, events: list[Event], summary: dict, source: str) -> None:
        """The pipeline's sink hook: the last events, then the session closed with its summary."""
        self.add_events(events)
        self.close(summary)

    @property
    def problem(self) -> Exception | None:
        """What stops the writing now: the failure, else the problem being retried, else None."""
        if self.failure is not None:
            return self.failure
        if self.writer is None:
            return self._open_problem
        return self.writer.problem

    @property
    def pending(self) -> int:
        """Steps handed over and not yet taken by the writer."""
        return self._queue.qsize()

    def close(self, summary: object = None, timeout: float | None = None) -> None:
        """Write the summary and end the session: waits until everything is committed (or the
        writer gives up, after its `close_timeout_s`) and raises the writer's StoreError then."""
        if not self._closed:
            self._closed = True
            self._close_requested = time.monotonic()
            self._queue.put(_Close(summary))  # after every step already handed over
        self._thread.join(timeout)
        if self.failure is not None:
            raise self.failure

    def __enter__(self) -> StoreSink:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _put(self, item: object) -> None:
        if self._closed:
            raise StoreError("store.error.writer_closed")
        if self.failure is not None:
            return  # the writing has ended; `close` raises why
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            self.waits += 1
            self._queue.put(item)  # back-pressure: wait for room, drop nothing

    # ---- the writer's thread -----------------------------------------------------------------
    def _run(self) -> None:
        self._open()
        while True:
            try:
                item = self._queue.get(timeout=FLUSH_EVERY_S)
            except queue.Empty:
                self._retry_pending()
                continue
            if isinstance(item, _Close):
                self._finish(item.summary)
                return
            if self.failure is not None:
                continue  # drain, so that nobody waits on a queue nobody empties
            try:
                if isinstance(item, _Handed):
                    self.writer.add_credit(item.t_s, item.credit, item.events)
                else:
                    self.writer.add_events(item)
            except Exception as error:  # noqa: BLE001 - a writer that fails for good stops here
                self.failure = error

    def _open(self) -> None:
        """Open the session, retrying while the database is locked or away (steps wait in the queue)."""
        from coach.store.writer import SessionWriter

        pause = 0.2
        while True:
            try:
                if self._before is not None:  # may return more SessionWriter options (e.g. recorded_by)
                    self._writer_options.update(self._before(self.store, self.staff_id) or {})
                self.writer = SessionWriter(self.store, self.staff_id, on_problem=self._on_problem,
                                            **self._writer_options)
                self._open_problem = None
                break
            except StoreError as error:
                if not error.transient:
                    self.failure = error
                    break
                self._open_problem = error
                if self._on_problem is not None:
                    self._on_problem(error)
                waited = None if self._close_requested is None else time.monotonic() - self._close_requested
                if waited is not None and waited > self._writer_options.get("close_timeout_s", 30.0):
                    self.failure = StoreError("store.error.unsaved", rows=self.pending, detail=error)
                    break
                time.sleep(pause)
                pause = min(pause * 2, MAX_OPEN_BACKOFF_S)
            except Exception as error:  # noqa: BLE001 - reported through `failure` and `close`
                self.failure = error
                break
        self.opened.set()

    def _retry_pending(self) -> None:
        if self.writer is not None and self.failure is None:
            try:
                self.writer.flush()
            except Exception as error:  # noqa: BLE001
                self.failure = error

    def _finish(self, summary: object) -> None:
        if self.writer is None or self.failure is not None:
            return
        try:
            self.writer.close(summary)
        except Exception as error:  # noqa: BLE001 - `close` raises it in the caller's thread
            self.failure = error
