"""`python -m coach review INPUT [-o OUTDIR] [--stride N | --fps F | --every-frame] [--pose-fps F]
[--annotate] [--lang en|zh-CN]`

Analyses a video, a photo, or a folder of them (searched recursively) with the same pipeline
as the live coach, and writes to OUTDIR:

* `timeline.csv` — one row per analysed frame (`coach.readings.TIMELINE_COLUMNS`); for a folder
  the `source` column is each file's path relative to INPUT;
* `events.csv` — alerts, breaks and other spans (source, start, end, kind, detail, start_s, end_s);
* `summary.json` — per file: frames analysed, speed, share of frames with a face, the engine's
  summary, and any error;
* with `--annotate` only: an MP4 (or, for a photo, a JPG) with the overlay drawn, under
  `annotated/`. Nothing of the picture is written otherwise.

The defaults are `coach.review_defaults`': every frame, Pose at most `REVIEW_POSE_FPS` times a
second of video (reusing the body in between while the face stays put, `coach.vision.landmarker`),
and one long video cut into one chunk per core (the batch runner's chunks, redone on every run as
a plain review is). `--every-frame` (or `--fps 0`) runs Pose on every frame too; `--fps F` /
`--stride N` analyse fewer frames (skipped frames are decoded but never converted); `--pose-fps F`
sets Pose's rate.

Exit codes: 0 all done; 2 bad input (missing path, an empty, corrupt or unsupported file, a
folder without videos or pictures) with one line saying what is wrong; 1 when some files of a
folder could not be analysed (each reported in one line; the others are done) or the output
could not be written (e.g. a full disk; what was written is kept).

The analysis is the library's (`coach.review`); this module parses the arguments, shows a
progress bar and prints each file's line in the user's language.
"""

from __future__ import annotations

import argparse
import sys

from coach.errors import CoachError
from coach.i18n import LANGUAGES, resolve_language, t
from coach.review import ReviewOptions, ReviewResult, review
from coach.review_defaults import DEFAULT_RATE, REVIEW_FPS, REVIEW_POSE_FPS, sampling
from coach.sinks import SinkError

HELP = t("review.help")
DEFAULT_OUTDIR = "review_out"


class _Printer:
    """A progress bar per file (stderr) and one line per finished file, in `lang`."""

    def __init__(self, lang: str, show_bar: bool) -> None:
        self.lang, self.show_bar = lang, show_bar
        self.warned: set[str] = set()
        self._bar = None
        self._bar_name: str | None = None

    def progress(self, name: str, done: int, total: int | None) -> None:
        if not self.show_bar:
            return
        if self._bar_name != name:
            self.close_bar()
            from tqdm import tqdm

            self._bar_name = name
            self._bar = tqdm(total=total, desc=name, unit="frame", leave=False, disable=None,
                             dynamic_ncols=True)
        self._bar.update(done - self._bar.n)

    def close_bar(self) -> None:
        if self._bar is not None:
            self._bar.close()
        self._bar, self._bar_name = None, None

    def file_done(self, result: ReviewResult) -> None:
        self.close_bar()
        lang = self.lang
        for warning in result.warnings:
            text = warning.message(lang) if isinstance(warning, CoachError) else str(warning)
            if text not in self.warned:
                self.warned.add(text)
                print(t("review.warning", lang, message=text), file=sys.stderr)
        if not result.ok:
            print(f"{t('error.prefix', lang)}: " + t("review.file_failed", lang, source=result.source,
                                                       message=result.error_text(lang)), file=sys.stderr)
            return
        outcome = result.run
        if outcome is None:
            return
        share = round(100 * outcome.faces / outcome.frames) if outcome.frames else 0
        print(t("review.file_done", lang, source=result.source, frames=outcome.frames,
                seconds=f"{outcome.media_s:.1f}", fps=f"{outcome.frames_per_second:.1f}", face_share=share))
        if outcome.ended_early and outcome.end_code:
            note = t("review.ended_early", lang, source=result.source, message=outcome.end_text(lang))
            print(note, file=sys.stderr)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT", help=t("review.arg.input"))
    parser.add_argument("-o", "--outdir", default=DEFAULT_OUTDIR, help=t("review.arg.outdir"))
    rate = parser.add_mutually_exclusive_group()
    rate.add_argument("--stride", type=int, default=None, metavar="N", help=t("review.arg.stride"))
    rate.add_argument("--fps", type=float, default=None, metavar="F",
                      help=t("review.arg.fps", default=_rate_text(REVIEW_FPS)))
    rate.add_argument("--every-frame", action="store_true",
                      help=t("review.arg.every_frame", pose=_rate_text(REVIEW_POSE_FPS)))
    parser.add_argument("--pose-fps", type=float, default=None, metavar="F",
                        help=t("review.arg.pose_fps", default=_rate_text(REVIEW_POSE_FPS)))
    parser.add_argument("--annotate", action="store_true", help=t("review.arg.annotate"))
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=t("review.arg.lang"))
    parser.add_argument("--blendshapes", metavar="MODEL", default=None, help=t("review.arg.blendshapes"))
    parser.add_argument("-q", "--quiet", action="store_true", help=t("review.arg.quiet"))
    from coach.cli.review_batch import add_arguments as add_batch_arguments

    add_batch_arguments(parser)  # --jobs, --engine, --chunk-seconds, --force, --store…


def _rate_text(rate: float | None) -> str:
    return t("review.rate.every") if rate is None else f"{rate:g}"


def options_from(args: argparse.Namespace, lang: str | None = None) -> ReviewOptions:
    """The ReviewOptions of parsed arguments: what was not given is the review's default
    (coach.review_defaults), as on the panel's Review page and in the batch runner."""
    every_frame = args.every_frame or args.fps == 0  # the complete analysis: Pose on every frame too
    frames = sampling(args.stride, DEFAULT_RATE if args.fps is None else args.fps, every_frame)
    pose_fps = args.pose_fps if args.pose_fps is not None else None if every_frame else REVIEW_POSE_FPS
    return ReviewOptions(stride=frames.stride, fps=frames.fps, annotate=args.annotate, lang=lang,
                         blendshapes_model=args.blendshapes, pose_fps=pose_fps, progress=not args.quiet)


def main(args: argparse.Namespace) -> int:
    lang = resolve_language(args.lang)
    options = options_from(args, lang)
    from coach.cli import review_batch as batch_cli

    if batch_cli.wants_batch(args):  # a folder, or batch options: parallel, resumable (coach.batch)
        return batch_cli.main(args, options)
    if batch_cli.splits_one_file(args, options):  # one long video: a chunk per core, redone like a review
        return batch_cli.main(args, options, whole_review=True)
    printer = _Printer(lang, options.progress)
    try:
        results = review(args.input, args.outdir, options, on_file=printer.file_done,
                         progress=printer.progress)
    except SinkError as problem:  # an output problem (a CoachError too): exit 1, or 2 for the user's -o
        printer.close_bar()
        print(f"{t('error.prefix', lang)}: {problem.message(lang)}", file=sys.stderr)
        return 2 if problem.reason == "not_a_folder" else 1
    except CoachError as problem:
        printer.close_bar()
        print(f"{t('error.prefix', lang)}: {problem.message(lang)}", file=sys.stderr)
        return 2
    failed = [r for r in results if not r.ok]
    if failed and len(failed) == len(results) and len(results) == 1:
        return 2
    print(t("review.written", lang, outdir=args.outdir))
    if failed:
        note = t("review.some_failed", lang, failed=len(failed), ok=len(results) - len(failed))
        print(note, file=sys.stderr)
        return 2 if len(failed) == len(results) else 1
    return 0
