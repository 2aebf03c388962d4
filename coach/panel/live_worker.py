"""The live page's workers: one object per browser session, kept in `st.session_state`.

Each worker drives its own `coach.core.Analyzer` (landmarks + engine, the same core as review
and batch; MediaPipe graphs are not thread-safe, so one per stream) from a thin frame callback,
and hands the UI thread one `Reading` per analysed frame through a `queue.Queue`; the UI
thread drains it on every panel refresh (`poll`). Nothing here touches `st.*`, which does not
work off the script thread.

- `CaptureWorker`: a background thread reading this computer's camera or a video file
  (`coach.vision.sources.open_source`). Files play at their own speed, dropping frames when
  the analysis falls behind, like a live camera would; the bundled sample loops.
- `BrowserWorker`: the frame callback for streamlit-webrtc (the browser's camera). Its
  callback runs on streamlit-webrtc's thread and returns the frame with the overlay drawn.

Eco mode (all day beside the business software): `max_fps` caps the frames analysed per second
of frame time (`coach.vision.pacer`; default from COACH_MAX_FPS, e.g. `eco` = 5 fps; the panel's
sidebar switch sets it for each session it starts). Frames in between are skipped; the browser is
sent the last annotated frame again, so its preview runs at the analysis rate instead of flickering.

Pose, the slowest model, runs at most `LIVE_POSE_MAX_FPS` times a second of frame time, and
about once a second in eco mode (`coach.vision.pacer.live_pose_max_fps`; `FrameAnalyzer(pose_max_fps=...)`
fixes it); in between the landmarker reuses the body while the face stays put. Posture alerts
wait 10–30 s, so this costs nothing they can notice.

All day at a fraction of a core: a capture worker converts only the frames it analyses
(`coach.vision.live_capture`: grabbed, not retrieved, for the others) and draws the overlay only
when the page asks for the picture (`latest_image`): a closed or hidden tab, which stops or slows
the page's refreshes, stops or slows the drawing. The models come from the process's pool
(`coach.vision.model_pool`), warm before the first frame and handed on to the next session.
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from coach.readings import Event, Record
from coach.service_hook import SignalInbox
from coach.types import Frame
from coach.vision.live_capture import pixels_of
from coach.vision.pacer import LIVE_POSE_MAX_FPS, live_pose_max_fps

READINGS_KEPT = 240  # queue bound: about 15 s at 16 fps if the page stops polling
HISTORY_SECONDS = 300.0  # the strip chart's span
HISTORY_STEP_S = 0.5  # strip chart resolution
STATS_WINDOW_S = 5.0
IDLE_STOP_S = 180.0  # no page refresh for this long (tab closed): a capture worker stops itself
LATE_FRAME_S = 0.25  # a file frame this far behind the clock is dropped, like a live camera's


@dataclass(frozen=True)
class Reading:
    """What one analysed frame gives the panel: numbers, never pixels."""

    t: float  # engine time: video time for files, monotonic seconds for cameras
    received: float  # perf_counter() when the frame reached the analyser
    analysed: float  # perf_counter() when its reading was ready
    record: Record
    state: Any  # coach.engine.LiveState
    events: tuple[Event, ...] = ()


@dataclass
class Stats:
    fps: float = 0.0  # frames analysed per second, last few seconds
    latency_ms: float = 0.0  # frame received → reading on the page, median of recent frames
    latency_p95_ms: float = 0.0  # …and its 95th percentile
    analysis_ms: float = 0.0  # frame received → reading ready (landmarks + rules + overlay)
    frames: int = 0
    dropped: int = 0


@dataclass
class HistoryPoint:
    t: float
    smile: float | None
    posture_fault: bool | None  # a posture fault seen in this frame (None: no body seen)
    eye_contact: bool | None


class FrameAnalyzer:
    """Landmarker + engine + overlay (+ the store's session writer) for one stream of frames.

    `analyse` is called from one thread at a time (the worker's); break actions and `finish`
    come from the UI thread, so every use of the engine holds `lock`. The writer, when given,
    commits from the worker's thread, as the store asks.
    """

    def __init__(self, settings: Any, source_label: str, *, profile: Any = None,
                 open_writer: Callable[[], tuple[Any, str | None]] | None = None, lang: str | None = None,
                 pose_max_fps: float | None | str = "auto", open_day: Callable[[], Any] | None = None):
        from coach.core import Analyzer, AnalyzerOptions

        # pose_max_fps "auto": LIVE_POSE_MAX_FPS, or about once a second once the worker says it
        # analyses at the eco rate (follow_rate)
        self._pose_auto = pose_max_fps == "auto"
        pose_max_fps = LIVE_POSE_MAX_FPS if self._pose_auto else pose_max_fps
        # profile: the person's calibration (coach.calibrate.Profile), judged against when given
        self.core = Analyzer(AnalyzerOptions(settings=settings, source=source_label, profile=profile,
                                             pose_max_fps=pose_max_fps),
                             landmarker_factory=self._take_landmarker)
        self._landmarker: Any = None  # from the process's pool, at the first frame; back at close
        self._use_lock = threading.Lock()  # a frame being analysed vs the models going back at close
        self._closed = False
        self.writer: Any = None  # the store's StoreSink (its own thread), opened at the first frame
        self._open_writer = open_writer
        # the person's day clock (a coach.store.day_state.BreakDay, or None), opened at the first
        # frame whether or not the session's figures are kept: the break clock is the clerk's own
        self._open_day = open_day
        self.lang = lang  # the overlay's language
        self.store_problem: str | None = None  # a translated line when the store stopped taking rows
        self.store_note: str | None = None  # after finish: where the session was saved, or why not
        self._finish_lock = threading.Lock()
        self._finished: tuple[list[Event], dict] | None = None
        self.pose_max_fps = pose_max_fps  # Pose runs per second of frame time (None: every frame)
        self.break_day: Any = None  # the person's day clock in the store (coach.store.day_state)
        self.service_signals = SignalInbox()  # the queue system's signals (coach.service_hook)
        self.service_hook: Any = None  # its loopback endpoint, while a store session runs

    def follow_rate(self, max_fps: float | None) -> None:
        """Run Pose as a session analysing at most `max_fps` frames a second should (about once a
        second in eco mode), unless a rate was given; only before the first frame."""
        if self._pose_auto and self._landmarker is None:
            self.pose_max_fps = live_pose_max_fps(max_fps)

    def _take_landmarker(self) -> Any:
        from coach.vision.model_pool import POOL

        self._landmarker = POOL.take(self.pose_max_fps)
        return self._landmarker

    @property
    def engine(self) -> Any:
        return self.core.engine

    @property
    def last_t(self) -> float | None:
        return self.core.last_t

    def analyse(self, frame: Frame, received: float) -> tuple[np.ndarray, Reading]:
        """The frame with its overlay drawn, and its reading."""
        step, reading = self.analyse_step(frame, received)
        return self.paint(frame.image, step), reading

    def paint(self, image: np.ndarray, step: Any) -> np.ndarray:
        """A copy of `image` with the overlay of `step` (what was seen and measured) drawn on it."""
        from coach.vision.overlay import draw

        return draw(image, step.observation, step.record, lang=self.lang)

    def analyse_step(self, frame: Frame, received: float) -> tuple[Any, Reading]:
        """The core's step for `frame` and its reading, nothing drawn."""
        with self._use_lock:
            if self._closed:
                raise RuntimeError("the live session has ended")
            for name in self.service_signals.drain():  # at this frame's time: time stays the frames'
                with self.core.lock:
                    self.engine.service_signal(name, frame.t)
            step = self.core.process(frame)
        if self.break_day is not None:
            with self.core.lock:  # a snapshot of the clock; the day's row is written on its own thread
                self.break_day.step(self.engine, frame.t)
        reading = Reading(
            t=frame.t,
            received=received,
            analysed=time.perf_counter(),
            record=step.record,
            state=step.state,
            events=tuple(step.events),
        )
        self._store(step)
        return step, reading

    def _store(self, step: Any) -> None:
        if self._open_writer is not None:
            self.writer, note = self._open_writer()
            self._open_writer = None
            self.store_problem = note
            if self.writer is not None:
                self._open_service_hook()
        if self._open_day is not None:
            opener, self._open_day = self._open_day, None
            self._resume_day(opener())
        if self.writer is None:
            return
        try:
            self.writer.add(step)  # a queue put: the database is written on the sink's thread
        except Exception as problem:  # a store that fails for good must not stop the coaching
            message = getattr(problem, "message", None)
            self.store_problem = message(self.lang) if callable(message) else _one_line(problem)
            self.writer = None

    def _resume_day(self, day: Any) -> None:
        """Continue the person's break clock of today from the store (coach.store.day_state)."""
        if day is None:
            return
        with self.core.lock:
            day.resume(self.engine, self.last_t)
            self.break_day = day

    def _open_service_hook(self) -> None:
        """Listen for the queue system on 127.0.0.1 when the settings name a port."""
        from coach.i18n import t
        from coach.service_hook import ServiceHook

        port = self.engine.settings.service.hook_port
        if not port:
            return
        try:
            self.service_hook = ServiceHook(self.writer.store, self.writer.staff_id,
                                            self.service_signals.put, port).start()
        except OSError as problem:  # the port is taken: coach on without the hook, and say so
            self.store_problem = t("service.hook.problem", self.lang, detail=problem.strerror or problem)

    def _close_service_hook(self) -> None:
        if self.service_hook is not None:
            self.service_hook.close()
            self.service_hook = None

    def baseline_note(self) -> str | None:
        """Which baseline the scores are judged against (a calibration profile or the defaults)."""
        calibration = getattr(self.engine, "calibration", None)
        return calibration.note(self.lang) if calibration is not None else None

    @property
    def store_busy(self) -> str | None:
        """The store's translated note while it is retrying (locked, disk full…), else None."""
        problem = getattr(self.writer, "problem", None)
        if problem is None:
            return None
        message = getattr(problem, "message", None)
        return message(self.lang) if callable(message) else _one_line(problem)

    def break_action(self, action: str) -> bool:
        """'take', 'postpone' or 'skip' the break, at the stream's current time; accepted?"""
        method = {"take": "take_break", "postpone": "postpone_break", "skip": "skip_break"}[action]
        return bool(getattr(self.core, method)())

    def finish(self) -> tuple[list[Event], dict]:
        """Close the session once: the engine's last events and summary, then the store's session.

        Safe to call from any thread and more than once (the UI's Stop, the browser hanging up
        and an idle page can all end a session); later calls return the first result.
        """
        with self._finish_lock:
            if self._finished is None:
                self._close_service_hook()
                outcome = self.core.finish()
                events, summary = list(outcome.closing_events), dict(outcome.summary)
                if self.break_day is not None and self.last_t is not None:
                    with self.core.lock:
                        self.break_day.save(self.engine, self.last_t)
                self._close_store(events, summary)
                self._finished = (events, summary)
            return self._finished

    def _close_store(self, events: list[Event], summary: dict) -> None:
        if self.writer is None:
            return
        from coach.panel.store_bridge import close_writer

        try:
            if events:
                self.writer.add_events(events)
        except Exception as problem:  # keep going: the summary is still worth saving
            self.store_problem = _one_line(problem)
        self.store_note = close_writer(self.writer, summary, self.lang)

    def close(self) -> None:
        """Release the models to the process's pool (after any frame in progress). Safe to repeat."""
        from coach.vision.model_pool import POOL

        with self._use_lock:
            self._closed = True
            with self.core.lock:
                self.core.close()
            landmarker, self._landmarker = self._landmarker, None
        POOL.give_back(landmarker)


class LiveWorker:
    """What the live page needs from either kind of worker."""

    kind = "base"

    def __init__(self, analyzer: FrameAnalyzer, max_fps: float | None | str = "configured"):
        from coach.vision.pacer import FramePacer, configured_max_fps

        self.analyzer = analyzer
        self.pacer = FramePacer(configured_max_fps() if max_fps == "configured" else max_fps)
        self._follow_rate()
        self._readings: queue.Queue[Reading] = queue.Queue(maxsize=READINGS_KEPT)
        self.latest: Reading | None = None
        self._undrawn: tuple[int, np.ndarray, Any] | None = None  # (frame index, image, step), newest
        self._painted: tuple[int, np.ndarray] | None = None  # the last overlay drawn, by frame index
        self.overlays_drawn = 0
        self.history: deque[HistoryPoint] = deque()
        self.events: list[Event] = []
        self.stats = Stats()
        self.error: str | None = None  # a translated one-line message when the source failed
        self.summary: dict | None = None
        self._recent: deque[tuple[float, float, float]] = deque()  # (analysed, analysis s, latency s)
        self.alerted: set[str] = set()  # alerts already signalled (a chime plays once per new alert)
        self.last_polled = time.monotonic()  # when the page last asked for readings
        self._finish_lock = threading.Lock()

    def set_max_fps(self, max_fps: float | None) -> None:
        """Analyse at most `max_fps` frames per second from now on (None: every frame). For a
        worker between sessions (the browser's, before START); a running one keeps its rate."""
        from coach.vision.pacer import FramePacer

        self.pacer = FramePacer(max_fps)
        self._follow_rate()

    def _follow_rate(self) -> None:
        follow = getattr(self.analyzer, "follow_rate", None)
        if follow is not None:
            follow(self.pacer.max_fps)

    @property
    def latest_image(self) -> np.ndarray | None:
        """The newest analysed frame with its overlay, drawn now: only when a page asks for it (a
        closed tab asks for nothing, a hidden one seldom), once per analysed frame."""
        undrawn = self._undrawn
        if undrawn is None:
            return None
        index, image, step = undrawn
        painted = self._painted
        if painted is not None and painted[0] == index:
            return painted[1]
        drawn = self.analyzer.paint(image, step)
        self.overlays_drawn += 1
        self._painted = (index, drawn)
        return drawn

    # --- producer side (worker thread) -------------------------------------------------------
    def _publish(self, reading: Reading) -> None:
        try:
            self._readings.put_nowait(reading)
        except queue.Full:
            with contextlib.suppress(queue.Empty):
                self._readings.get_nowait()
            with contextlib.suppress(queue.Full):
                self._readings.put_nowait(reading)

    # --- consumer side (UI thread) -----------------------------------------------------------
    def poll(self) -> list[Reading]:
        """Take every reading that arrived since the last refresh and update the page's view."""
        self.last_polled = time.monotonic()
        now = time.perf_counter()
        fresh: list[Reading] = []
        while True:
            try:
                fresh.append(self._readings.get_nowait())
            except queue.Empty:
                break
        for reading in fresh:
            self.events.extend(reading.events)
            analysis_s = reading.analysed - reading.received
            self._recent.append((reading.analysed, analysis_s, now - reading.received))
            self._add_history(reading)
        if fresh:
            self.latest = fresh[-1]
        while self._recent and self._recent[0][0] < now - STATS_WINDOW_S:
            self._recent.popleft()
        self.stats.frames += len(fresh)
        if len(self._recent) >= 2:
            span = self._recent[-1][0] - self._recent[0][0]
            self.stats.fps = (len(self._recent) - 1) / span if span > 0 else 0.0
            self.stats.analysis_ms = 1000 * float(np.median([r[1] for r in self._recent]))
            latencies = [r[2] for r in self._recent]
            self.stats.latency_ms = 1000 * float(np.median(latencies))
            self.stats.latency_p95_ms = 1000 * float(np.percentile(latencies, 95))
        return fresh

    def _add_history(self, reading: Reading) -> None:
        if self.history and reading.t - self.history[-1].t < HISTORY_STEP_S:
            return
        record = reading.record
        smile = reading.state.smile_score
        if smile is None and record.smile is not None:
            smile = record.smile.score
        posture_fault = None if record.posture is None else bool(record.posture.issues)
        eye_contact = None if record.gaze is None else record.gaze.eye_contact
        self.history.append(HistoryPoint(reading.t, smile, posture_fault, eye_contact))
        while self.history and self.history[0].t < reading.t - HISTORY_SECONDS:
            self.history.popleft()

    def break_action(self, action: str) -> bool:
        return self.analyzer.break_action(action)

    @property
    def running(self) -> bool:
        raise NotImplementedError

    def stop(self) -> dict:
        """From the page: stop, take the last readings, finish; the summary (also in `summary`)."""
        self._halt()
        self.poll()
        return self.finish()

    def finish(self) -> dict:
        """End the session (any thread, once): engine summary, store closed, models released."""
        with self._finish_lock:
            if self.summary is None:
                closing_events, self.summary = self.analyzer.finish()
                self.events.extend(closing_events)
            self.analyzer.close()
            return self.summary

    def _halt(self) -> None:
        pass


class CaptureWorker(LiveWorker):
    """Reads a camera or a video file on a background thread.

    `first` is the already-opened source (so opening errors reach the page at once, as a
    translated line); `reopen`, when given, opens the file again each time it ends (the
    bundled sample loops). `paced` plays a file at its own speed instead of as fast as the
    analysis goes.
    """

    kind = "capture"

    def __init__(
        self,
        analyzer: FrameAnalyzer,
        first: Iterable[Frame],
        *,
        paced: bool,
        reopen: Callable[[], Iterable[Frame]] | None = None,
        label: str = "",
        max_fps: float | None | str = "configured",
        temporary: Path | None = None,
    ):
        super().__init__(analyzer, max_fps)
        self.label = label
        self.temporary = temporary  # a private copy of an uploaded video, removed at finish
        self.paced = paced
        self._first: Iterable[Frame] | None = first
        self.source: Any = first  # the source being played (a reopened sample: the newest)
        self._converted_before = 0  # frames converted to pixels by the sources played before it
        self._reopen = reopen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="coach-capture", daemon=True)
        self.finished = False  # the file ended (not looping), or the source failed
        self.idle_stopped = False  # the page stopped asking for readings (tab closed)
        self.end_code: str | None = None  # why a source ended early (a translation key), if it did
        self.end_values: dict = {}

    def end_text(self, lang: str | None = None) -> str | None:
        """Why the source ended early, in `lang`; None when it did not."""
        if not self.end_code:
            return None
        from coach.i18n import t

        return t(self.end_code, lang, **self.end_values)

    @property
    def converted(self) -> int | None:
        """Frames the sources turned into pixels so far (None: a source that decodes every frame)."""
        source = self.source
        if source is None:  # between two plays of a looping file
            return self._converted_before
        current = getattr(source, "retrieved", None)
        return None if current is None else self._converted_before + current

    def start(self) -> CaptureWorker:
        self._thread.start()
        return self

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def finish(self) -> dict:
        summary = super().finish()
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)
        return summary

    def _halt(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)
        if self._first is not None:
            _close(self._first)
            self._first = None

    def _run(self) -> None:
        try:
            self._read_all()
        except Exception as problem:  # the page shows it; the thread must not die silently
            self.error = _one_line(problem)
        finally:
            self.finished = True
            if self.idle_stopped:
                self.finish()  # nobody is watching: close the session here, the page may never return

    def _read_all(self) -> None:
        offset = 0.0  # added to a looping file's time so the engine's clock keeps rising
        index = 0
        clock_start = time.monotonic()
        frames, self._first = self._first, None
        while frames is not None and not self._stop.is_set():
            self.source = frames
            last_t = None
            try:
                for frame in frames:  # decoded Frames, or Grabs converted only when analysed
                    if self._stop.is_set():
                        return
                    if time.monotonic() - self.last_polled > IDLE_STOP_S:
                        self.idle_stopped = True
                        return
                    t = frame.t + offset
                    last_t = frame.t
                    if self.paced:
                        behind = (time.monotonic() - clock_start) - t
                        if behind > LATE_FRAME_S:
                            self.stats.dropped += 1
                            continue
                        if behind < 0 and self._stop.wait(-behind):
                            return
                    if not self.pacer.due(t):
                        continue
                    received = time.perf_counter()
                    image = pixels_of(frame)
                    if image is None:
                        continue
                    step, reading = self.analyzer.analyse_step(Frame(t=t, index=index, image=image), received)
                    index += 1
                    self._undrawn = (index, image, step)
                    self._publish(reading)
            finally:
                _close(frames)
                self._converted_before += getattr(frames, "retrieved", 0)
                self.source = None
            if getattr(frames, "ended_early", False):
                self.end_code = getattr(frames, "end_code", None)
                self.end_values = dict(getattr(frames, "end_values", None) or {})
            if self._reopen is None or last_t is None:
                return
            offset += last_t + 1.0 / 25
            frames = self._reopen()


