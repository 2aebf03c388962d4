"""One vocabulary: the codes of events, posture faults and smile kinds, and the one function that
renders a code for a person.

Records, events, the store and summaries carry codes (`"break_due"`, `"posture:hunched"`,
`"hunched"`, `"mouth_only"`); only where a person reads them — events.csv, the panel, the PDF
and XLSX reports — are they rendered, always with `label` / `describe` here, so a due break reads
the same everywhere. A code without a translation stays readable ("new_kind" → "new kind").
"""

from __future__ import annotations

import re

from coach.i18n import TABLE, t
from coach.readings import Event
from coach.rules.posture import FAULTS

BREAK_KINDS: tuple[str, ...] = (
    "break_due", "break_taken", "break_postponed", "break_skipped", "natural_break",
)
SMILE_KINDS: tuple[str, ...] = ("none", "mouth_only", "genuine")
ALERT_PREFIX = "posture:"
FATIGUE_KINDS: tuple[str, ...] = ("eyes_closed", "yawn", "break_early")
EVENT_KINDS: tuple[str, ...] = (
    *BREAK_KINDS, "smile", *(ALERT_PREFIX + fault for fault in FAULTS), *FATIGUE_KINDS, "setup",
)

_MINUTES = re.compile(r"^(\d+(?:\.\d+)?) min$")


def _keys(code: str) -> list[str]:
    """The translation keys that may name `code`, most specific first."""
    area, _, name = code.rpartition(":")
    keys = [f"event.{code}"]
    if area:  # e.g. "posture:hunched" -> the posture area's name for the fault
        keys += [f"{area}.fault.{name}", f"event.{name}"]
    else:  # a bare fault ("hunched") or a smile kind / event detail ("mouth_only")
        keys += [f"posture.fault.{code}", f"event.detail.{code}"]
    return keys


def label(code: str, lang: str | None = None) -> str:
    """The name of an event kind, posture fault or smile kind for a person, in `lang`."""
    for key in _keys(code):
        if key in TABLE:
            return t(key, lang)
    return code.split(":")[-1].replace("_", " ")


def detail(text: str, lang: str | None = None) -> str:
    """An event's detail for a person: its code rendered ("mouth_only", "3.0 min", the other faults
    of a posture mix "head_tilted;leaning"), else as it is."""
    key = _detail_key(text)
    if key is not None:
        return t(key, lang)
    if text.startswith("source="):  # a service's moments (coach.trackers.service)
        from coach.service_text import service_detail

        return service_detail(text, lang)
    minutes = _MINUTES.match(text)
    if minutes:
        return t("event.detail.minutes", lang, minutes=minutes.group(1))
    codes = text.split(";")
    # a list of codes: a posture alert's other faults ("head_tilted;leaning"), a set-up check's
    # problems ("backlit;off_axis")
    if all(code in FAULTS or _detail_key(code) for code in codes):
        return t("event.detail.list_separator", lang).join(_name(code, lang) for code in codes)
    return text


def _detail_key(code: str) -> str | None:
    """The translation of a detail code: an event's own detail word, else a set-up problem's name
    (a set-up event's detail lists the problems now active, "backlit;off_axis")."""
    for key in (f"event.detail.{code}", f"setup.problem.{code}"):
        if key in TABLE:
            return key
    return None


def _name(code: str, lang: str | None) -> str:
    key = _detail_key(code)
    return t(key, lang) if key is not None else label(code, lang)


def describe(event: Event, lang: str | None = None) -> str:
    """E.g. "Hunched 00:03:12–00:04:01": the event's name (and detail) with its span."""
    from coach.vision.sources import format_clock

    name = label(event.kind, lang)
    shown = detail(event.detail, lang)
    if shown and shown != name:
        name = f"{name} ({shown})"
    span = format_clock(event.start)
    if event.end is not None:
        span += "–" + format_clock(event.end)
    return f"{name} {span}"
