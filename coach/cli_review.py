"""`python -m coach review INPUT [-o OUTDIR] [--stride N | --fps F] [--pose-fps F] [--annotate]
[--lang en|zh-CN]`

Analyses a video, a photo, or a folder of them (searched recursively) with the same pipeline
as the live coach, and writes to OUTDIR:

* `timeline.csv` — one row per analysed frame (`coach.readings.TIMELINE_COLUMNS`); for a folder
  the `source` column is each file's path relative to INPUT;
* `events.csv` — alerts, breaks and other spans (source, start, end, kind, detail, start_s, end_s);
* `summary.json` — per file: frames analysed, speed, share of frames with a face, the engine's
  summary, and any error;
* with `--annotate` only: an MP4 (or, for a photo, a JPG) with the overlay drawn, under
  `annotated/`. Nothing of the picture is written otherwise.

Pose runs on every analysed frame by default (recorded video is reviewed for accuracy, not
speed); `--pose-fps F` runs it at most F times per second of video, as the live coach does, and
reuses the body in between while the face stays put (`coach.vision.landmarker`).

Exit codes: 0 all done; 2 bad input (missing path, an empty, corrupt or unsupported file, a
folder without videos or pictures) with one line saying what is wrong; 1 when some files of a
folder could not be analysed (each reported in one line; the others are done) or the output
could not be written (e.g. a full disk; what was written is kept).

`review_one(path, outdir, options)` analyses one file and can be reused by batch runners.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.i18n import LANGUAGES, resolve_language, t
from coach.pipeline import RunResult, run
from coach.sinks import (
    AnnotatedVideoSink,
    EventsCsvSink,
    Sink,
    SinkError,
    TimelineCsvSink,
    write_annotated_image,
    write_json_atomic,
)
from coach.vision.sources import IMAGE_EXTENSIONS, VIDEO_EXTENSIONS, SourceError, check_sampling, open_source

HELP = t("review.help")
DEFAULT_OUTDIR = "review_out"
TIMELINE_NAME, EVENTS_NAME, SUMMARY_NAME = "timeline.csv", "events.csv", "summary.json"
ANNOTATED_DIR = "annotated"


@dataclass(frozen=True)
class ReviewOptions:
    stride: int = 1
    fps: float | None = None
    annotate: bool = False
    lang: str | None = None
    blendshapes_model: str | None = None
    pose_fps: float | None = None  # Pose at most this often per second of video; None = every analysed frame
    progress: bool = True
    settings: Any = None  # coach.settings.Settings; None = the defaults


@dataclass
class ReviewResult:
    source: str  # the name written in the `source` column
    path: str
    ok: bool
    kind: str = ""  # "video" or "image"
    error: str | None = None  # translated one-line message when not ok
    run: RunResult | None = None
    annotated: str | None = None
    warnings: list[str] = field(default_factory=list)

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
                "events": len(self.run.events),
                "ended_early": self.run.ended_early,
                "end_message": self.run.end_message,
                "annotated": self.annotated,
                "engine": self.run.summary,
            })
        return entry


class _StillAnnotator(Sink):
    """For a photo reviewed with --annotate: the overlay drawn once, written as a JPG."""

    def __init__(self, path: Path, lang: str | None) -> None:
        self.path, self.lang, self.written = path, lang, False

    def on_step(self, frame, obs, step) -> None:
        from coach.vision.overlay import draw

        write_annotated_image(self.path, draw(frame.image, obs, step.record, lang=self.lang), lang=self.lang)
        self.written = True


def find_media(folder: Path, *, exclude: Path | None = None) -> list[Path]:
    """Videos and pictures under `folder`, recursively, sorted; hidden entries and `exclude` skipped."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if exclude is not None and (path == exclude or exclude in path.parents):
            continue
        # not only regular files: a broken link or a FIFO named like a video must reach failures.csv
        if not path.is_dir() and path.suffix.lower() in VIDEO_EXTENSIONS | IMAGE_EXTENSIONS:
            found.append(path)
    return found


