"""The set-up state over time: each problem with hysteresis in seconds, and what it pauses.

A problem (`coach.rules.setup.PROBLEMS`) becomes active once seen in every frame for its onset
(ENTER_S; OFF_AXIS_ENTER_S for a turned head, so a look at a side screen is not a set-up change)
and stops once absent from every frame for EXIT_S. Without frames for longer than MAX_GAP_S the
counts start again. Each change of the active set is one `setup` event whose detail lists the
active problems (";"-joined, "ok" when none). The tracker also keeps the seconds each problem was
active and each measure paused (each frame's state held until the next, at most MAX_GAP_S).
"""

from __future__ import annotations

from collections import Counter

from coach.readings import Event
from coach.rules.setup import PROBLEMS, paused_measures

ENTER_S = 3.0
OFF_AXIS_ENTER_S = 10.0
EXIT_S = 3.0
MAX_GAP_S = 2.0


class SetupTracker:
    def __init__(self, enter_s: float = ENTER_S, exit_s: float = EXIT_S,
                 off_axis_enter_s: float = OFF_AXIS_ENTER_S):
        self.enter_s = {problem: float(enter_s) for problem in PROBLEMS}
        self.enter_s["off_axis"] = float(off_axis_enter_s)
        self.exit_s = float(exit_s)
        self.active: tuple[str, ...] = ()
        self.paused: dict[str, str] = {}
        self.changes = 0
        self.problem_seconds: Counter[str] = Counter()
        self.paused_seconds: Counter[str] = Counter()
        self._seen_since: dict[str, float] = {}  # problem -> first frame of its current run
        self._gone_since: dict[str, float] = {}  # active problem -> first frame without it
        self._last_t: float | None = None

    def update(self, t: float, problems: tuple[str, ...]) -> list[Event]:
        if self._last_t is not None:
            gap = t - self._last_t
            held = min(max(gap, 0.0), MAX_GAP_S)
            for problem in self.active:
                self.problem_seconds[problem] += held
            for measure in self.paused:
                self.paused_seconds[measure] += held
            if gap > MAX_GAP_S:
                self._seen_since.clear()
                self._gone_since.clear()
        self._last_t = t
        seen = set(problems)
        active = set(self.active)
        for problem in PROBLEMS:
            if problem in seen:
                self._seen_since.setdefault(problem, t)
                self._gone_since.pop(problem, None)
                if problem not in active and t - self._seen_since[problem] >= self.enter_s[problem]:
                    active.add(problem)
            else:
                self._seen_since.pop(problem, None)
                if problem in active:
                    self._gone_since.setdefault(problem, t)
                    if t - self._gone_since[problem] >= self.exit_s:
                        active.discard(problem)
                        self._gone_since.pop(problem, None)
        now = tuple(problem for problem in PROBLEMS if problem in active)
        if now == self.active:
            return []
        self.active = now
        self.paused = paused_measures(now)
        self.changes += 1
        return [Event(t, t, "setup", ";".join(now) or "ok")]

    def summary(self) -> dict:
        return {
            "changes": self.changes,
            "problem_seconds": {p: round(s, 1) for p, s in sorted(self.problem_seconds.items())},
            "paused_seconds": {m: round(s, 1) for m, s in sorted(self.paused_seconds.items())},
        }
