"""The session summary as figures: the engine's `summary()` dict shown with translated labels.

The live page (on stop) and the review page (summary.json) both use it. Figures the panel
knows get a metric with a label from the translation table; the whole dict stays available
in an expander (the same content as summary.json).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

from coach.i18n import TABLE
from coach.panel.common import clock, lang, tr
from coach.readings import Event


def event_label(kind: str) -> str:
    from coach.vocabulary import label

    return label(kind, lang())


def event_detail(detail: str) -> str:
    from coach.vocabulary import detail as shown

    return shown(detail, lang())


def summary_figures(summary: dict) -> list[tuple[str, str]]:
    """(translated label, formatted value) for each figure of the summary the panel knows."""
    figures = []
    for key, value in _flatten(summary):
        label_key = f"panel.summary.{key}"
        if label_key not in TABLE or value is None or isinstance(value, dict | list):
            continue
        figures.append((tr(label_key), _format(key, value)))
    return figures


def render_summary(summary: dict, events: Iterable[Event] | None) -> None:
    figures = summary_figures(summary)
    for start in range(0, len(figures), 4):
        row = figures[start:start + 4]
        for column, (label, value) in zip(st.columns(4), row, strict=False):
            column.metric(label, value)
    if events:
        rows = [
            {
                tr("panel.events.start"): clock(event.start),
                tr("panel.events.end"): "" if event.end is None else clock(event.end),
                tr("panel.events.kind"): event_label(event.kind),
                tr("panel.events.detail"): event_detail(event.detail),
            }
            for event in events
        ]
        if rows:
            st.dataframe(rows, hide_index=True, width="stretch")
    with st.expander(tr("panel.summary.all")):
        st.json(summary, expanded=False)


def _flatten(data: dict, prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, f"{name}.")
        else:
            yield name, value


def review_figures(entry: dict) -> dict:
    """The figures of one file of a review's summary.json: the engine's plus the file's own."""
    figures = dict(entry.get("engine") or {})
    for key in ("video_seconds", "frames_analysed", "frames_per_second"):
        if entry.get(key) is not None:
            figures[key] = entry[key]
    return figures


def _format(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return tr("panel.summary.yes") if value else tr("panel.summary.no")
    if isinstance(value, int | float):
        if key.startswith("shares.") or key.endswith(("_share", "compliance")):
            return f"{100 * float(value):.0f}%"
        if key.endswith(("_s", "seconds")):
            return clock(float(value))
        return f"{value:.1f}" if isinstance(value, float) else str(value)
    return str(value)