def review_one(
    path: str | Path,
    outdir: str | Path,
    options: ReviewOptions = ReviewOptions(),
    *,
    name: str | None = None,
    timeline: TimelineCsvSink | None = None,
    events: EventsCsvSink | None = None,
    landmarker: Any = None,
) -> ReviewResult:
    """Analyse one video or photo into `outdir`.

    With `timeline`/`events` given, rows go to those (shared) sinks; otherwise this file gets its
    own timeline.csv and events.csv in `outdir` (what a parallel batch worker wants). A
    `landmarker` in static-image mode may be shared between photos. Input problems come back as
    a result with `ok=False` and a translated `error`; only output problems (SinkError) raise.
    """
    from coach.engine import Engine
    from coach.vision.landmarker import Landmarker

    path, outdir = Path(path), Path(outdir)
    name = name or path.name
    try:
        source = open_source(path, stride=options.stride, target_fps=options.fps, lang=options.lang)
    except SourceError as problem:
        return ReviewResult(name, str(path), ok=False, error=str(problem))
    result = ReviewResult(name, str(path), ok=True, kind="image" if source.info.kind == "image" else "video")
    own_sinks: list[Sink] = []
    try:
        if timeline is None:
            timeline = TimelineCsvSink(outdir / TIMELINE_NAME, lang=options.lang)
            own_sinks.append(timeline)
        if events is None:
            events = EventsCsvSink(outdir / EVENTS_NAME, lang=options.lang)
            own_sinks.append(events)
        sinks: list[Sink] = [timeline, events]
        if options.annotate:
            sinks.append(_annotation_sink(result, source, outdir, name, options))
            own_sinks.append(sinks[-1])
        own_landmarker = landmarker is None
        if own_landmarker:
            landmarker = Landmarker(static_image_mode=result.kind == "image",
                                    blendshapes_model=options.blendshapes_model,
                                    pose_max_fps=options.pose_fps, lang=options.lang)
        result.warnings.extend(getattr(landmarker, "warnings", []))
        engine_args = {"source": name}
        if options.settings is not None:
            engine_args["settings"] = options.settings
        engine = Engine(**engine_args)
        bar = _progress_bar(source, name, options)
        try:
            result.run = run(source, landmarker, engine, sinks, source=name,
                             progress=(lambda done, frame, step: bar.update(1)) if bar is not None else None)
        except ValueError as problem:  # e.g. the engine refusing inconsistent timestamps
            result.ok, result.error = False, str(problem)
        finally:
            if bar is not None:
                bar.close()
            if own_landmarker:
                landmarker.close()
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
    return AnnotatedVideoSink(target, fps=min(fps, source.info.fps or fps), lang=options.lang)


def _progress_bar(source, name: str, options: ReviewOptions):
    if not options.progress or source.info.kind == "image":
        return None
    from tqdm import tqdm

    return tqdm(total=source.expected_frames(), desc=name, unit="frame", leave=False, disable=None,
                dynamic_ncols=True)


def review(input_path: str | Path, outdir: str | Path, options: ReviewOptions = ReviewOptions()
           ) -> list[ReviewResult]:
    """Review a file or a folder into `outdir` (timeline.csv, events.csv, summary.json).

    Raises SourceError for bad input that stops everything (a missing path, a single bad file, a
    folder without media) before any output is created, and SinkError when output fails.
    """
    input_path, outdir = Path(input_path), Path(outdir)
    check_sampling(options.stride, options.fps, options.lang)
    check_pose_fps(options.pose_fps, options.lang)
    if not input_path.exists():
        raise SourceError("missing_file", t("review.error.missing_input", options.lang, path=input_path))
    if input_path.is_dir():
        files = find_media(input_path, exclude=outdir.resolve() if outdir.resolve() != input_path.resolve()
                           else None)
        if not files:
            raise SourceError("empty_folder", t("review.error.empty_folder", options.lang, path=input_path))
        names = [path.relative_to(input_path).as_posix() for path in files]
    else:
        # Check a single file before creating any output, so bad input leaves nothing behind.
        open_source(input_path, stride=options.stride, target_fps=options.fps, lang=options.lang).close()
        files, names = [input_path], [input_path.name]

    results: list[ReviewResult] = []
    warned: set[str] = set()
    still_landmarker = None
    try:
        with TimelineCsvSink(outdir / TIMELINE_NAME, lang=options.lang) as timeline, \
                EventsCsvSink(outdir / EVENTS_NAME, lang=options.lang) as events:
            for path, name in zip(files, names, strict=True):
                landmarker = None
                if path.suffix.lower() in IMAGE_EXTENSIONS:
                    still_landmarker = still_landmarker or _still_landmarker(options)
                    landmarker = still_landmarker
                result = review_one(path, outdir, options, name=name, timeline=timeline, events=events,
                                    landmarker=landmarker)
                results.append(result)
                _report(result, options, warned)
    finally:
        if still_landmarker is not None:
            still_landmarker.close()
        if results:
            summary = _summary(input_path, options, results)
            write_json_atomic(outdir / SUMMARY_NAME, summary, lang=options.lang)
    return results


