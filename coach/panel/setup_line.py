"""The live panel's set-up line: which measures the set-up check paused, why, and what to do.

One short line per problem, e.g. "posture paused: backlit — face the light or close the blind";
an empty string when nothing is paused. Reads only `LiveState.paused` (measure, problem) pairs.
"""

from __future__ import annotations

from typing import Any

from coach.i18n import t
from coach.rules.setup import MEASURES


def setup_line(state: Any, lang: str | None = None) -> str:
    """The set-up line for a `LiveState` (empty when nothing is paused)."""
    by_problem: dict[str, list[str]] = {}
    for measure, problem in getattr(state, "paused", ()) or ():
        by_problem.setdefault(problem, []).append(measure)
    lines = []
    separator = t("setup.separator", lang)
    for problem, measures in by_problem.items():
        ordered = [m for m in MEASURES if m in measures]
        names = separator.join(t(f"setup.measure.{m}", lang) for m in ordered)
        lines.append(t("setup.line", lang, measures=names, problem=t(f"setup.problem.{problem}", lang),
                       fix=t(f"setup.fix.{problem}", lang)))
    return " · ".join(lines)


def fatigue_line(state: Any, lang: str | None = None) -> str:
    """A discreet fatigue note: the eyes-closed alert, else a tired note; empty otherwise."""
    if getattr(state, "eyes_closed_alert", False):
        return t("fatigue.eyes_closed_alert", lang)
    tired = getattr(state, "tired", None)
    return t(f"fatigue.tired.{tired}", lang) if tired else ""
