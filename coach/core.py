"""The analysis core every surface uses: frames → landmarks → engine → steps.

    import coach

    with coach.Analyzer(coach.AnalyzerOptions(source="cam0")) as analyzer:
        for frame in frames:                  # coach.types.Frame, each with its time frame.t
            step = analyzer.process(frame)    # landmarks + engine: Step(observation, record, events, state)
        outcome = analyzer.finish()           # closing events, the engine's summary, counts

    step = analyzer.judge(observation)        # the engine only: chunk replay, benchmarks
    outcome = coach.review_file("clip.mp4", sinks, options)   # opens the source once

The live panel (camera, file, browser), the review command and page, the batch runner (whole
files, and chunks replayed through `judge`) and the bench all go through `Analyzer`, so one
recording gives the same records, events and summary on every surface. Options are a frozen
dataclass validated at construction (as MediaPipe Tasks' are); nothing here reads a clock for
the analysis (frame times come from the frames) or takes a display language.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.errors import OptionsError

Progress = Callable[[int, Any, "Step"], None]  # (frames done, the frame, the step)


@dataclass(frozen=True)
class AnalyzerOptions:
    """What one analysis of one person's stream needs. Every field has a usable default.

    settings: coach.settings.Settings (None: the defaults).
    source: the name written in records (`source` column, session label).
    stride / fps: which frames of a file `review_file` analyses: every `stride`-th, or about
        `fps` per second of video (one or the other). `process` analyses whatever it is given.
    pose_max_fps: run Pose at most this often per second of frame time, reusing the body in
        between while the face stays put (None: every frame; the live coach uses 5).
    static_image_mode: detect every frame afresh (unrelated photos, per-frame landmarks).
    blendshapes_model: a MediaPipe Tasks `face_landmarker.task` for the 52 blendshapes (None: off).
    profile: a calibration profile (coach.calibrate.Profile) to judge against; smile_baseline /
        posture_baseline override it. day_origin: the break clock's start of day.
    """

    settings: Any = None
    source: str = ""
    stride: int = 1
    fps: float | None = None
    pose_max_fps: float | None = None
    static_image_mode: bool = False
    blendshapes_model: str | None = None
    profile: Any = None
    smile_baseline: Any = None
    posture_baseline: Any = None
    day_origin: float | None = None

    def __post_init__(self) -> None:
        from coach.vision.pacer import check_max_fps
        from coach.vision.sources import check_sampling

        check_sampling(self.stride, self.fps)  # SourceError (a CoachError) with the reason
        try:
            check_max_fps(self.pose_max_fps)
        except ValueError:
            raise OptionsError("review.error.bad_pose_fps", value=self.pose_max_fps) from None


@dataclass(frozen=True)
class Step:
    """One analysed frame: what was seen (`observation`) and what the engine made of it.

    `record`, `events`, `state` are the engine's; `credit` is what the engine's step credits
    (seconds of presence, smiling, posture…) when the engine provides it, passed through as is.
    """

    observation: Any  # coach.types.Observation
    record: Any  # coach.readings.Record
    events: list[Any]  # coach.readings.Event
    state: Any  # coach.engine.LiveState
    credit: Any = None

    @classmethod
    def of(cls, observation: Any, engine_step: Any) -> Step:
        return cls(observation, engine_step.record, list(engine_step.events), engine_step.state,
                   getattr(engine_step, "credit", None))


@dataclass
class Outcome:
    """What one analysis produced, besides what the sinks wrote."""

    source: str
    frames: int = 0  # frames analysed
    faces: int = 0  # frames with the staff member's face
    bodies: int = 0  # frames with the staff member's body
    first_t: float | None = None
    last_t: float | None = None
    events: list[Any] = field(default_factory=list)  # as the steps gave them, then closing ones
    closing_events: list[Any] = field(default_factory=list)  # those `finish` gave
    summary: dict = field(default_factory=dict)  # the engine's summary
    ended_early: bool = False  # the source stopped before its end (camera lost, damaged file)
    end_reason: str | None = None
    end_code: str | None = None  # translation key of why it ended early
    end_values: dict = field(default_factory=dict)
    stopped: bool = False  # the caller asked to stop (should_stop)
    wall_s: float = 0.0  # seconds the analysis took
    warnings: list[Any] = field(default_factory=list)  # the landmarker's notes (CoachErrors)

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

    def end_text(self, lang: str | None = None) -> str | None:
        """Why the source ended early, in `lang`; None when it did not."""
        if not self.end_code:
            return None
        from coach.i18n import t

        return t(self.end_code, lang, **self.end_values)

    @property
    def end_message(self) -> str | None:
        return self.end_text()


class Analyzer:
    """Landmarks + engine for one person's stream. Use as a context manager (it holds models).

    The landmarker is built at the first `process` (so `judge`-only uses never load MediaPipe);
    pass `landmarker=` to share one (e.g. a static-image landmarker across photos), or
    `landmarker_factory=` to be handed one at the first frame (the live page's pool of warm models,
    `coach.vision.model_pool`); the analyzer leaves either open. `process`/`judge` run on one
    thread at a time; break actions and `finish` may come from another (the panel's UI thread):
    the engine is used under a lock.
    """

    def __init__(self, options: AnalyzerOptions | None = None, *, landmarker: Any = None,
                 landmarker_factory: Callable[[], Any] | None = None) -> None:
        from coach.engine import Engine

        self.options = options or AnalyzerOptions()
        opts = self.options
        engine_args: dict[str, Any] = {
            "source": opts.source, "profile": opts.profile, "day_origin": opts.day_origin,
            "smile_baseline": opts.smile_baseline, "posture_baseline": opts.posture_baseline,
        }
        if opts.settings is not None:
            engine_args["settings"] = opts.settings
        self.engine = Engine(**engine_args)
        self._landmarker = landmarker
        self._landmarker_factory = landmarker_factory
        self._own_landmarker = landmarker is None and landmarker_factory is None
        self.lock = threading.Lock()
        self._outcome = Outcome(source=opts.source)
        self._finished: Outcome | None = None

    # --- models -----------------------------------------------------------------------------
    @property
    def landmarker(self) -> Any:
        if self._landmarker is None and self._landmarker_factory is not None:
            self._landmarker = self._landmarker_factory()
        if self._landmarker is None:
            from coach.vision.landmarker import Landmarker

            opts = self.options
            self._landmarker = Landmarker(static_image_mode=opts.static_image_mode,
                                          blendshapes_model=opts.blendshapes_model,
                                          pose_max_fps=None if opts.static_image_mode else opts.pose_max_fps)
        return self._landmarker

    @property
    def warnings(self) -> list[str]:
        return list(getattr(self._landmarker, "warnings", []) or [])

    def close(self) -> None:
        """Release the models (the landmarker, when this analyzer built it). Safe to repeat."""
        landmarker, self._landmarker = self._landmarker, None
        if landmarker is not None and self._own_landmarker:
            landmarker.close()

    def __enter__(self) -> Analyzer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- per frame --------------------------------------------------------------------------
    def process(self, frame: Any) -> Step:
        """Landmarks of `frame` (a coach.types.Frame), then `judge`."""
        return self.judge(self.landmarker.detect(frame))

    def judge(self, observation: Any) -> Step:
        """The engine's step for an observation already made (replayed chunks, benchmarks)."""
        with self.lock:
            step = Step.of(observation, self.engine.step(observation))
        outcome = self._outcome
        outcome.frames += 1
        outcome.faces += observation.face is not None
        outcome.bodies += observation.body is not None
        if outcome.first_t is None:
            outcome.first_t = observation.t
        outcome.last_t = observation.t
        outcome.events.extend(step.events)
        return step

    @property
    def last_t(self) -> float | None:
        return self._outcome.last_t

    # --- break actions (the panel's buttons), at the stream's current time -----------------
    def take_break(self) -> bool:
        return self._break("take_break")

    def postpone_break(self) -> bool:
        return self._break("postpone_break")

    def skip_break(self) -> bool:
        return self._break("skip_break")

    def _break(self, method: str) -> bool:
        with self.lock:
            if self._outcome.last_t is None or self._finished is not None:
                return False
            return bool(getattr(self.engine, method)(self._outcome.last_t))

    # --- the end ----------------------------------------------------------------------------
    def finish(self) -> Outcome:
        """Close alerts and smiles still open and sum up. Once: later calls return the same."""
        with self.lock:
            if self._finished is None:
                outcome = self._outcome
                last_t = outcome.last_t
                outcome.closing_events = list(self.engine.finish(last_t)) if last_t is not None else []
                outcome.events.extend(outcome.closing_events)
                outcome.summary = dict(self.engine.summary())
                outcome.warnings = self.warnings
                self._finished = outcome
            return self._finished

    def run(self, frames: Iterable[Any], sinks: Sequence[Any] = (), progress: Progress | None = None, *,
            should_stop: Callable[[], bool] | None = None) -> Outcome:
        """Analyse every frame of `frames`, hand each step to every sink, finish.

        sinks: objects with `on_step(frame, observation, step)` and `on_finish(events, summary,
            source)` (coach.sinks); they stay open, so a caller can pass the same sinks to several runs.
        should_stop: polled before each frame; True ends the run early but still finishes.
        When `frames` is a `coach.vision.sources.FrameSource` that ended early (a camera lost, a
        damaged file), everything up to that point is kept and the outcome says why it ended.
        """
        started = time.perf_counter()
        stopped = False
        try:
            for frame in frames:
                if should_stop is not None and should_stop():
                    stopped = True
                    break
                step = self.process(frame)
                for sink in sinks:
                    sink.on_step(frame, step.observation, step)
                if progress is not None:
                    progress(self._outcome.frames, frame, step)
        finally:
            self._outcome.wall_s += time.perf_counter() - started
            self._outcome.stopped = stopped
            _copy_end(frames, self._outcome)
        outcome = self.finish()
        for sink in sinks:
            sink.on_finish(outcome.closing_events, outcome.summary, self.options.source)
        return outcome


def _copy_end(frames: Any, outcome: Outcome) -> None:
    outcome.ended_early = bool(getattr(frames, "ended_early", False))
    outcome.end_reason = getattr(frames, "end_reason", None)
    outcome.end_code = getattr(frames, "end_code", None)
    outcome.end_values = dict(getattr(frames, "end_values", None) or {})


def review_file(path: str | Path | Any, sinks: Sequence[Any] = (), options: AnalyzerOptions | None = None,
                progress: Progress | None = None, should_stop: Callable[[], bool] | None = None, *,
                landmarker: Any = None) -> Outcome:
    """Analyse one video or photo into `sinks`, opening it once.

    `path` may also be a source already opened with `coach.vision.sources.open_source` (the
    caller needed its length or frame rate first); it is closed here either way. A photo is
    analysed in static-image mode. Raises SourceError (a CoachError: code, values, `reason`)
    when the input cannot be opened; ValueError from the engine for inconsistent timestamps.
    """
    from dataclasses import replace

    from coach.vision.sources import open_source

    options = options or AnalyzerOptions()
    opened = hasattr(path, "info")
    source = path if opened else open_source(path, stride=options.stride, target_fps=options.fps)
    try:
        if source.info.kind == "image" and not options.static_image_mode:
            options = replace(options, static_image_mode=True)
        if not options.source:  # a file is named by its file name, as `python -m coach review` does
            named = Path(source.name).name if source.info.kind in ("video", "image") else source.name
            options = replace(options, source=named)
        with Analyzer(options, landmarker=landmarker) as analyzer:
            return analyzer.run(source, sinks, progress, should_stop=should_stop)
    finally:
        source.close()