def check_pose_fps(pose_fps: float | None, lang: str | None = None) -> None:
    """Raise SourceError (one translated line) unless `pose_fps` is None or a number above 0."""
    from coach.vision.pacer import check_max_fps

    try:
        check_max_fps(pose_fps)
    except ValueError:
        raise SourceError("bad_pose_fps", t("review.error.bad_pose_fps", lang, value=pose_fps)) from None


def _still_landmarker(options: ReviewOptions):
    from coach.vision.landmarker import Landmarker

    return Landmarker(static_image_mode=True, blendshapes_model=options.blendshapes_model, lang=options.lang)


def _summary(input_path: Path, options: ReviewOptions, results: list[ReviewResult]) -> dict:
    ok = [r for r in results if r.ok]
    return {
        "input": str(input_path),
        "options": {"stride": options.stride, "fps": options.fps, "pose_fps": options.pose_fps,
                    "annotate": options.annotate, "lang": resolve_language(options.lang)},
        "totals": {"files": len(results), "ok": len(ok), "failed": len(results) - len(ok),
                   "frames_analysed": sum(r.run.frames for r in ok if r.run is not None)},
        "files": [r.as_summary() for r in results],
    }


def _report(result: ReviewResult, options: ReviewOptions, warned: set[str]) -> None:
    lang = options.lang
    for warning in result.warnings:
        if warning not in warned:
            warned.add(warning)
            print(t("review.warning", lang, message=warning), file=sys.stderr)
    if not result.ok:
        print(f"{t('error.prefix', lang)}: " + t("review.file_failed", lang, source=result.source,
                                                   message=result.error), file=sys.stderr)
        return
    outcome = result.run
    if outcome is None:
        return
    share = round(100 * outcome.faces / outcome.frames) if outcome.frames else 0
    print(t("review.file_done", lang, source=result.source, frames=outcome.frames,
            seconds=f"{outcome.media_s:.1f}", fps=f"{outcome.frames_per_second:.1f}", face_share=share))
    if outcome.ended_early and outcome.end_message:
        note = t("review.ended_early", lang, source=result.source, message=outcome.end_message)
        print(note, file=sys.stderr)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT", help=t("review.arg.input"))
    parser.add_argument("-o", "--outdir", default=DEFAULT_OUTDIR, help=t("review.arg.outdir"))
    rate = parser.add_mutually_exclusive_group()
    rate.add_argument("--stride", type=int, default=1, metavar="N", help=t("review.arg.stride"))
    rate.add_argument("--fps", type=float, default=None, metavar="F", help=t("review.arg.fps"))
    parser.add_argument("--pose-fps", type=float, default=None, metavar="F", help=t("review.arg.pose_fps"))
    parser.add_argument("--annotate", action="store_true", help=t("review.arg.annotate"))
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=t("review.arg.lang"))
    parser.add_argument("--blendshapes", metavar="MODEL", default=None, help=t("review.arg.blendshapes"))
    parser.add_argument("-q", "--quiet", action="store_true", help=t("review.arg.quiet"))
    from coach.batch.cli import add_arguments as add_batch_arguments

    add_batch_arguments(parser)  # --jobs, --engine, --chunk-seconds, --force, --store…


def main(args: argparse.Namespace) -> int:
    lang = resolve_language(args.lang)
    options = ReviewOptions(stride=args.stride, fps=args.fps, annotate=args.annotate, lang=lang,
                            blendshapes_model=args.blendshapes, pose_fps=args.pose_fps,
                            progress=not args.quiet)
    from coach.batch import cli as batch_cli

    if batch_cli.wants_batch(args):  # a folder, or batch options: parallel, resumable (coach.batch)
        return batch_cli.main(args, options)
    try:
        results = review(args.input, args.outdir, options)
    except SourceError as problem:
        print(f"{t('error.prefix', lang)}: {problem}", file=sys.stderr)
        return 2
    except SinkError as problem:
        print(f"{t('error.prefix', lang)}: {problem}", file=sys.stderr)
        return 2 if problem.reason == "not_a_folder" else 1  # the user's -o, or the disk
    failed = [r for r in results if not r.ok]
    if failed and len(failed) == len(results) and len(results) == 1:
        return 2
    print(t("review.written", lang, outdir=args.outdir))
    if failed:
        note = t("review.some_failed", lang, failed=len(failed), ok=len(results) - len(failed))
        print(note, file=sys.stderr)
        return 2 if len(failed) == len(results) else 1
    return 0
