"""Judging posture without a calibration: the population prior, checked against the person's own habit.

A front camera's measures of an upright person depend on where the camera sits: a camera level
with the eyes and close (a talking-head set-up, a monitor-top camera raised on a stand) shows the
chin nearer the shoulder line and the face larger than the laptop camera the population prior
(`coach.rules.posture_face`) assumes, and reads an upright person as hunched for the whole session.
Posture apps that skip calibration learn the person's usual upright position while they work;
so does this: `habitual_baseline` turns a session's frames (sampled by
`coach.trackers.posture_habit.PostureHabit`, which owns the clock) into a PostureBaseline, and
`with_habit` lets a frame's fault stand only when it is a fault against the prior *and* against
that habit. The habit can therefore only take false alarms away, never add one; what it can miss
is a person who never sits upright while it learns (say so: a calibration is still asked for).

Each measure's habit is taken on its *upright side*, not at its median: the upper quartile of
the chin's height above the shoulders (larger is more upright), the lower quartile of the eye
line's place in the frame and of the face's size (higher and farther are more upright), the upper
quartile of head pitch (+ up) and of the shoulder line's place (lower shoulders: not shrugged).
A clerk sits up at least a quarter of the time (every greeting), so the quartile lands on the
person's upright frames even when they slump most of the time. Only the measures that depend on
where the camera sits (its height, distance and angle) are learned: head roll and shoulder tilt
read the same from any level camera, so a habitual head tilt or sloping shoulders stay faults.

Pure: no clock, no camera; side views keep their absolute angles (trunk and neck from vertical do
not depend on where the camera sits) and are never judged against a habit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from coach.readings import PostureReading
from coach.rules.posture import (
    FAULTS,
    PostureBaseline,
    PostureSettings,
    measure_posture_each,
    observe_posture,
)
from coach.types import Observation

# Baseline field -> the quantile of the session's values that is the person's upright habit.
UPRIGHT_QUANTILE: dict[str, float] = {
    "chin_gap": 0.75,
    "eye_line": 0.25,
    "face_share": 0.25,
    "face_pitch_deg": 0.75,
    "shoulder_line": 0.75,
}
# The only baseline view a habit is learned for: a camera facing the person.
HABIT_VIEW = "front"
HABIT_REFERENCE = "habit"


def habitual_baseline(samples: Sequence[dict[str, float]]) -> PostureBaseline | None:
    """The upright habit from front-view frames' measures (`posture.baseline_measures`).

    None when there are no samples or none holds the face measures the upper-body view is judged by.
    """
    if not samples:
        return None
    values: dict[str, float | None] = {}
    for name, quantile in UPRIGHT_QUANTILE.items():
        seen = [sample[name] for sample in samples if name in sample]
        values[name] = float(np.quantile(seen, quantile)) if seen else None
    if values["eye_line"] is None:
        return None
    return PostureBaseline(view=HABIT_VIEW, samples=len(samples), **values)


def with_habit(prior: PostureReading, own: PostureReading) -> PostureReading:
    """The prior's reading with each fault's level lowered to the habit's where that is lower."""
    levels = {fault: min(level, own.levels.get(fault, level)) for fault, level in prior.levels.items()}
    rounded = {fault: round(float(level), 4) for fault, level in levels.items()}
    issues = tuple(fault for fault in FAULTS if rounded.get(fault, 0.0) >= 1.0)
    return replace(prior, levels=rounded, issues=issues, reference=HABIT_REFERENCE)


def observe_with_habit(
    observation: Observation,
    settings: PostureSettings,
    baseline: PostureBaseline | None,
    habit: PostureBaseline | None,
) -> PostureReading | None:
    """`observe_posture`, then, without a calibration, checked against the person's habit.

    The habit applies only to a front-camera reading judged against the population prior; a
    calibrated baseline always wins.
    """
    if habit is None or baseline is not None or observation.body is None:
        return observe_posture(observation, settings, baseline)
    reading, own = measure_posture_each(observation.body, observation.face, settings, (None, habit))
    if not reading.judged or reading.reference != "population" or reading.view == "side":
        return reading
    if own.reference != "baseline" or not own.judged:
        return reading
    return with_habit(reading, own)
