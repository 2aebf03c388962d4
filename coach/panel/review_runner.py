"""The review page's bridge to `coach.cli_review.review_one`: the same analysis as
`python -m coach review`, with a progress callback for the page's progress bar.

Progress comes from a timeline sink that counts the frames it writes, so the pipeline itself
needs no knowledge of the page. summary.json has the command line's shape (one file).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.i18n import resolve_language
from coach.sinks import SinkError, TimelineCsvSink, write_json_atomic

ProgressCallback = Callable[[int, int | None], None]  # (frames done, frames expected or None)


@dataclass
class ReviewOutcome:
    timeline: Path
    events: Path
    summary: Path
    annotated: Path | None = None
    error: str | None = None  # one translated line when the video could not be analysed
    notes: list[str] = field(default_factory=list)  # translated warnings (e.g. it ended early)


class _CountingTimeline(TimelineCsvSink):
    """timeline.csv, reporting each written frame to the page."""

    def __init__(self, path: Path, progress: ProgressCallback, total: int | None, lang: str | None):
        super().__init__(path, lang=lang)
        self._progress, self._total, self._done = progress, total, 0

    def on_step(self, frame: Any, obs: Any, step: Any) -> None:
        super().on_step(frame, obs, step)
        self._done += 1
        self._progress(self._done, self._total)


UNREADABLE = ("unreadable_video", "no_frames", "no_video_stream", "unsupported_codec")


def _named(message: str | None, video: Path, name: str) -> str | None:
    """A message about the private temporary copy, naming the person's own file instead."""
    return None if message is None else message.replace(str(video), name).replace(video.name, name)


def _about_upload(problem: Exception, video: Path, name: str, lang: str | None) -> str:
    """One translated line naming the uploaded file; a truncated or broken upload gets its own line
    rather than the decoder's English text."""
    from coach.i18n import t

    if getattr(problem, "reason", None) in UNREADABLE:
        return t("day.upload.unreadable", lang, name=name)
    return _named(str(problem), video, name) or ""


def run_review(
    video: Path,
    out: Path,
    *,
    name: str,
    fps: float | None,
    annotate: bool,
    settings: Any,
    lang: str | None,
    progress: ProgressCallback,
) -> ReviewOutcome:
    from coach.cli_review import EVENTS_NAME, SUMMARY_NAME, TIMELINE_NAME, ReviewOptions, review_one
    from coach.vision.sources import SourceError, open_source

    out.mkdir(parents=True, exist_ok=True)
    outcome = ReviewOutcome(out / TIMELINE_NAME, out / EVENTS_NAME, out / SUMMARY_NAME)
    try:
        with open_source(video, target_fps=fps, lang=lang) as probe:
            total = probe.expected_frames()
    except SourceError as problem:
        outcome.error = _about_upload(problem, video, name, lang)
        return outcome
    options = ReviewOptions(fps=fps, annotate=annotate, lang=lang, progress=False, settings=settings)
    try:
        with _CountingTimeline(outcome.timeline, progress, total, lang) as timeline:
            result = review_one(video, out, options, name=name, timeline=timeline)
        entry = result.as_summary()
        entry["path"] = name  # not the private temporary path the upload was analysed from
        write_json_atomic(outcome.summary, {
            "input": name,
            "options": {"fps": fps, "annotate": annotate, "lang": resolve_language(lang)},
            "files": [entry],
        }, lang=lang)
    except SinkError as problem:
        outcome.error = str(problem)
        return outcome
    if not result.ok:
        outcome.error = _named(result.error, video, name)
        return outcome
    outcome.notes.extend(result.warnings)
    if result.run is not None and result.run.ended_early and result.run.end_message:
        outcome.notes.append(result.run.end_message)
    if result.annotated:
        outcome.annotated = Path(result.annotated)
    return outcome
