"""Fatigue over time: PERCLOS, long blinks, yawns, and the eyes-closed-at-the-post alert.

Feed it every frame with `update(t, eye_aperture, opening_ratio, calm)`; `eye_aperture` is None
when the face is not seen or the set-up check pauses the measure. Time is passed in.

* The neutral eye aperture is the calibration's when there is one; else the median aperture of
  the session's calm frames (no smile, no speech, no negative face: the caller says `calm`),
  sampled at most ten a second over the last two minutes, once they span NEUTRAL_MIN_SPAN_S; until
  then the population's (`coach.rules.smile.POPULATION_NEUTRAL`). A median is untouched by blinks
  (under a tenth of the time) and by drowsy closures under half of it.
* Each frame's state (closed or open) is held until the next frame, for at most MAX_GAP_S: the
  seen time and closed time of the last PERCLOS_WINDOW_S make PERCLOS (None until half the window
  was seen).
* A closure is a run of closed frames; a face lost for longer than MAX_GAP_S ends the run without
  counting it (nobody knows what the eyes did). A closure of LONG_BLINK_S or more is a long blink.
* Eyes closed for `eyes_closed_alert_s` in one run: one alert, opened then (`Event(start, None,
  "eyes_closed")`, start = when the eyes closed) and closed when they open or the face is lost;
  no new one within `eyes_closed_cooldown_s` after it ended.
* A yawn: the mouth agape for YAWN_MIN_S without a frame under it; one `yawn` event when it closes.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from coach.readings import Event
from coach.rules.fatigue import (
    LONG_BLINK_WINDOW_S,
    PERCLOS_WINDOW_S,
    YAWN_MIN_S,
    YAWN_WINDOW_S,
    FatigueSettings,
    eye_openness,
    eyes_closed,
    is_long_blink,
    mouth_agape,
    perclos,
    tired_reason,
)
from coach.rules.smile import POPULATION_NEUTRAL

MAX_GAP_S = 1.0
NEUTRAL_WINDOW_S = 120.0
NEUTRAL_MIN_SPAN_S = 2.0
NEUTRAL_SAMPLE_S = 0.1
NEUTRAL_MIN_SAMPLES = 10


class FatigueTracker:
    def __init__(self, settings: FatigueSettings | None = None, neutral_aperture: float | None = None):
        self.settings = settings or FatigueSettings()
        self.calibrated_aperture = neutral_aperture
        self._calm: deque[tuple[float, float]] = deque()
        self._learned: float | None = None  # the median of _calm, recomputed when a sample is added
        self._window: deque[tuple[float, float, float]] = deque()  # (t, seen s, closed s)
        self._seen_s = self._closed_s = 0.0
        self._last_t: float | None = None
        self._last_seen_t: float | None = None
        self._held_closed: bool | None = None  # the last frame's state, credited until the next
        self._closure_start: float | None = None
        self._alert_start: float | None = None
        self._alert_ended: float | None = None
        self._yawn_start: float | None = None
        self._long_blink_times: deque[float] = deque()
        self._yawn_times: deque[float] = deque()
        self.openness: float | None = None
        self.closed: bool | None = None
        self.blinks = 0  # closures that ended with the face in view
        self.long_blinks = 0
        self.yawns = 0
        self.alerts = 0
        self.session_seen_s = 0.0
        self.session_closed_s = 0.0
        self.perclos_peak: float | None = None

    # --- per frame ----------------------------------------------------------------------------

    def update(self, t: float, eye_aperture: float | None, opening_ratio: float | None = None,
               calm: bool = False) -> list[Event]:
        events: list[Event] = []
        self._credit(t)
        self._last_t = t
        if eye_aperture is None:
            self.openness = self.closed = None
            self._held_closed = None
            if self._last_seen_t is None or t - self._last_seen_t > MAX_GAP_S:
                events += self._lose_face()
            return events
        self._last_seen_t = t
        if calm:
            self._learn(t, eye_aperture)
        self.openness = eye_openness(eye_aperture, self.neutral_aperture)
        self.closed = eyes_closed(self.openness)
        self._held_closed = self.closed
        events += self._eyes(t, self.closed)
        if opening_ratio is not None:
            events += self._mouth(t, mouth_agape(opening_ratio))
        return events

    def finish(self, t: float) -> list[Event]:
        """Close an alert or a yawn still open (at the last moment the face was seen)."""
        return self._lose_face()

    # --- what the engine and the panel read -----------------------------------------------------

    @property
    def neutral_aperture(self) -> float:
        if self.calibrated_aperture is not None:
            return self.calibrated_aperture
        return self._learned if self._learned is not None else POPULATION_NEUTRAL.eye_aperture

    @property
    def perclos(self) -> float | None:
        """PERCLOS over the last minute; None until half of it was seen."""
        if self._seen_s < PERCLOS_WINDOW_S / 2.0:
            return None
        return perclos(self._closed_s, self._seen_s)

    def tired(self, t: float) -> str | None:
        """Why the person looks tired now (rules.fatigue.TIRED_REASONS), or None."""
        _drop_before(self._long_blink_times, t - LONG_BLINK_WINDOW_S)
        _drop_before(self._yawn_times, t - YAWN_WINDOW_S)
        return tired_reason(self.perclos, len(self._long_blink_times), len(self._yawn_times), self.settings)

    @property
    def alert_on(self) -> bool:
        return self._alert_start is not None

    # --- inside ---------------------------------------------------------------------------------

    def _credit(self, t: float) -> None:
        if self._last_t is None or self._held_closed is None:
            return
        gap = min(max(t - self._last_t, 0.0), MAX_GAP_S)
        closed = gap if self._held_closed else 0.0
        self._window.append((t, gap, closed))
        self._seen_s += gap
        self._closed_s += closed
        self.session_seen_s += gap
        self.session_closed_s += closed
        while self._window and t - self._window[0][0] > PERCLOS_WINDOW_S:
            _, seen, shut = self._window.popleft()
            self._seen_s -= seen
            self._closed_s -= shut
        now = self.perclos
        if now is not None and (self.perclos_peak is None or now > self.perclos_peak):
            self.perclos_peak = now

    def _learn(self, t: float, aperture: float) -> None:
        if self._calm and t - self._calm[-1][0] < NEUTRAL_SAMPLE_S - 0.01:
            return
        calm = self._calm
        calm.append((t, aperture))
        _drop_before_pairs(calm, t - NEUTRAL_WINDOW_S)
        if len(calm) >= NEUTRAL_MIN_SAMPLES and calm[-1][0] - calm[0][0] >= NEUTRAL_MIN_SPAN_S:
            self._learned = float(np.median([a for _, a in calm]))

    def _eyes(self, t: float, closed: bool) -> list[Event]:
        if closed:
            if self._closure_start is None:
                self._closure_start = t
            return self._maybe_alert(t)
        if self._closure_start is None:
            return []
        lasted = t - self._closure_start
        self.blinks += 1
        if is_long_blink(lasted):
            self.long_blinks += 1
            self._long_blink_times.append(t)
        self._closure_start = None
        return self._end_alert(t)

    def _maybe_alert(self, t: float) -> list[Event]:
        start = self._closure_start
        s = self.settings
        if not s.alerts or start is None or self._alert_start is not None \
                or t - start < s.eyes_closed_alert_s:
            return []
        if self._alert_ended is not None and start - self._alert_ended < s.eyes_closed_cooldown_s:
            return []
        self._alert_start = start
        self.alerts += 1
        return [Event(start, None, "eyes_closed")]

    def _end_alert(self, end: float) -> list[Event]:
        if self._alert_start is None:
            return []
        start, self._alert_start = self._alert_start, None
        self._alert_ended = end
        return [Event(start, end, "eyes_closed")]

    def _mouth(self, t: float, agape: bool) -> list[Event]:
        if agape:
            if self._yawn_start is None:
                self._yawn_start = t
            return []
        return self._end_yawn(t)

    def _end_yawn(self, end: float) -> list[Event]:
        start, self._yawn_start = self._yawn_start, None
        if start is None or end - start < YAWN_MIN_S:
            return []
        self.yawns += 1
        self._yawn_times.append(end)
        return [Event(start, end, "yawn")]

    def _lose_face(self) -> list[Event]:
        """The face is gone (or the measure paused) for too long: a closure or gape in progress is
        not counted; an alert on ends at the last moment the face was seen."""
        self._closure_start = None
        last = self._last_seen_t if self._last_seen_t is not None else self._last_t
        events = self._end_yawn(last) if self._yawn_start is not None and last is not None else []
        self._yawn_start = None
        if self._alert_start is not None and last is not None:
            events += self._end_alert(last)
        return events


def _drop_before(times: deque[float], limit: float) -> None:
    while times and times[0] < limit:
        times.popleft()


def _drop_before_pairs(items: deque[tuple[float, float]], limit: float) -> None:
    while items and items[0][0] < limit:
        items.popleft()
