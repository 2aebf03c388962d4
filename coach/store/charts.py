"""The report's charts, drawn with matplotlib (object API only: no pyplot, no global backend).

Chinese labels need a font with CJK glyphs, which matplotlib does not ship. We look for one on
the system (Noto/Source Han, WenQuanYi, Microsoft YaHei, SimHei, PingFang…); without one, the
labels inside the pictures fall back to English so that they never turn into empty boxes
(the PDF's own text is unaffected: reportlab has a built-in Chinese font).
"""

from __future__ import annotations

import io
import os
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from matplotlib.dates import AutoDateLocator, DateFormatter, DayLocator
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager

from coach.i18n import resolve_language

_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "AR PL UMing CN",
    "Droid Sans Fallback",
)
_CJK_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "/System/Library/Fonts/PingFang.ttc",
)
ENV_FONT = "COACH_CJK_FONT"
PALETTE = ("#2E7D32", "#1565C0", "#F9A825", "#6A1B9A", "#C62828", "#00838F", "#EF6C00", "#5D4037")


def cjk_font_file() -> str | None:
    """A font file on this machine with Chinese glyphs, or None.

    COACH_CJK_FONT overrides the search: a font file's path, or "none" to use no CJK font.
    """
    return _find_cjk_font(os.environ.get(ENV_FONT, ""))


@lru_cache(maxsize=4)
def _find_cjk_font(override: str) -> str | None:
    if override:
        return None if override.lower() in ("none", "off", "0") else override
    for entry in fontManager.ttflist:
        if entry.name in _CJK_FAMILIES:
            return entry.fname
    for path in _CJK_FILES:
        if Path(path).is_file():
            return path
    return None


def chart_language(lang: str | None = None) -> str:
    """The language the chart labels can be drawn in here (English when no CJK font exists):
    the document's language (`coach.i18n.language`) unless told."""
    lang = resolve_language(lang)
    return lang if lang == "en" or cjk_font_file() else "en"


def _font() -> FontProperties | None:
    path = cjk_font_file()
    return FontProperties(fname=path) if path else None


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=150, bbox_inches="tight")
    return out.getvalue()


def _style(axes, font, *, ylabel: str = "", percent: bool = False) -> None:
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", alpha=0.3)
    if ylabel:
        axes.set_ylabel(ylabel, fontproperties=font)
    if percent:
        axes.set_ylim(0, 100)


def _legend_below(axes, font, entries: int) -> None:
    legend_font = font.copy() if font else FontProperties()
    legend_font.set_size(8)
    axes.legend(
        prop=legend_font, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=min(5, entries), frameon=False
    )


def daily_shares(days: list[date], series: dict[str, list[float | None]], ylabel: str) -> bytes:
    """One line per share (0..100 %) across the days of the range."""
    font = _font()
    figure = Figure(figsize=(7.2, 2.8))
    axes = figure.subplots()
    for colour, (label, values) in zip(PALETTE, series.items(), strict=False):
        axes.plot(
            days,
            [float("nan") if v is None else v for v in values],
            marker="o",
            markersize=3,
            linewidth=1.5,
            label=label,
            color=colour,
        )
    _style(axes, font, ylabel=ylabel, percent=True)
    if len(days) < 3:  # a lone point: give it room instead of repeating one date along the axis
        axes.set_xlim(days[0] - timedelta(days=1), days[-1] + timedelta(days=1))
        axes.xaxis.set_major_locator(DayLocator())
    else:
        axes.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=10))
    axes.xaxis.set_major_formatter(DateFormatter("%m-%d"))
    _legend_below(axes, font, len(series))
    return _png(figure)


def by_hour(series: dict[str, list[float]], ylabel: str) -> bytes:
    """Stacked bars over the 24 hours of the day (only hours with something are shown)."""
    font = _font()
    hours = [h for h in range(24) if any(values[h] for values in series.values())] or list(range(8, 18))
    figure = Figure(figsize=(7.2, 2.8))
    axes = figure.subplots()
    bottom = [0.0] * len(hours)
    for colour, (label, values) in zip(PALETTE, series.items(), strict=False):
        heights = [values[h] for h in hours]
        axes.bar([str(h) for h in hours], heights, bottom=bottom, label=label, color=colour)
        bottom = [b + v for b, v in zip(bottom, heights, strict=True)]
    _style(axes, font, ylabel=ylabel)
    axes.set_xlabel("h")
    if series:
        _legend_below(axes, font, len(series))
    return _png(figure)


def bars(labels: list[str], values: list[float], ylabel: str) -> bytes:
    font = _font()
    figure = Figure(figsize=(7.2, 2.4))
    axes = figure.subplots()
    axes.bar(range(len(values)), values, color=[PALETTE[i % len(PALETTE)] for i in range(len(values))])
    axes.set_xticks(range(len(labels)), labels, fontproperties=font)
    for x, value in enumerate(values):
        axes.annotate(f"{value:g}", (x, value), ha="center", va="bottom", fontsize=8)
    _style(axes, font, ylabel=ylabel)
    return _png(figure)
