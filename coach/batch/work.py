"""The work of one batch task, the same in a local worker process and in a Ray task.

A task is a whole file or one chunk of a long video:

* a whole file runs the full review (`coach.review.review_one`: decode, landmarks, rules,
  engine) and returns every step's record and events, so the driver writes the outputs
  with the project's own sinks, whichever machine did the work;
* a chunk runs only the expensive, history-free part — decode and landmarks — and returns the
  observations of its frames. The engine's trackers (alert onset and hysteresis, the break
  timer, smile counting) depend on everything before, so the driver replays one analyzer's
  `judge` (`coach.core.Analyzer`, the engine only) over the stitched observations of all chunks
  in order (`replay`): an alert or a break that spans a border is one event, exactly as in an
  unchunked run.

Nothing here writes files, except an annotated video when the user asked for one.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from coach.batch.plan import Chunk, MediaFile
from coach.core import Analyzer, Outcome, Step
from coach.i18n import language
from coach.readings import Event
from coach.review import (
    EVENTS_NAME,
    SUMMARY_NAME,
    TIMELINE_NAME,
    ReviewOptions,
    ReviewResult,
    failed,
    review_one,
)
from coach.sinks import EventsCsvSink, Sink, TimelineCsvSink, write_json_atomic
from coach.types import Frame, Observation

# Failure reasons that belong to the file itself: a rerun does not try these files again
# unless they change (or --force). Anything else (a worker that died, a bug) is retried.
FILE_PROBLEMS = frozenset({
    "missing_file", "not_a_file", "empty_file", "unreadable_image", "unreadable_video", "unsupported_type",
    "no_video_stream", "unsupported_codec", "no_frames", "analysis_error",
})


@dataclass(frozen=True)
class Task:
    """One unit of work: a whole file (chunk None) or one chunk of a video."""

    file: MediaFile
    options: ReviewOptions
    outdir: str  # where an annotated copy goes (only with options.annotate)
    per_frame_landmarks: bool = False
    chunk: Chunk | None = None

    @property
    def label(self) -> str:
        if self.chunk is None:
            return self.file.rel
        return f"{self.file.rel} [{self.chunk.index + 1}/{self.chunk.count}]"


@dataclass
class FileOutcome:
    """A file's results: every step (record and its events), the closing events and the summary."""

    file: MediaFile
    ok: bool
    reason: str = ""  # a short code when not ok (see FILE_PROBLEMS, "worker_died", "error")
    result: ReviewResult | None = None
    steps: list[Step] = field(default_factory=list)  # the engine's steps (record, events, credit)
    final_events: list[Event] = field(default_factory=list)
    summary: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        return (self.result.error if self.result is not None else None) or self.reason

    def message_in(self, lang: str | None) -> str:
        return (self.result.error_text(lang) if self.result is not None else None) or self.reason


@dataclass
class ChunkOutcome:
    """A chunk's observations (its own frames only, in order) and how its decoding ended."""

    file: MediaFile
    chunk: Chunk
    ok: bool
    reason: str = ""
    message: str = ""
    observations: list[Observation] = field(default_factory=list)
    ended_early: bool = False
    end_reason: str | None = None
    end_code: str | None = None
    end_values: dict = field(default_factory=dict)
    wall_s: float = 0.0
    warmup_frames: int = 0
    first_decoded_index: int = 0  # where decoding started: 0 at the file's start, more after a seek
    seek_failed: bool = False  # the frames after a seek did not line up (analysed again from the start)
    problem: Exception | None = None


class CaptureSink(Sink):
    """Keeps what the pipeline hands to sinks, to be written elsewhere (by the batch driver)."""

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.final_events: list[Event] = []
        self.summary: dict = {}

    def on_step(self, frame, obs, step) -> None:
        self.steps.append(replace(step, observation=None))  # the numbers, not the landmarks

    def on_finish(self, events: list[Event], summary: dict, source: str) -> None:
        self.final_events = list(events)
        self.summary = dict(summary)


def init_worker() -> None:
    """Set up a worker process: Ctrl-C is the driver's to handle, and MediaPipe's start-up log is
    kept quiet. The driver stops workers itself, so the user sees one clean message."""
    import signal

    from coach.lifeline import die_with_parent

    die_with_parent()  # a driver stopped by any signal, even SIGKILL, leaves no worker behind
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("GLOG_minloglevel", "2")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def analyse(task: Task) -> FileOutcome | ChunkOutcome:
    """Run one task. Problems with the input come back as a failed outcome, never as an exception."""
    if task.chunk is None:
        return analyse_file(task)
    return analyse_chunk(task)


def analyse_file(task: Task) -> FileOutcome:
    from coach.vision.sources import SourceError, open_source

    options = replace(task.options, progress=False)
    file = task.file
    try:  # opened here, once, to keep the problem's short code
        source = open_source(file.path, stride=options.stride, target_fps=options.fps)
    except SourceError as problem:
        return FileOutcome(file, ok=False, reason=problem.reason, result=failed(file.rel, file.path, problem))
    capture = CaptureSink()
    landmarker = _per_frame_landmarker(options) if task.per_frame_landmarks and not file.is_image else None
    try:
        result = review_one(file.path, task.outdir, options, name=file.rel, timeline=capture, events=Sink(),
                            landmarker=landmarker, source=source)
    finally:
        if landmarker is not None:
            landmarker.close()
    if not result.ok:
        return FileOutcome(file, ok=False, reason="analysis_error", result=result)
    return FileOutcome(file, ok=True, result=result, steps=capture.steps, final_events=capture.final_events,
                       summary=capture.summary)


