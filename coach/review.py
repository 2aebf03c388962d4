"""Review recorded video or photos into files: the library behind `python -m coach review`, the
panel's Review page and each batch worker.

    results = review("recordings/", "out/", ReviewOptions(fps=5))     # a file or a folder
    result = review_one("clip.mp4", "out/", ReviewOptions())           # one file

writes to the output folder:

* `timeline.csv` — one row per analysed frame (`coach.readings.TIMELINE_COLUMNS`); for a folder
  the `source` column is each file's path relative to the input;
* `events.csv` — alerts, breaks and other spans (source, start, end, kind, detail, start_s, end_s);
* `summary.json` — per file: frames analysed, speed, share of frames with a face, the engine's
  summary, and any error; `overall`: the headline figures of all files (`coach.tally`), the same
  shape whether or not a batch or a store was involved;
* with `annotate` only: an MP4 (or, for a photo, a JPG) with the overlay drawn, under
  `annotated/`. Nothing of the picture is written otherwise.

Each file is opened once and analysed by `coach.core.review_file`. Nothing here prints:
`on_file` is told of each finished file and `progress` of each frame; the callers (the CLI, the
panel) show them in their language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.core import AnalyzerOptions, Outcome, review_file
from coach.errors import CoachError, OptionsError
from coach.i18n import language
from coach.media import find_media, is_image
from coach.review_defaults import DEFAULT_RATE, REVIEW_POSE_FPS, sampling
from coach.sinks import (
    AnnotatedVideoSink,
    EventsCsvSink,
    Sink,
    TimelineCsvSink,
    write_annotated_image,
    write_json_atomic,
)
from coach.tally import distinct_events, overall
from coach.vision.sources import SourceError, check_sampling, open_source

TIMELINE_NAME, EVENTS_NAME, SUMMARY_NAME = "timeline.csv", "events.csv", "summary.json"
ANNOTATED_DIR = "annotated"

FileProgress = Callable[[str, int, int | None], None]  # (file name, frames done, frames expected or None)


@dataclass(frozen=True)
class ReviewOptions:
    """What a review analyses and writes.

    `lang` is only the language of the texts written into the files (events.csv details, the
    overlay of an annotated copy); it changes no figure. `progress` says whether the caller
    wants a progress display (the CLI's bar); the library itself shows nothing.
    """

    stride: int = 1
    # Frames analysed per second of video. Left out: the review's default rate
    # (coach.review_defaults.REVIEW_FPS), or every `stride`-th frame when a stride is given;
    # None: every frame (with stride 1).
    fps: Any = DEFAULT_RATE
    annotate: bool = False
    lang: str | None = None
    blendshapes_model: str | None = None
    # Pose at most this often per second of video; None = every analysed frame.
    pose_fps: float | None = REVIEW_POSE_FPS
    progress: bool = True
    settings: Any = None  # coach.settings.Settings; None = the defaults

    def __post_init__(self) -> None:
        if self.fps is DEFAULT_RATE:
            object.__setattr__(self, "fps", sampling(self.stride).fps)

    @property
    def every_frame(self) -> bool:
        return self.stride == 1 and self.fps is None

    def analyzer_options(self, source: str = "", *, static_image_mode: bool = False) -> AnalyzerOptions:
        return AnalyzerOptions(settings=self.settings, source=source, stride=self.stride, fps=self.fps,
                               pose_max_fps=self.pose_fps, static_image_mode=static_image_mode,
                               blendshapes_model=self.blendshapes_model)


@dataclass
class ReviewResult:
    source: str  # the name written in the `source` column
    path: str
    ok: bool
    kind: str = ""  # "video" or "image"
    error: str | None = None  # one line (default language) when not ok
    run: Outcome | None = None
    annotated: str | None = None
    warnings: list[Any] = field(default_factory=list)  # CoachErrors: notes with a code and values
    problem: Exception | None = None  # what went wrong, with its code and values when a CoachError
    reason: str = ""  # a short code when not ok (e.g. "missing_file", "analysis_error")

    def error_text(self, lang: str | None = None) -> str | None:
        """The error in `lang` (translated from its code when it has one)."""
        if isinstance(self.problem, CoachError):
            return self.problem.message(lang)
        return self.error

    def as_summary(self) -> dict:
        entry: dict[str, Any] = {"source": self.source, "path": self.path, "kind": self.kind, "ok": self.ok,
                                 "error": self.error}
        if self.run is not None:
            frames = self.run.frames
            entry.update({
                "frames_analysed": frames,
                "video_seconds": round(self.run.media_s, 3),
                "analysis_seconds": round(self.run.wall_s, 3),
                "frames_per_second": round(self.run.frames_per_second, 2),
                "face_found_share": round(self.run.faces / frames, 4) if frames else None,
                "body_found_share": round(self.run.bodies / frames, 4) if frames else None,
                "events": distinct_events(self.run.events),
                "ended_early": self.run.ended_early,
                "end_message": self.run.end_message,
                "annotated": self.annotated,
                "engine": self.run.summary,
            })
        return entry


def failed(name: str, path: str | Path, problem: Exception, reason: str | None = None) -> ReviewResult:
    """A file that could not be analysed, with its problem kept for translation."""
    return ReviewResult(name, str(path), ok=False, error=str(problem), problem=problem,
                        reason=reason or getattr(problem, "reason", "") or "analysis_error")


class _StillAnnotator(Sink):
    """For a photo reviewed with annotate: the overlay drawn once, written as a JPG."""

    def __init__(self, path: Path, lang: str | None) -> None:
        self.path, self.lang, self.written = path, lang, False

    def on_step(self, frame, obs, step) -> None:
        from coach.vision.overlay import draw

        write_annotated_image(self.path, draw(frame.image, obs, step.record, lang=self.lang, max_side=None))
        self.written = True


def review_one(
    path: str | Path,
    outdir: str | Path,
    options: ReviewOptions = ReviewOptions(),
    *,
    name: str | None = None,
    timeline: Sink | None = None,
    events: Sink | None = None,
    landmarker: Any = None,
    progress: FileProgress | None = None,
    source: Any = None,
) -> ReviewResult:
    """Analyse one video or photo into `outdir`, opening it once.

    With `timeline`/`events` given, rows go to those (shared) sinks; otherwise this file gets its
    own timeline.csv and events.csv in `outdir`. A `landmarker` in static-image mode may be shared
    between photos; `source`, a source the caller already opened, is used (and closed) instead of
    opening `path`. Input problems come back as a result with `ok=False`, its `problem` and
    `reason`; only output problems (SinkError) raise.
    """
    path, outdir = Path(path), Path(outdir)
    name = name or path.name
    if source is None:
        try:
            source = open_source(path, stride=options.stride, target_fps=options.fps)
        except SourceError as problem:
            return failed(name, path, problem)
    result = ReviewResult(name, str(path), ok=True, kind="image" if source.info.kind == "image" else "video")
    own_sinks: list[Sink] = []
    try:
        if timeline is None:
            timeline = TimelineCsvSink(outdir / TIMELINE_NAME)
            own_sinks.append(timeline)
        if events is None:
            events = EventsCsvSink(outdir / EVENTS_NAME)
            own_sinks.append(events)
        sinks: list[Sink] = [timeline, events]
        if options.annotate:
            sinks.append(_annotation_sink(result, source, outdir, name, options))
            own_sinks.append(sinks[-1])
        total = source.expected_frames()
        on_frame = (lambda done, frame, step: progress(name, done, total)) if progress is not None else None
        analyzer_options = options.analyzer_options(name, static_image_mode=result.kind == "image")
        try:
            with language(options.lang):  # events.csv's detail column, written as the run goes
                result.run = review_file(source, sinks, analyzer_options, on_frame, landmarker=landmarker)
            result.warnings.extend(result.run.warnings)
        except ValueError as problem:  # e.g. the engine refusing inconsistent timestamps
            result.ok, result.error, result.problem = False, str(problem), problem
            result.reason = "analysis_error"
    finally:
        source.close()
        for sink in own_sinks:
            sink.close()
    return result


def _annotation_sink(result: ReviewResult, source, outdir: Path, name: str, options: ReviewOptions) -> Sink:
    target = outdir / ANNOTATED_DIR / name
    if result.kind == "image":
        target = target.with_suffix(".jpg")
        result.annotated = str(target)
        return _StillAnnotator(target, options.lang)
    target = target.with_suffix(".mp4")
    result.annotated = str(target)
    fps = source.info.fps or 15.0
    fps = options.fps if options.fps else fps / options.stride
    return AnnotatedVideoSink(target, fps=min(fps, source.info.fps or fps))


def check_pose_fps(pose_fps: float | None) -> None:
    """Raise OptionsError (a code and the value) unless `pose_fps` is None or a number above 0."""
    from coach.vision.pacer import check_max_fps

    try:
        check_max_fps(pose_fps)
    except ValueError:
        raise OptionsError("review.error.bad_pose_fps", value=pose_fps) from None


def check_input(input_path: Path) -> None:
    """SourceError("missing_file") unless `input_path` exists."""
    if not input_path.exists():
        raise SourceError("missing_file", "review.error.missing_input", path=input_path)


def review(input_path: str | Path, outdir: str | Path, options: ReviewOptions = ReviewOptions(), *,
           on_file: Callable[[ReviewResult], None] | None = None, progress: FileProgress | None = None
           ) -> list[ReviewResult]:
    """Review a file or a folder into `outdir` (timeline.csv, events.csv, summary.json).

    Raises SourceError / OptionsError (CoachErrors: a code and values) for bad input that stops
    everything (a missing path, a single bad file, a folder without media, bad options) before any
    output is created, and SinkError when output fails. `on_file` is called with each finished
    file's result, `progress` with each analysed frame.
    """
    input_path, outdir = Path(input_path), Path(outdir)
    check_sampling(options.stride, options.fps)
    check_pose_fps(options.pose_fps)
    check_input(input_path)
    single = None
    if input_path.is_dir():
        files = find_media(input_path, exclude=outdir.resolve() if outdir.resolve() != input_path.resolve()
                           else None)
        if not files:
            raise SourceError("empty_folder", "review.error.empty_folder", path=input_path)
        names = [path.relative_to(input_path).as_posix() for path in files]
    else:
        # Open a single file before creating any output, so bad input leaves nothing behind.
        single = open_source(input_path, stride=options.stride, target_fps=options.fps)
        files, names = [input_path], [input_path.name]

    results: list[ReviewResult] = []
    still_landmarker = None
    try:
        with TimelineCsvSink(outdir / TIMELINE_NAME) as timeline, \
                EventsCsvSink(outdir / EVENTS_NAME) as events:
            for path, name in zip(files, names, strict=True):
                landmarker = None
                if is_image(path):
                    still_landmarker = still_landmarker or _still_landmarker(options)
                    landmarker = still_landmarker
                result = review_one(path, outdir, options, name=name, timeline=timeline, events=events,
                                    landmarker=landmarker, progress=progress, source=single)
                single = None
                results.append(result)
                if on_file is not None:
                    on_file(result)
    finally:
        if single is not None:
            single.close()
        if still_landmarker is not None:
            still_landmarker.close()
        if results:
            summary = summary_of(input_path, options, results)
            write_json_atomic(outdir / SUMMARY_NAME, summary)
    return results


def _still_landmarker(options: ReviewOptions):
    from coach.vision.landmarker import Landmarker

    return Landmarker(static_image_mode=True, blendshapes_model=options.blendshapes_model)


def options_summary(options: ReviewOptions) -> dict:
    """The analysis options as summary.json records them."""
    from coach.i18n import resolve_language

    return {"stride": options.stride, "fps": options.fps, "pose_fps": options.pose_fps,
            "annotate": options.annotate, "lang": resolve_language(options.lang)}


def summary_of(input_path: Path | str, options: ReviewOptions, results: list[ReviewResult], *,
               extra_options: dict | None = None) -> dict:
    """summary.json: the same shape for one file, a folder, with or without a batch or a store."""
    entries = [r.as_summary() for r in results]
    recorded = {**options_summary(options), **(extra_options or {})}
    return summary_from_entries(str(input_path), recorded, entries)


def summary_from_entries(input_name: str, options: dict, entries: list[dict]) -> dict:
    ok = [entry for entry in entries if entry.get("ok", True)]
    return {
        "input": input_name,
        "options": options,
        "totals": {"files": len(entries), "ok": len(ok), "failed": len(entries) - len(ok),
                   "frames_analysed": sum(int(entry.get("frames_analysed") or 0) for entry in ok)},
        "overall": overall(ok),
        "files": entries,
    }
