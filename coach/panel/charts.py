"""The timeline of a reviewed video (Altair); the live page's strip chart is `coach.panel.strip_svg`.

Both show the smile score (0–100) as a line and the moments of poor posture as red ticks
along the top, so "when did it go wrong" is visible at a glance.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from coach.i18n import t

SMILE_COLOUR = "#2a9d8f"
FAULT_COLOUR = "#e76f51"


def timeline_chart(timeline: pd.DataFrame, lang: str | None, height: int = 240) -> alt.LayerChart:
    """A reviewed video's timeline.csv: smile score and posture faults over video time."""
    issues = timeline["posture_issues"].fillna("").astype(str)
    frame = pd.DataFrame(
        {
            "x": pd.to_numeric(timeline["t_s"], errors="coerce"),
            "smile": pd.to_numeric(timeline["smile_score"], errors="coerce"),
            "fault": issues.str.len() > 0,
        }
    )
    return _chart(frame, t("panel.chart.video_seconds", lang), lang, height)


def _chart(frame: pd.DataFrame, x_title: str, lang: str | None, height: int,
           domain: tuple[float, float] | None = None) -> alt.LayerChart:
    smile_title = t("panel.chart.smile", lang)
    fault_title = t("panel.chart.posture_fault", lang)
    scale = alt.Scale(domain=list(domain)) if domain else alt.Undefined
    x = alt.X("x:Q", title=x_title, scale=scale)
    # One colour scale over both layers gives the chart a legend naming the line and the ticks.
    series = alt.Color("series:N", title=None,
                       scale=alt.Scale(domain=[smile_title, fault_title], range=[SMILE_COLOUR, FAULT_COLOUR]),
                       legend=alt.Legend(orient="top"))
    smile = (
        alt.Chart(frame.assign(series=smile_title))
        # no face = no smile score: the line breaks there instead of bridging the gap
        .mark_line(strokeWidth=2, invalid="break-paths-show-domains")
        .encode(x=x, y=alt.Y("smile:Q", title=smile_title, scale=alt.Scale(domain=[0, 100])), color=series,
                tooltip=[alt.Tooltip("x:Q", title=x_title, format=".1f"),
                         alt.Tooltip("smile:Q", title=smile_title, format=".0f")])
    )
    faults = frame[frame["fault"].eq(True)].assign(top=100, series=fault_title)
    ticks = (
        alt.Chart(faults)
        .mark_tick(thickness=2, size=14)
        .encode(x=x, y=alt.Y("top:Q"), color=series,
                tooltip=[alt.Tooltip("x:Q", title=fault_title, format=".1f")])
    )
    return alt.layer(smile, ticks).properties(height=height)
