"""Guided micro-breaks: the exercises the break reminder offers, and where a pacer stands.

Pure data and arithmetic (no streamlit, no clock): the panel passes the seconds elapsed since
the exercise began, so a whole exercise can be stepped through in a test instantly.

The exercises follow the courseware (NORMS.md, "Breaks"): the 5-5-5 rule (5 s deep breath,
5 s relax, 5 s positive self-talk), 4-7-8 breathing (in 4 s, hold 7 s, out 8 s), and eye,
neck-and-shoulder and wrist exercises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

StepKind = Literal["inhale", "hold", "exhale", "relax", "move"]

# The pacer circle's size (fraction of its largest) for each kind of step: breathing in grows
# it, breathing out shrinks it, holding keeps the size reached, moving/relaxing rests midway.
SMALL, LARGE, REST = 0.45, 1.0, 0.7


@dataclass(frozen=True)
class Step:
    key: str  # translation key of the instruction shown during the step
    seconds: float
    kind: StepKind


@dataclass(frozen=True)
class Exercise:
    key: str  # short id, also the suffix of its translation keys
    steps: tuple[Step, ...]
    rounds: int = 1

    @property
    def round_seconds(self) -> float:
        return sum(step.seconds for step in self.steps)

    @property
    def total_seconds(self) -> float:
        return self.round_seconds * self.rounds


@dataclass(frozen=True)
class PacerState:
    """Where an exercise stands `elapsed` seconds after it began."""

    step: Step | None  # None once the exercise is over
    step_index: int
    round_index: int  # 0-based
    step_seconds_left: float
    step_fraction: float  # 0..1 through the current step
    total_fraction: float  # 0..1 through the whole exercise
    scale: float  # pacer circle size, SMALL..LARGE

    @property
    def done(self) -> bool:
        return self.step is None


EXERCISES: dict[str, Exercise] = {
    "555": Exercise(
        "555",
        (
            Step("panel.break.step.555_breathe", 5, "inhale"),
            Step("panel.break.step.555_relax", 5, "exhale"),
            Step("panel.break.step.555_selftalk", 5, "relax"),
        ),
        rounds=2,
    ),
    "478": Exercise(
        "478",
        (
            Step("panel.break.step.478_in", 4, "inhale"),
            Step("panel.break.step.478_hold", 7, "hold"),
            Step("panel.break.step.478_out", 8, "exhale"),
        ),
        rounds=4,
    ),
    "eyes": Exercise(
        "eyes",
        (
            Step("panel.break.step.eyes_far", 20, "relax"),
            Step("panel.break.step.eyes_close", 10, "relax"),
            Step("panel.break.step.eyes_blink", 10, "move"),
            Step("panel.break.step.eyes_roll", 10, "move"),
        ),
    ),
    "neck": Exercise(
        "neck",
        (
            Step("panel.break.step.neck_right", 10, "move"),
            Step("panel.break.step.neck_left", 10, "move"),
            Step("panel.break.step.neck_tuck", 10, "move"),
            Step("panel.break.step.neck_roll", 10, "move"),
            Step("panel.break.step.neck_drop", 10, "exhale"),
        ),
    ),
    "wrist": Exercise(
        "wrist",
        (
            Step("panel.break.step.wrist_circles", 10, "move"),
            Step("panel.break.step.wrist_circles_back", 10, "move"),
            Step("panel.break.step.wrist_stretch_right", 10, "move"),
            Step("panel.break.step.wrist_stretch_left", 10, "move"),
            Step("panel.break.step.wrist_shake", 10, "relax"),
        ),
    ),
}


def pacer_at(exercise: Exercise, elapsed: float) -> PacerState:
    """The exercise's step, countdown and pacer size `elapsed` seconds after it began."""
    elapsed = max(0.0, float(elapsed))
    total = exercise.total_seconds
    if elapsed >= total:
        return PacerState(None, len(exercise.steps), exercise.rounds, 0.0, 1.0, 1.0, SMALL)
    round_index, into_round = divmod(elapsed, exercise.round_seconds)
    size_before = SMALL
    start = 0.0
    for index, step in enumerate(exercise.steps):
        end = start + step.seconds
        if into_round < end:
            fraction = (into_round - start) / step.seconds
            return PacerState(
                step=step,
                step_index=index,
                round_index=int(round_index),
                step_seconds_left=end - into_round,
                step_fraction=fraction,
                total_fraction=elapsed / total,
                scale=_scale(step.kind, fraction, size_before),
            )
        size_before = _scale(step.kind, 1.0, size_before)
        start = end
    raise AssertionError("unreachable: elapsed lies inside a round")


def _scale(kind: StepKind, fraction: float, size_before: float) -> float:
    if kind == "inhale":
        return size_before + (LARGE - size_before) * fraction
    if kind == "exhale":
        return size_before + (SMALL - size_before) * fraction
    if kind == "hold":
        return size_before
    return size_before + (REST - size_before) * min(1.0, fraction * 4)
