"""The batch options of `python -m coach review` and what runs when they (or a folder) are given:
the command line's side of `coach.batch` (which imports nothing from here).

    python -m coach review FOLDER [--jobs N] [--engine local|ray [--address ADDR]]
                                  [--chunk-seconds S] [--per-frame-landmarks] [--force]
                                  [--store [URL]] [--staff ID]

A folder is always reviewed as a batch (on every core unless --jobs says otherwise); a single
file is, when any of these options is given (e.g. one long video cut into chunks on Ray).
Exit codes: 0 all done; 1 some files failed (listed in failures.csv, the rest done); 2 bad input
or options, or every file failed; 130 stopped with Ctrl-C (run the same command to go on).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.errors import CoachError
from coach.i18n import resolve_language, t
from coach.review_defaults import MIN_AUTO_CHUNK_S

_BATCH_FLAGS = ("jobs", "address", "chunk_seconds", "store", "staff")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(t("batch.args"))
    group.add_argument("--jobs", type=int, default=None, metavar="N", help=t("batch.arg.jobs"))
    group.add_argument("--engine", choices=("local", "ray"), default="local", help=t("batch.arg.engine"))
    group.add_argument("--address", default=None, metavar="ADDR", help=t("batch.arg.address"))
    group.add_argument("--ray-timeout", type=float, default=None, metavar="S",
                       help=t("security.arg.ray_timeout"))
    group.add_argument("--chunk-seconds", type=float, default=None, metavar="S",
                       help=t("batch.arg.chunk", minimum=f"{MIN_AUTO_CHUNK_S:g}"))
    group.add_argument("--per-frame-landmarks", action="store_true", help=t("batch.arg.per_frame"))
    group.add_argument("--force", action="store_true", help=t("batch.arg.force"))
    group.add_argument("--store", nargs="?", const="", default=None, metavar="URL", help=t("batch.arg.store"))
    group.add_argument("--staff", default=None, metavar="ID", help=t("batch.arg.staff"))
    group.add_argument("--user", default=None, metavar="ID", help=t("security.cli.arg.user"))
    group.add_argument("--password-stdin", action="store_true", help=t("store.cli.arg.password_stdin"))


def wants_batch(args: argparse.Namespace) -> bool:
    """A folder, or a file with any batch option."""
    if Path(args.input).is_dir():
        return True
    return (any(getattr(args, name, None) is not None for name in _BATCH_FLAGS)
            or getattr(args, "engine", "local") != "local" or getattr(args, "force", False)
            or getattr(args, "per_frame_landmarks", False))


def splits_one_file(args: argparse.Namespace, review_options) -> bool:
    """One video long enough to be cut into a chunk per core (`coach.review_defaults`), on a
    machine with more than one core: reviewed by the batch runner on every core."""
    import os

    from coach.review_defaults import auto_chunk_seconds
    from coach.vision.sources import open_source

    workers = os.cpu_count() or 1
    if workers < 2 or review_options.annotate or not Path(args.input).is_file():
        return False
    try:
        with open_source(args.input, stride=review_options.stride, target_fps=review_options.fps) as source:
            duration = source.info.duration_s if source.info.kind == "video" else None
    except (CoachError, ValueError):  # the plain review reports a bad file in its own words
        return False
    return auto_chunk_seconds(duration, workers, 1) is not None


class _Reporter:
    """One overall progress bar (stderr) and one line per finished file, in `lang`."""

    def __init__(self, lang: str, show_bar: bool) -> None:
        self.lang, self.show_bar = lang, show_bar
        self.bar = None

    def start(self, total: int) -> None:
        if self.show_bar and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=t("batch.unit", self.lang), dynamic_ncols=True, disable=None,
                            desc=t("batch.progress", self.lang))

    def advance(self, amount: float) -> None:
        if self.bar is not None:
            self.bar.update(amount)

    def notice(self, notice) -> None:
        text = notice.text(self.lang)
        if notice.prefixed:
            text = f"{t('error.prefix', self.lang)}: {text}"
        stream = sys.stderr if notice.error else sys.stdout
        if self.bar is not None:
            self.bar.write(text, file=stream)
        else:
            print(text, file=stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _with_author(options, args: argparse.Namespace, lang: str | None):
    """The options with the login given by --user as the identity that writes to the store."""
    from dataclasses import replace

    from coach.batch.backends import BatchError

    if args.store is None or not args.user:
        return options
    from coach.store.cli_tokens import author_from_args
    from coach.store.errors import StoreError

    try:
        return replace(options, author=author_from_args(args))
    except StoreError as problem:
        raise BatchError("batch.error.store", problem=problem) from None


def main(args: argparse.Namespace, review_options, *, whole_review: bool = False) -> int:
    """Run the batch for parsed `review` arguments; `review_options` is their ReviewOptions.
    `whole_review`: one file the user reviews as a plain review, spread over the cores (always
    redone, as a plain review is)."""
    from coach.batch.runner import BatchOptions, run_batch
    from coach.sinks import SinkError
    from coach.vision.sources import format_clock

    lang = resolve_language(args.lang)
    options = BatchOptions(review=review_options, jobs=args.jobs, engine=args.engine, address=args.address,
                           chunk_seconds=args.chunk_seconds, per_frame_landmarks=args.per_frame_landmarks,
                           force=args.force or whole_review, store_url=args.store, staff=args.staff,
                           ray_timeout_s=args.ray_timeout)
    try:
        reporter = _Reporter(lang, review_options.progress)
        report = run_batch(args.input, args.outdir, _with_author(options, args, lang), reporter=reporter)
    except SinkError as problem:  # an output problem (a CoachError too): exit 1, or 2 for the user's -o
        print(f"{t('error.prefix', lang)}: {problem.message(lang)}", file=sys.stderr)
        return 2 if problem.reason == "not_a_folder" else 1
    except CoachError as problem:  # bad input or options, Ray missing, a busy output folder…
        print(f"{t('error.prefix', lang)}: {problem.message(lang)}", file=sys.stderr)
        return 2
    overall = report.overall
    print(t("batch.done", lang, files=report.files, analysed=len(report.analysed), skipped=report.skipped,
            failed=len(report.failed), duration=format_clock(report.video_s), wall=f"{report.wall_s:.0f}",
            per_hour=overall.get("events_per_hour") or "-"))
    print(t("review.written", lang, outdir=args.outdir))
    if report.interrupted:
        print(t("batch.interrupted", lang, left=len(report.not_finished)), file=sys.stderr)
        return 130
    if report.failed:
        ok = len(report.entries) - len(report.failed)
        print(t("review.some_failed", lang, failed=len(report.failed), ok=ok), file=sys.stderr)
        return 2 if ok == 0 else 1
    return 0
