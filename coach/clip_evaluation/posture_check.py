"""Posture on labelled clips: how often each frame is read as a fault, per labelled posture.

The second, video check of the posture rules (the first is the labelled photos,
`coach.evaluation_posture`): `CLIP_LABELS.csv` gives each segment a `posture` (`upright`,
`slouched/hunched`, `head_down`, ...). Each frame's own reading (`observe_posture`, no
smoothing, no calibration) is counted against its segment's label; on `upright` segments a
frame read as a fault is a false alarm. A second count judges the same frames as the engine does
without a calibration: the prior checked against the person's upright habit learned from the
clip so far (`coach.rules.posture_habit`, `coach.trackers.posture_habit`). Only high- and
medium-confidence segments with a visible body count (the labels' own rule).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from coach.clip_evaluation.clips import JUDGED_CONFIDENCE, Segment, segment_at
from coach.rules.posture import PostureSettings, observe_posture
from coach.trackers.posture_habit import PostureHabit
from coach.types import Observation

UPRIGHT = "upright"
NOT_VISIBLE = "not_visible"


@dataclass
class PostureTally:
    """Frames of one labelled posture: how many, how many judged, how many read as a fault."""

    frames: int = 0
    judged: int = 0
    flagged: int = 0
    issues: Counter = field(default_factory=Counter)
    flagged_with_habit: int = 0  # read as a fault against the prior and the person's habit

    def add(self, other: PostureTally) -> None:
        self.frames += other.frames
        self.judged += other.judged
        self.flagged += other.flagged
        self.issues.update(other.issues)
        self.flagged_with_habit += other.flagged_with_habit

    @property
    def flagged_share(self) -> float | None:
        return self.flagged / self.judged if self.judged else None

    @property
    def flagged_with_habit_share(self) -> float | None:
        return self.flagged_with_habit / self.judged if self.judged else None


def tally_posture(observations: Iterable[Observation],
                  segments: Sequence[Segment]) -> dict[str, PostureTally]:
    """Per labelled posture, the frames' readings (segments without a usable label are skipped).

    Every frame, labelled or not, teaches the habit, in time order, as in the engine.
    """
    tallies: dict[str, PostureTally] = {}
    habit = PostureHabit()
    settings = PostureSettings()
    for obs in observations:
        with_habit = habit.observe(obs, settings)
        segment = segment_at(segments, obs.t)
        if segment is None or segment.confidence not in JUDGED_CONFIDENCE:
            continue
        if segment.posture in ("", NOT_VISIBLE):
            continue
        tally = tallies.setdefault(segment.posture, PostureTally())
        tally.frames += 1
        reading = observe_posture(obs)
        if reading is None or not reading.judged:
            continue
        tally.judged += 1
        if reading.issues:
            tally.flagged += 1
            tally.issues.update(reading.issues)
        if with_habit is not None and with_habit.issues:
            tally.flagged_with_habit += 1
    return tallies


def report_posture(per_clip: Sequence[tuple[str, dict[str, PostureTally]]], tr: Callable[..., str],
                   out: Callable[[str], None]) -> None:
    """The section: per labelled posture over all clips, then the upright frames of each clip."""
    totals: dict[str, PostureTally] = {}
    for _, tallies in per_clip:
        for label, tally in tallies.items():
            totals.setdefault(label, PostureTally()).add(tally)
    if not totals:
        return
    out("")
    out(tr("evaluate.clip_posture.section"))
    for label in sorted(totals, key=lambda name: (name != UPRIGHT, name)):
        out(_line(tr, label, totals[label]))
    for file, tallies in per_clip:
        if UPRIGHT in tallies:
            out("  " + _line(tr, file, tallies[UPRIGHT]))


def _line(tr: Callable[..., str], name: str, tally: PostureTally) -> str:
    issues = ", ".join(f"{issue} {count}" for issue, count in tally.issues.most_common(3)) or "-"
    return tr("evaluate.clip_posture.line", name=name, frames=tally.frames, judged=tally.judged,
              flagged=tally.flagged, share=_pct(tally.flagged_share), issues=issues,
              habit=tally.flagged_with_habit, habit_share=_pct(tally.flagged_with_habit_share))


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.0f}%"