class BrowserWorker(LiveWorker):
    """The video-frame callback for streamlit-webrtc: analyse, draw, hand the reading over."""

    kind = "browser"

    def __init__(self, analyzer: FrameAnalyzer, max_fps: float | None | str = "configured"):
        super().__init__(analyzer, max_fps)
        self._last_drawn: np.ndarray | None = None  # sent again (re-stamped) for skipped frames
        self._index = 0
        self._clock_start = time.monotonic()
        self.active = False

    @property
    def running(self) -> bool:
        return self.active

    def on_ended(self) -> None:
        """streamlit-webrtc: the browser's video ended (Stop, tab closed, connection lost)."""
        self.active = False
        self.finish()

    def on_video_frame(self, frame: Any) -> Any:
        """Runs on streamlit-webrtc's thread for each browser frame (an `av.VideoFrame`)."""
        import av

        received = time.perf_counter()
        t = time.monotonic() - self._clock_start
        if not self.pacer.due(t):
            if self._last_drawn is None:
                return frame
            out = av.VideoFrame.from_ndarray(self._last_drawn, format="bgr24")
            out.pts, out.time_base = frame.pts, frame.time_base
            return out
        image = frame.to_ndarray(format="bgr24")
        try:
            drawn, reading = self.analyzer.analyse(Frame(t=t, index=self._index, image=image), received)
        except Exception as problem:
            self.error = _one_line(problem)
            return frame
        self._index += 1
        self._publish(reading)
        self._last_drawn = np.ascontiguousarray(drawn)
        out = av.VideoFrame.from_ndarray(self._last_drawn, format="bgr24")
        out.pts, out.time_base = frame.pts, frame.time_base
        return out


def _close(frames: Iterable[Frame]) -> None:
    close = getattr(frames, "close", None)
    if close is not None:
        close()


def _one_line(problem: BaseException) -> str:
    text = str(problem).strip().splitlines()
    return text[0] if text else type(problem).__name__


__all__ = [
    "BrowserWorker",
    "CaptureWorker",
    "FrameAnalyzer",
    "HistoryPoint",
    "LiveWorker",
    "Reading",
    "Stats",
]