def analyse_chunk(task: Task) -> ChunkOutcome:
    """A chunk's observations. Its source starts decoding near the warm-up where it can (the same
    frames, numbered as from the start); when it finds out too late that the frames after its seek
    do not line up (`seek_failed`), the chunk is analysed again decoding from the start."""
    started = time.perf_counter()
    outcome = _analyse_chunk_once(task, may_seek=True)
    if outcome.seek_failed:
        outcome = _analyse_chunk_once(task, may_seek=False)
    outcome.wall_s = time.perf_counter() - started
    return outcome


def _analyse_chunk_once(task: Task, may_seek: bool) -> ChunkOutcome:
    from coach.vision.landmarker import Landmarker
    from coach.vision.sources import SourceError, open_source

    options, chunk = task.options, task.chunk
    try:
        source = open_source(task.file.path, stride=options.stride, target_fps=options.fps)
    except SourceError as problem:
        return ChunkOutcome(task.file, chunk, ok=False, reason=problem.reason, message=str(problem),
                            problem=problem)
    source.yield_from_t = chunk.start - chunk.warmup_s  # earlier frames are never analysed
    source.may_seek = may_seek
    try:
        with Landmarker(static_image_mode=task.per_frame_landmarks,
                        blendshapes_model=options.blendshapes_model,
                        pose_max_fps=options.pose_fps) as landmarker:
            observations, warmup = chunk_observations(source, landmarker.detect, chunk)
    finally:
        source.close()
    return ChunkOutcome(task.file, chunk, ok=True, observations=observations,
                        ended_early=bool(source.ended_early), end_reason=source.end_reason,
                        end_code=source.end_code, end_values=dict(source.end_values),
                        warmup_frames=warmup, first_decoded_index=source.first_decoded_index,
                        seek_failed=source.seek_failed)


def chunk_observations(frames: Iterable[Frame], detect: Callable[[Frame], Observation], chunk: Chunk
                       ) -> tuple[list[Observation], int]:
    """The observations of the frames `chunk` owns, and how many warm-up frames were analysed.

    Frames before the warm-up are skipped by the source (`analyse_chunk` sets `yield_from_t`: it
    starts decoding at a keyframe before the warm-up or at the file's start, and frame indices and
    sampling are exactly those of an unchunked run); decoding stops at the chunk's end.
    """
    observations: list[Observation] = []
    warmup = 0
    for frame in frames:
        if frame.t >= chunk.end:
            break
        if chunk.owns(frame.t):
            observations.append(detect(frame))
        elif chunk.warms_up(frame.t):
            detect(frame)
            warmup += 1
    return observations, warmup


def replay(file: MediaFile, chunks: list[ChunkOutcome], options: ReviewOptions) -> FileOutcome:
    """One analyzer's `judge` over the observations of all `chunks` (in chunk order): the file's
    outcome as an unchunked run would give it. A chunk that ended early (a damaged file) ends
    the file there."""
    chunks = sorted(chunks, key=lambda c: c.chunk.index)
    used: list[ChunkOutcome] = []
    for outcome in chunks:
        used.append(outcome)
        if outcome.ended_early:
            break
    capture = CaptureSink()
    result = ReviewResult(file.rel, file.path, ok=True, kind="video")
    started = time.perf_counter()
    with Analyzer(options.analyzer_options(file.rel)) as analyzer:
        try:
            for observation in (obs for outcome in used for obs in outcome.observations):
                step = analyzer.judge(observation)
                capture.on_step(None, observation, step)
        except ValueError as problem:  # the engine refusing inconsistent timestamps
            result.ok, result.error, result.problem = False, str(problem), problem
            return FileOutcome(file, ok=False, reason="analysis_error", result=result)
        run: Outcome = analyzer.finish()
    capture.on_finish(run.closing_events, run.summary, file.rel)
    last = used[-1]
    run.ended_early, run.end_reason = last.ended_early, last.end_reason
    run.end_code, run.end_values = last.end_code, dict(last.end_values)
    run.wall_s = time.perf_counter() - started + sum(outcome.wall_s for outcome in chunks)
    result.run = run
    return FileOutcome(file, ok=True, result=result, steps=capture.steps, final_events=capture.final_events,
                       summary=capture.summary)


def write_file_outputs(outcome: FileOutcome, folder: Path, lang: str | None) -> None:
    """The file's timeline.csv, events.csv and summary.json in `folder`, written with the same
    sinks as `python -m coach review`, so they read the same whichever process did the work."""
    source = outcome.file.rel
    with language(lang), TimelineCsvSink(folder / TIMELINE_NAME) as timeline, \
            EventsCsvSink(folder / EVENTS_NAME) as events:  # events.csv's detail column, for people
        for step in outcome.steps:
            timeline.write_record(step.record)
            events.add(step.events, source)
        events.on_finish(outcome.final_events, outcome.summary, source)
    write_json_atomic(folder / SUMMARY_NAME, outcome.result.as_summary())


def _per_frame_landmarker(options: ReviewOptions):
    from coach.vision.landmarker import Landmarker

    return Landmarker(static_image_mode=True, blendshapes_model=options.blendshapes_model)
