"""The review page: trainers upload recorded service videos and read them back.

Each upload is checked (type by name and by content, size) before anything is decoded; a bad
one gets one translated line and the others go on. The same pipeline as `python -m coach review`
runs with a progress bar; then the page shows a timeline chart, the events (their timestamps
seek the player), the summary figures and the downloads (timeline.csv, events.csv,
summary.json, the annotated mp4 when asked for).

Uploaded video reaches the disk only in a private temporary folder while it is analysed, and
that folder is removed straight after; the results are kept in the browser session's memory.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from coach.panel import common
from coach.panel.common import clock, labels_of, tr
from coach.panel.upload_files import discard, save_upload
from coach.panel.uploads import ALLOWED_TYPES, MAX_UPLOAD_MB, UploadError
from coach.review_defaults import page_default, page_pose_fps, page_rates

RESULTS_KEY = "review_results"
ERRORS_KEY = "review_errors"
SEEK_KEY = "review_seek"
RATES = page_rates()  # analysed frames per second; 0 = every frame (coach.review_defaults)
MAX_JUMPS = 60  # timestamps offered as buttons; the full list is in the table and events.csv


@dataclass
class ReviewResult:
    """One analysed video, held in the session; the upload itself stays in its private temporary file."""

    key: str
    name: str
    video: str  # the upload's private temporary file, for the player (coach.panel.upload_files)
    timeline_csv: bytes
    events_csv: bytes
    summary_json: bytes
    annotated_mp4: bytes | None = None
    notes: list[str] = field(default_factory=list)  # translated lines (e.g. the file ended early)

    @property
    def timeline(self) -> pd.DataFrame:
        return pd.read_csv(io.BytesIO(self.timeline_csv))

    @property
    def events(self) -> pd.DataFrame:
        return pd.read_csv(io.BytesIO(self.events_csv)) if self.events_csv.strip() else pd.DataFrame()

    @property
    def summary(self) -> dict:
        return json.loads(self.summary_json.decode("utf-8"))


def render() -> None:
    st.title(tr("panel.review.title"))
    st.caption(tr("panel.review.caption"))
    uploads = st.file_uploader(
        tr("panel.review.upload", types=", ".join(ALLOWED_TYPES), limit=MAX_UPLOAD_MB),
        accept_multiple_files=True,
        key="review_upload",
        help=tr("panel.review.upload_help"),
    )
    options = st.columns([2, 2, 2, 1], vertical_alignment="bottom")
    rate = options[0].selectbox(
        tr("panel.review.rate"), RATES, index=RATES.index(page_default()), key="review_rate",
        format_func=labels_of({fps: _rate_label(fps) for fps in RATES}),
    )
    complete = options[1].checkbox(tr("panel.review.pose_every_frame"), key="review_pose_every_frame",
                                   help=tr("panel.review.pose_every_frame_help"))
    annotate = options[2].checkbox(tr("panel.review.annotate"), key="review_annotate",
                                   help=tr("panel.review.annotate_help"))
    go = options[3].button(tr("panel.review.analyse"), type="primary", disabled=not uploads,
                           key="review_go", width="stretch")
    if go and uploads:
        _analyse_all(uploads, rate, annotate, page_pose_fps(complete))
    for message in st.session_state.get(ERRORS_KEY) or []:
        st.error(message)
    results: dict[str, ReviewResult] = st.session_state.get(RESULTS_KEY) or {}
    if not results:
        if not uploads:
            st.info(tr("panel.review.empty"))
        return
    names = list(results)
    if len(names) > 1:
        chosen = st.selectbox(tr("panel.review.which"), names, key="review_which",
                              format_func=lambda key: results[key].name)
    else:
        chosen = names[0]
    _show(results[chosen])


def _rate_label(fps: float) -> str:
    return tr("panel.review.rate_every") if fps == 0 else tr("panel.review.rate_fps", fps=f"{fps:g}")


def _analyse_all(uploads: list[Any], rate: float, annotate: bool, pose_fps: float | None) -> None:
    errors: list[str] = []
    results: dict[str, ReviewResult] = dict(st.session_state.get(RESULTS_KEY) or {})
    lang = common.lang()
    for upload in uploads:
        try:  # streamed to a private file with a size cap, never copied into the session
            saved = save_upload(upload, lang)
        except UploadError as problem:
            errors.append(str(problem))
            continue
        key = f"{upload.name}·{saved.sha1[:10]}·{rate:g}·{pose_fps or 0:g}·{int(annotate)}"
        if key in results:
            discard(saved.path)
            continue
        bar = st.progress(0.0, text=tr("panel.review.progress", name=upload.name, percent=0))
        try:
            results[key] = _analyse(key, upload.name, saved.path, rate, annotate, bar, pose_fps)
        except ReviewFailed as problem:
            discard(saved.path)
            errors.append(str(problem))
        finally:
            bar.empty()
    st.session_state[RESULTS_KEY] = results
    st.session_state[ERRORS_KEY] = errors
    if results:
        st.session_state["review_which"] = next(reversed(results))


class ReviewFailed(Exception):
    """The pipeline could not analyse a video; `str()` is one translated line."""


def _analyse(key: str, name: str, video: Path, rate: float, annotate: bool, bar: Any,
             pose_fps: float | None) -> ReviewResult:
    from coach.panel.review_runner import run_review

    lang = common.lang()
    work = Path(tempfile.mkdtemp(prefix="coach-review-"))
    try:
        out = work / "out"

        def progress(done: int, total: int | None) -> None:
            fraction = min(1.0, done / total) if total else 0.0
            bar.progress(fraction, text=tr("panel.review.progress", name=name, percent=int(100 * fraction)))

        outcome = run_review(video, out, name=name, fps=rate or None, pose_fps=pose_fps, annotate=annotate,
                             settings=common.settings(), lang=lang, progress=progress)
        if outcome.error:
            raise ReviewFailed(tr("panel.review.failed", name=name, error=outcome.error))
        has_video = outcome.annotated is not None and outcome.annotated.exists()
        annotated = outcome.annotated.read_bytes() if has_video else None
        return ReviewResult(
            key=key,
            name=name,
            video=str(video),
            timeline_csv=outcome.timeline.read_bytes(),
            events_csv=outcome.events.read_bytes() if outcome.events.exists() else b"",
            summary_json=outcome.summary.read_bytes(),
            annotated_mp4=annotated,
            notes=list(outcome.notes),
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _show(result: ReviewResult) -> None:
    from coach.panel.charts import timeline_chart
    from coach.panel.summary_view import render_summary, review_figures

    st.subheader(result.name)
    for note in result.notes:
        st.warning(note)
    timeline = result.timeline
    events = result.events
    seek_key = f"{SEEK_KEY}_{result.key}"
    player, side = st.columns([3, 2])
    with player:
        use_annotated = result.annotated_mp4 is not None and st.toggle(
            tr("panel.review.show_annotated"), value=True, key=f"review_annotated_{result.key}")
        st.video(result.annotated_mp4 if use_annotated else result.video,
                 start_time=int(st.session_state.get(seek_key, 0)))
    with side:
        st.markdown(f"**{tr('panel.review.jump')}**")
        if events.empty:
            st.caption(tr("panel.review.no_events"))
        else:
            jumps = _jump_options(events)
            st.pills(
                tr("panel.review.jump"), list(jumps), key=f"review_jump_{result.key}",
                label_visibility="collapsed", format_func=labels_of(jumps),
                on_change=_jump, args=(result.key, events),
            )
            if len(events) > MAX_JUMPS:
                st.caption(tr("panel.review.more_events", shown=MAX_JUMPS, total=len(events)))
    st.markdown(f"**{tr('panel.review.timeline')}**")
    if timeline.empty:
        st.caption(tr("panel.review.no_frames"))
    else:
        st.altair_chart(timeline_chart(timeline, common.lang()), width="stretch")
    st.markdown(f"**{tr('panel.review.summary')}**")
    entries = result.summary.get("files") or [{}]
    render_summary(review_figures(entries[0]), None)
    st.markdown(f"**{tr('panel.review.events')}**")
    if not events.empty:
        shown = pd.DataFrame({
            tr("panel.events.start"): events["start"].fillna(""),
            tr("panel.events.end"): events["end"].fillna(""),
            tr("panel.events.kind"): [event_name(events, index) for index in range(len(events))],
            tr("panel.events.detail"): events["detail"].fillna(""),
        })
        st.dataframe(shown, hide_index=True, width="stretch", on_select=_select_row,
                     selection_mode="single-row", key=f"review_events_{result.key}")
    stem = Path(result.name).stem
    downloads = st.columns(4)
    downloads[0].download_button(tr("panel.review.download_timeline"), result.timeline_csv,
                                 f"{stem}.timeline.csv", "text/csv", key=f"dl_timeline_{result.key}")
    downloads[1].download_button(tr("panel.review.download_events"), result.events_csv,
                                 f"{stem}.events.csv", "text/csv", key=f"dl_events_{result.key}")
    downloads[2].download_button(tr("panel.review.download_summary"), result.summary_json,
                                 f"{stem}.summary.json", "application/json", key=f"dl_summary_{result.key}")
    if result.annotated_mp4 is not None:
        downloads[3].download_button(tr("panel.review.download_video"), result.annotated_mp4,
                                     f"{stem}.annotated.mp4", "video/mp4", key=f"dl_video_{result.key}")
    else:
        downloads[3].caption(tr("panel.review.no_annotated"))


def _jump_options(events: pd.DataFrame) -> dict[int, str]:

    return {
        index: f"{clock(event_seconds(events, index))} {event_name(events, index)}"
        for index in range(min(len(events), MAX_JUMPS))
    }


def event_name(events: pd.DataFrame, index: int) -> str:
    """The event's name; for a smile, which kind. events.csv's `detail` is written for a person in
    the run's language ("Smile (mouth-only) 00:00:00–00:00:11"), so the kind is found by its name
    in either language, then shown in the page's."""
    from coach.i18n import LANGUAGES
    from coach.panel.summary_view import event_label
    from coach.vocabulary import detail

    row = events.iloc[int(index)]
    name = event_label(str(row["kind"]))
    if row["kind"] != "smile":
        return name
    text = str(row.get("detail", ""))
    for kind in ("mouth_only", "genuine"):
        if any(detail(kind, language) in text for language in LANGUAGES):
            return f"{name} · {tr(f'panel.smile_kind.{kind}')}"
    return name


def event_seconds(events: pd.DataFrame, index: int) -> float:
    """Where event `index` starts in the video, in seconds (start_s, else the hh:mm:ss column)."""
    row = events.iloc[int(index)]
    value = row.get("start_s")
    if value is not None and pd.notna(value):
        return float(value)
    hours, minutes, seconds = (float(part) for part in str(row["start"]).split(":"))
    return hours * 3600 + minutes * 60 + seconds


def _jump(result_key: str, events: pd.DataFrame) -> None:
    chosen = st.session_state.get(f"review_jump_{result_key}")
    if chosen is not None:
        st.session_state[f"{SEEK_KEY}_{result_key}"] = event_seconds(events, int(chosen))


def _select_row() -> None:
    """A row clicked in the events table seeks the player to that event."""
    for key, value in list(st.session_state.items()):
        if not str(key).startswith("review_events_"):
            continue
        rows = (value or {}).get("selection", {}).get("rows", []) if isinstance(value, dict) else []
        result_key = str(key).removeprefix("review_events_")
        result = (st.session_state.get(RESULTS_KEY) or {}).get(result_key)
        if rows and result is not None:
            st.session_state[f"{SEEK_KEY}_{result_key}"] = event_seconds(result.events, rows[0])
