"""The review page's bridge to the library's `coach.review.review_one`: the same analysis as
`python -m coach review`, with a progress callback for the page's progress bar.

The video is opened once (its expected frame count feeds the bar, then the analysis reads
it). summary.json has the command line's shape (`coach.review.summary_of`, one file).
Errors are translated here, in the page's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.sinks import SinkError, write_json_atomic

ProgressCallback = Callable[[int, int | None], None]  # (frames done, frames expected or None)
DEFAULT_POSE_RATE = object()  # run_review's pose_fps left out: the review's default Pose rate


@dataclass
class ReviewOutcome:
    timeline: Path
    events: Path
    summary: Path
    annotated: Path | None = None
    error: str | None = None  # one translated line when the video could not be analysed
    notes: list[str] = field(default_factory=list)  # translated warnings (e.g. it ended early)


UNREADABLE = ("unreadable_video", "no_frames", "no_video_stream", "unsupported_codec")


def _about_upload(problem: Exception | None, text: str | None, video: Path, name: str,
                  lang: str | None) -> str | None:
    """One translated line naming the person's uploaded file, never the private temporary copy;
    a truncated or broken upload gets its own line rather than the decoder's English text."""
    from coach.errors import CoachError
    from coach.i18n import t

    if getattr(problem, "reason", None) in UNREADABLE:
        return t("day.upload.unreadable", lang, name=name)
    if isinstance(problem, CoachError):
        values = {k: name if str(v) in (str(video), video.name) else v for k, v in problem.values.items()}
        text = t(problem.code, lang, **values)
    return None if text is None else text.replace(str(video), name)


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
    pose_fps: Any = DEFAULT_POSE_RATE,
) -> ReviewOutcome:
    from coach.review import EVENTS_NAME, SUMMARY_NAME, TIMELINE_NAME, ReviewOptions, review_one, summary_of
    from coach.vision.sources import SourceError, open_source

    out.mkdir(parents=True, exist_ok=True)
    outcome = ReviewOutcome(out / TIMELINE_NAME, out / EVENTS_NAME, out / SUMMARY_NAME)
    rates = {} if pose_fps is DEFAULT_POSE_RATE else {"pose_fps": pose_fps}  # left out: the review's default
    options = ReviewOptions(fps=fps, annotate=annotate, lang=lang, progress=False, settings=settings, **rates)
    try:
        source = open_source(video, target_fps=fps)
    except SourceError as problem:
        outcome.error = _about_upload(problem, None, video, name, lang)
        return outcome
    try:
        result = review_one(video, out, options, name=name, source=source,
                            progress=lambda _name, done, total: progress(done, total))
        result.path = name  # not the private temporary path the upload was analysed from
        write_json_atomic(outcome.summary, summary_of(name, options, [result]))
    except SinkError as problem:
        outcome.error = problem.message(lang)
        return outcome
    if not result.ok:
        outcome.error = _about_upload(result.problem, result.error_text(lang), video, name, lang)
        return outcome
    outcome.notes.extend(w.message(lang) if hasattr(w, "message") else str(w) for w in result.warnings)
    if result.run is not None and result.run.ended_early and result.run.end_code:
        outcome.notes.append(result.run.end_text(lang))
    if result.annotated:
        outcome.annotated = Path(result.annotated)
    return outcome
