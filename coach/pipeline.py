"""One pipeline for review, live and batch: frames → landmarker → engine → sinks.

    result = run(source, landmarker, engine, [TimelineCsvSink(...), EventsCsvSink(...)])

Only the source and the sinks differ between a trainer reviewing a recording, the live panel
and a batch job, so the three produce the same records. `run` reads no clock for the analysis
(frame times come from the source); it measures its own wall time only to report speed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from coach.readings import Event
from coach.types import Frame

Progress = Callable[[int, Frame, Any], None]  # (frames done, the frame, the engine's Step)


@dataclass
class RunResult:
    """What one run over one source produced, besides what the sinks wrote."""

    source: str
    frames: int = 0  # frames analysed
    faces: int = 0  # frames with the staff member's face
    bodies: int = 0  # frames with the staff member's body
    first_t: float | None = None
    last_t: float | None = None
    events: list[Event] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    ended_early: bool = False  # the source stopped before its end (camera lost, damaged file)
    end_reason: str | None = None
    end_message: str | None = None  # translated, for the user
    stopped: bool = False  # the caller asked to stop (should_stop)
    wall_s: float = 0.0  # seconds the analysis took

    @property
    def media_s(self) -> float:
        """Seconds of source time covered by the analysed frames."""
        if self.first_t is None or self.last_t is None:
            return 0.0
        return max(0.0, self.last_t - self.first_t)

    @property
    def frames_per_second(self) -> float:
        """Analysis speed: frames analysed per second of wall time."""
        return self.frames / self.wall_s if self.wall_s > 0 else 0.0


def run(
    frames: Iterable[Frame],
    landmarker: Any,
    engine: Any,
    sinks: Sequence[Any] = (),
    progress: Progress | None = None,
    *,
    source: str | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> RunResult:
    """Analyse every frame of `frames` and hand each step to every sink.

    landmarker: has `detect(frame) -> Observation` (coach.vision.landmarker.Landmarker).
    engine: `step(obs) -> Step(record, events, state)`, `finish(t) -> list[Event]`, `summary() -> dict`.
    sinks: objects with `on_step(frame, obs, step)` and `on_finish(events, summary, source)`
        (coach.sinks); they stay open, so the caller can pass the same sinks to several runs.
    progress: called after each frame with (frames done, frame, step).
    should_stop: polled before each frame; True ends the run early but still finishes the engine.

    When `frames` is a `coach.vision.sources.FrameSource` that ended early (a camera lost, a
    damaged file), everything up to that point is kept and the result says why it ended.
    """
    name = source if source is not None else str(getattr(engine, "source", "") or getattr(frames, "name", ""))
    result = RunResult(source=name)
    started = time.perf_counter()
    try:
        for frame in frames:
            if should_stop is not None and should_stop():
                result.stopped = True
                break
            obs = landmarker.detect(frame)
            step = engine.step(obs)
            for sink in sinks:
                sink.on_step(frame, obs, step)
            result.frames += 1
            result.faces += obs.face is not None
            result.bodies += obs.body is not None
            if result.first_t is None:
                result.first_t = frame.t
            result.last_t = frame.t
            result.events.extend(step.events)
            if progress is not None:
                progress(result.frames, frame, step)
    finally:
        result.wall_s = time.perf_counter() - started
        result.ended_early = bool(getattr(frames, "ended_early", False))
        result.end_reason = getattr(frames, "end_reason", None)
        result.end_message = getattr(frames, "end_message", None)
    final_events = list(engine.finish(result.last_t)) if result.last_t is not None else []
    result.events.extend(final_events)
    result.summary = dict(engine.summary())
    for sink in sinks:
        sink.on_finish(final_events, result.summary, name)
    return result
