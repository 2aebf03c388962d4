"""`python -m coach calibrate --person ID [--source 0] [--mode sitting|standing] [--dir calibration]`

Guides one person through the calibration (neutral face, natural smile, upright posture; about
30 seconds) with printed prompts and a countdown, then saves their profile to
`<dir>/<person>/<mode>.json`.

`--source` is a camera index (default 0), a video file, a stream URL or a picture. Give it up to
three times to use one source per step (neutral, smile, posture) — e.g. three photos; with fewer,
the last one serves the remaining steps. A picture is looked at once and held for the step's
duration (it is perfectly still). A video is read at its own time, so a recording of someone
following the prompts calibrates like the live camera would.

Exit codes: 0 saved; 2 with one line saying what to fix (a step that failed after its retries,
a source that cannot be opened or ended too early, a bad person id, a file that cannot be
written); 130 when interrupted with Ctrl+C.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from coach.calibrate import (
    MODES,
    STEPS,
    Calibration,
    CalibrationSettings,
    ProfileError,
    Progress,
    failure_text,
    problem_text,
    profile_path,
    save_profile,
    step_prompt,
)
from coach.calibrate.sources import check_sources, feed_sources
from coach.i18n import LANGUAGES, resolve_language, t

HELP = t("calibration.cli.help")
MAX_SOURCES = len(STEPS)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--person", required=True, help=t("calibration.cli.person"))
    parser.add_argument("--source", action="append", default=None, help=t("calibration.cli.source"))
    parser.add_argument("--mode", choices=MODES, default="sitting", help=t("calibration.cli.mode"))
    parser.add_argument("--dir", default=None, help=t("calibration.cli.dir"))
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=t("calibration.cli.lang"))


def main(args: argparse.Namespace) -> int:
    lang = resolve_language(args.lang)
    sources = args.source or ["0"]
    if len(sources) > MAX_SOURCES:
        sources = sources[:MAX_SOURCES]
    try:
        profile_path(args.person, args.mode, args.dir, lang)  # a bad id fails before the camera opens
        run = Calibration(args.person, mode=args.mode, lang=lang)
    except ProfileError as problem:
        return _fail(str(problem))

    from coach.vision.sources import SourceError

    printer = _Printer(run, lang)
    try:
        check_sources(sources)
        printer.intro()
        feed_sources(run, sources, printer.show)
    except SourceError as problem:
        return _fail(problem.message(lang))
    except KeyboardInterrupt:
        print()
        print(t("calibration.cli.interrupted", lang), file=sys.stderr)
        return 130
    printer.close()
    if run.failed:
        return _fail(failure_text(run.failure, lang, run.settings))
    if not run.done:
        return _fail(t("calibration.error.ended", lang, step=t(f"calibration.step_name.{run.step}", lang)))
    created = datetime.now().astimezone().isoformat(timespec="seconds")
    try:
        profile = run.profile(created, lang)
        path = save_profile(profile, args.dir, lang)
    except ProfileError as problem:
        return _fail(str(problem))
    print(t("calibration.done", lang, path=str(path)))
    quality = profile.quality
    score = f"{profile.smile_reference.score:.0f}" if profile.smile_reference else "-"
    print(t("calibration.summary_line", lang, neutral=quality["neutral"]["good_frames"],
            smile=quality["smile"]["good_frames"], score=score, upright=quality["upright"]["good_frames"]))
    return 0


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


class _Printer:
    """Prompts on every change of step, phase or try; a countdown each second on a terminal."""

    def __init__(self, run: Calibration, lang: str):
        self.run = run
        self.lang = lang
        self.tty = sys.stdout.isatty()
        self._last: tuple | None = None
        self._last_second: int | None = None
        self._passed: tuple[str, ...] = ()

    def intro(self) -> None:
        settings: CalibrationSettings = self.run.settings
        print(t("calibration.cli.start", self.lang, person=self.run.person,
                mode=t(f"posture.mode.{self.run.mode}", self.lang), steps=len(STEPS),
                seconds=f"{settings.ready_s + settings.step_s:g}"))

    def show(self, progress: Progress) -> None:
        for step in progress.passed[len(self._passed):]:
            self._end_line()
            name = t(f"calibration.step_name.{step}", self.lang)
            print(t("calibration.cli.step_passed", self.lang, step=name))
        self._passed = progress.passed
        if progress.finished:
            return
        key = (progress.step, progress.phase, progress.attempt)
        if key != self._last:
            self._end_line()
            if progress.phase == "ready":
                counter = t("calibration.step_counter", self.lang, number=progress.step_number,
                            total=progress.steps)
                if progress.attempt > 1 and progress.problem:
                    print(t("calibration.retry", self.lang, attempt=progress.attempt,
                            attempts=self.run.settings.attempts,
                            problem=problem_text(progress.problem, self.lang, self.run.settings)))
                print(f"{counter}: {step_prompt(progress.step, self.run.mode, self.lang)}")
            self._last = key
            self._last_second = None
        second = int(progress.seconds_left + 0.999)
        if self.tty and second != self._last_second:
            line = t(f"calibration.phase.{progress.phase}", self.lang, seconds=second)
            print("\r" + line + "   ", end="", flush=True)
            self._last_second = second

    def close(self) -> None:
        self._end_line()

    def _end_line(self) -> None:
        if self.tty and self._last_second is not None:
            print()
            self._last_second = None
