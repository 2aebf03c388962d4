"""The person's upright habit, learned over the session (for judging posture without a calibration).

Front-camera frames' posture measures are sampled at most SAMPLE_EVERY_S apart (so 10 and 30
frames a second learn alike) and kept for `window_s` seconds; `baseline(t)` is their upright-side
quantiles (`coach.rules.posture_habit.habitual_baseline`) once the samples span `min_span_s`.

Why these times:
- `min_span_s` 5 s: half the shortest alert onset the settings allow (10 s; 15 s by default), so
  the habit is known before a fault read against the prior alone could have been held long enough
  to alert, with room for the few seconds a person needs to settle; shorter would learn from a
  glance or a reach.
- `window_s` 10 min: long enough that a slump has to fill three quarters of it (7.5 min) before
  the upper quartile follows it, long after its alert (the onset is at most 30 s); short enough
  that a camera moved during the session is relearned within minutes.
- `restart_after_s` 60 s without a front-view frame (the person left: a break, a shift change, a
  camera turned away) starts the habit afresh: longer than a glance or a reach away, shorter than
  the shortest break the courseware asks for (3-5 minutes), after which someone else may sit down
  or the camera may have moved.
"""

from __future__ import annotations

from collections import deque

from coach.readings import PostureReading
from coach.rules.posture import PostureBaseline, PostureSettings, baseline_measures
from coach.rules.posture_habit import HABIT_VIEW, habitual_baseline, observe_with_habit
from coach.types import Observation
from coach.validation import check_range

SAMPLE_EVERY_S = 0.2
# Frame times are not exact (29.97 fps, rounding): a sample this much early still counts.
SAMPLE_SLACK_S = 0.01
# The habit is recomputed at most this often (a quantile over up to 3000 samples).
REFRESH_EVERY_S = 1.0
MIN_SAMPLES = 5


class PostureHabit:
    def __init__(self, window_s: float = 600.0, min_span_s: float = 5.0, restart_after_s: float = 60.0):
        check_range("window_s", window_s, 10.0, 86400.0)
        check_range("min_span_s", min_span_s, 0.0, 600.0)
        check_range("restart_after_s", restart_after_s, 1.0, 86400.0)
        self.window_s, self.min_span_s = float(window_s), float(min_span_s)
        self.restart_after_s = float(restart_after_s)
        self._samples: deque[tuple[float, dict[str, float]]] = deque()
        self._cached: PostureBaseline | None = None
        self._computed_at: float | None = None
        self._dirty = False

    def wants(self, t: float) -> bool:
        """Whether a frame at t would be sampled (so the caller measures only those)."""
        return not self._samples or t - self._samples[-1][0] >= SAMPLE_EVERY_S - SAMPLE_SLACK_S

    def add(self, t: float, measured: tuple[str, dict[str, float]] | None) -> None:
        """Offer one frame's `posture.baseline_measures`; front views only, one per SAMPLE_EVERY_S."""
        if measured is None or measured[0] != HABIT_VIEW or not self.wants(t):
            return
        if self._samples and t - self._samples[-1][0] > self.restart_after_s:
            self._samples.clear()
            self._cached = None
        self._samples.append((t, measured[1]))
        while self._samples and t - self._samples[0][0] > self.window_s:
            self._samples.popleft()
        self._dirty = True

    def baseline(self, t: float) -> PostureBaseline | None:
        """The habit at time t, or None while the samples span less than `min_span_s` or the last
        front-view frame is more than `restart_after_s` old."""
        samples = self._samples
        if len(samples) < MIN_SAMPLES or samples[-1][0] - samples[0][0] < self.min_span_s:
            return None
        if t - samples[-1][0] > self.restart_after_s:
            return None
        stale = self._computed_at is None or t - self._computed_at >= REFRESH_EVERY_S
        if self._cached is None or (self._dirty and stale):
            self._cached = habitual_baseline([values for _, values in samples])
            self._computed_at, self._dirty = t, False
        return self._cached

    def observe(self, observation: Observation, settings: PostureSettings) -> PostureReading | None:
        """The frame's reading against the prior checked by the habit learned so far; then the
        frame, when due, is learned from (so a frame never excuses itself)."""
        t = observation.t
        reading = observe_with_habit(observation, settings, None, self.baseline(t))
        if self.wants(t):
            self.add(t, baseline_measures(observation.body, observation.face, settings.min_visibility))
        return reading

    @property
    def samples(self) -> int:
        return len(self._samples)
