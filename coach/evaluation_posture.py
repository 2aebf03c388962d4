"""Posture judged on labelled photos, per camera view: share judged, precision, recall, misses.

The library behind the posture section of `python -m coach evaluate` (`coach.evaluation` runs
the photos through the landmarker and the rules).

The manifest's `label_details` says what a person saw; the view group is read from it:
* `front_webcam`: the text names a webcam (a desk/laptop camera facing the person);
* `standing`: the first clause says "standing";
* `side`: otherwise a side (or side/back) view, seated;
* `other`: the rest (press and stock photos from the front).
posture_bad is the positive class. A photo is *judged* when its reading has a mode other than
"unknown"; one that is not carries the reason (`no_person` when the landmarker found nobody).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coach.evaluate import confusion
from coach.readings import PostureReading

VIEW_GROUPS: tuple[str, ...] = ("front_webcam", "side", "standing", "other")
POSITIVE = "posture_bad"
DETAIL_CHARS = 70


@dataclass(frozen=True)
class PhotoPosture:
    """One labelled photo and what the posture rules made of it."""

    file: str
    category: str  # posture_good / posture_bad
    details: str
    reading: PostureReading | None  # None: nobody found

    @property
    def group(self) -> str:
        return view_group(self.details)

    @property
    def judged(self) -> bool:
        return self.reading is not None and self.reading.judged

    @property
    def reason(self) -> str:
        return "no_person" if self.reading is None else self.reading.reason

    @property
    def bad(self) -> bool:
        return self.category == POSITIVE

    @property
    def misjudged(self) -> bool:
        return self.judged and self.reading.ok == self.bad


@dataclass
class ViewStats:
    group: str
    photos: list[PhotoPosture] = field(default_factory=list)

    @property
    def judged(self) -> list[PhotoPosture]:
        return [p for p in self.photos if p.judged]

    @property
    def share_judged(self) -> float:
        return len(self.judged) / len(self.photos) if self.photos else math.nan

    def matrix(self):
        judged = self.judged
        return confusion([not p.reading.ok for p in judged], [p.bad for p in judged])


def view_group(details: str) -> str:
    text = details.lower()
    if re.search(r"\bwebcam\b", text):
        return "front_webcam"
    first_clause = re.split(r"[,:;(]", text, maxsplit=1)[0]
    if "standing" in first_clause:
        return "standing"
    if re.search(r"\bside\b", text):
        return "side"
    return "other"


def by_view(photos: Sequence[PhotoPosture]) -> list[ViewStats]:
    """Per view group (those present, in VIEW_GROUPS order), then all photos as "all"."""
    groups = [ViewStats(name, [p for p in photos if p.group == name]) for name in VIEW_GROUPS]
    return [stats for stats in groups if stats.photos] + [ViewStats("all", list(photos))]


def report(photos: Sequence[PhotoPosture], tr: Callable[..., str], out: Callable[[str], None]) -> None:
    """The per-view lines: share judged, precision, recall; then each misjudged and unjudged file."""
    for stats in by_view(photos):
        matrix = stats.matrix()
        out(tr("evaluate.posture_view_line", view=tr(f"evaluate.posture_view.{stats.group}"),
               n=len(stats.photos), judged=len(stats.judged), share=_pct(stats.share_judged),
               precision=_pct(matrix.precision), recall=_pct(matrix.recall),
               tp=matrix.tp, fp=matrix.fp, tn=matrix.tn, fn=matrix.fn))
        if stats.group == "all":
            continue
        for photo in stats.photos:
            if photo.misjudged:
                reading = photo.reading
                out(tr("evaluate.posture_view_miss", file=photo.file, category=photo.category,
                       seen=f"{reading.mode}/{reading.view}", issues=", ".join(reading.issues) or "-",
                       details=_short(photo.details)))
            elif not photo.judged:
                out(tr("evaluate.posture_view_unjudged", file=photo.file, category=photo.category,
                       reason=tr(f"posture.reason.{photo.reason}")))


def _short(text: str) -> str:
    return text if len(text) <= DETAIL_CHARS else text[:DETAIL_CHARS - 1] + "…"


def _pct(value: float | None) -> str:
    return "-" if value is None or math.isnan(value) else f"{100 * value:.0f}%"
