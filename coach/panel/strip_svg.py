"""The live strip chart as a small inline SVG: the smile score over the last five minutes, red
ticks along the top where posture was poor (the same picture as `coach.panel.charts`).

Drawn as SVG text rather than with Altair: the live page then loads neither Altair nor pandas nor
Arrow (Streamlit ships chart data as Arrow tables), about 180 MiB of a process that runs all day,
and a chart of a few hundred points redrawn every two seconds costs well under a millisecond.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from coach.i18n import t

SMILE_COLOUR = "#2a9d8f"  # as coach.panel.charts
FAULT_COLOUR = "#e76f51"
AXIS_COLOUR = "#9ca3af"
TEXT_COLOUR = "#4b5563"
STRIP_MINUTES = 5.0
WIDTH = 640
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 26, 30  # margins around the plot, in SVG units


def strip_svg(history: Sequence, lang: str | None, height: int = 170) -> str:
    """The last STRIP_MINUTES of a live session (`history`: HistoryPoint(t, smile, posture_fault…),
    oldest first), filling from the right, as an inline <svg>."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, height - TOP - BOTTOM
    last = history[-1].t if history else 0.0

    def x_of(minutes_ago: float) -> float:
        return LEFT + (minutes_ago + STRIP_MINUTES) / STRIP_MINUTES * plot_w

    def y_of(score: float) -> float:
        return TOP + (1.0 - max(0.0, min(100.0, score)) / 100.0) * plot_h

    parts: list[str] = []
    for score in (0, 50, 100):  # grid and y labels
        y = y_of(score)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
                     f'stroke="{AXIS_COLOUR}" stroke-width="0.5"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{score}</text>')
    for minute in range(int(STRIP_MINUTES) + 1):  # x labels: minutes ago
        x = x_of(-STRIP_MINUTES + minute)
        parts.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 14}" text-anchor="middle">'
                     f'{minute - int(STRIP_MINUTES)}</text>')
    parts.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{height - 3}" text-anchor="middle">'
                 f'{escape(t("panel.chart.minutes_ago", lang))}</text>')
    runs: list[list[str]] = [[]]
    ticks: list[str] = []
    for point in history:
        ago = (point.t - last) / 60.0
        if ago < -STRIP_MINUTES:
            continue
        x = x_of(ago)
        if point.smile is None:  # no face, no score: the line breaks here
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(f"{x:.1f},{y_of(point.smile):.1f}")
        if point.posture_fault:
            ticks.append(f'<line x1="{x:.1f}" y1="{TOP - 7}" x2="{x:.1f}" y2="{TOP + 7}" '
                         f'stroke="{FAULT_COLOUR}" stroke-width="2"/>')
    for run in runs:
        if len(run) >= 2:
            parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{SMILE_COLOUR}" '
                         f'stroke-width="2" stroke-linejoin="round"/>')
        elif len(run) == 1:
            px, py = run[0].split(",")
            parts.append(f'<circle cx="{px}" cy="{py}" r="1.5" fill="{SMILE_COLOUR}"/>')
    parts += ticks
    smile, fault = escape(t("panel.chart.smile", lang)), escape(t("panel.chart.posture_fault", lang))
    parts.append(f'<line x1="{LEFT}" y1="9" x2="{LEFT + 18}" y2="9" stroke="{SMILE_COLOUR}" '
                 f'stroke-width="2"/><text x="{LEFT + 24}" y="13">{smile}</text>'
                 f'<line x1="{LEFT + 150}" y1="3" x2="{LEFT + 150}" y2="15" stroke="{FAULT_COLOUR}" '
                 f'stroke-width="2"/><text x="{LEFT + 158}" y="13">{fault}</text>')
    return (f'<svg data-testid="coach-strip" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-label="{smile} · {fault}" style="width:100%;height:auto;font:11px sans-serif;'
            f'fill:{TEXT_COLOUR}" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>')
