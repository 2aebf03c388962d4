"""One posture status: any fault, or any mix of faults, held for the onset time is one alert.

Per-fault alerts miss the person who sits badly all the time in changing ways (sloped shoulders,
then a head tilt, then a lean): no single fault lasts the onset time, so nobody is told. Here the
alert follows the worst fault level at each moment (`HysteresisAlert` on the maximum of the
smoothed levels, where 1 = at a fault's threshold), and names the fault that was past its
threshold for the longest while the stretch lasted: `Event(start, None, "posture:<dominant>", others)` when it
fires (`others`: the other faults of a mix, ";"-separated, longest first), the same with `end`
when it is over.

`state` is what every surface shows: "unknown" (no body), "ok", "fault" (a fault now, not held
long enough to alert) or "alert".
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Mapping

from coach.readings import Event
from coach.trackers.alerts import AlertSettings, HysteresisAlert

# One fault handing over to another (hunched, then arms crossed) dips below every threshold for a
# moment while the smoothed levels cross; the worst level of the last BRIDGE_S seconds bridges it.
BRIDGE_S = 1.0


class PostureStatus:
    def __init__(self, faults: Iterable[str], settings: AlertSettings | None = None, max_gap_s: float = 2.0):
        settings = settings or AlertSettings()
        self.faults = tuple(faults)
        self._alert = HysteresisAlert("posture", entry=1.0, exit_ratio=settings.exit_ratio,
                                      onset_s=settings.onset_s, exit_s=settings.exit_s,
                                      cooldown_s=settings.cooldown_s, max_gap_s=max_gap_s)
        self._worst_s: Counter[str] = Counter()  # seconds each fault was past its threshold in this stretch
        self._last_t: float | None = None
        self.dominant: str | None = None  # the fault the alert in progress names
        self.counts: Counter[str] = Counter()  # alerts fired, by the fault they named
        self.state = "unknown"
        self._recent_worst: deque[tuple[float, float]] = deque()
        self._hold_max_s: float | None = None  # nudges wait (a customer at the window), at most this
        self._deferred: tuple[float, float] | None = None  # a held alert: (its start, when it fired)

    @property
    def active(self) -> bool:
        """An alert is on and shown (not waiting for a service to end)."""
        return self._alert.active and self._deferred is None

    def hold(self, held: bool, max_wait_s: float = 600.0) -> None:
        """While `held` (a customer is being served) an alert that fires waits, at most
        `max_wait_s`, and comes (with its own start) at the first `update` after the hold ends,
        if the fault is still there; one that ends while held is dropped: nobody was nudged."""
        self._hold_max_s = max(float(max_wait_s), 0.0) if held else None

    def _release(self, t: float) -> list[Event]:
        if self._deferred is None:
            return []
        start, fired = self._deferred
        if self._hold_max_s is not None and t - fired < self._hold_max_s:
            return []
        self._deferred = None
        dominant = self.dominant or self.faults[0]
        self.counts[dominant] += 1
        return [Event(start, None, f"posture:{dominant}", self._mix())]

    def update(self, levels: Mapping[str, float] | None, t: float, faulty: bool | None = None) -> list[Event]:
        """`levels`: each fault's smoothed level (>= 1 is a fault); None without a body reading.
        `faulty`: whether this frame's reading shows a fault (what the posture line shows); the
        state says "fault" then, even while the smoothed levels are still rising."""
        step = 0.0 if self._last_t is None else max(t - self._last_t, 0.0)
        self._last_t = t
        known = {fault: level for fault, level in (levels or {}).items() if fault in self.faults}
        worst = max(known, key=known.__getitem__) if known else None
        value = known[worst] if worst is not None else None
        if value is not None and value >= self._alert.exit_level:
            for fault, level in known.items():
                if level >= 1.0:
                    self._worst_s[fault] += step + 1e-6 * level  # ties go to the stronger fault
        elif not self.active:
            self._worst_s.clear()
        value = self._bridged(value, t)
        events = []
        for event in self._alert.update(value, t):
            if event.end is None:
                self.dominant = self._dominant(worst)
                if self._hold_max_s is not None:  # a customer at the window: the nudge waits
                    self._deferred = (event.start, t)
                    continue
                self.counts[self.dominant] += 1
            elif self._deferred is not None:  # over before the service was: never shown, not counted
                self._deferred = None
                self.dominant = None
                self._worst_s.clear()
                continue
            events.append(Event(event.start, event.end, f"posture:{self.dominant or worst}", self._mix()))
            if event.end is not None:
                self.dominant = None
                self._worst_s.clear()
        events += self._release(t)
        if self.active:
            self.state = "alert"
        elif value is None:
            self.state = "unknown"
        else:
            self.state = "fault" if value >= 1.0 or faulty else "ok"
        return events

    def finish(self, t: float) -> list[Event]:
        if self._deferred is not None:  # still waiting at the end: never shown, not counted
            self._deferred = None
            self._alert.finish(t)
            self.dominant = None
            return []
        events = [Event(e.start, e.end, f"posture:{self.dominant}", self._mix())
                  for e in self._alert.finish(t)]
        self.dominant = None
        return events

    def _bridged(self, value: float | None, t: float) -> float | None:
        if value is None:
            self._recent_worst.clear()
            return None
        self._recent_worst.append((t, value))
        while t - self._recent_worst[0][0] > BRIDGE_S:
            self._recent_worst.popleft()
        return max(level for _, level in self._recent_worst)

    def _mix(self) -> str:
        """The faults of the stretch, longest first, e.g. "shoulders_sloped;leaning_sideways"."""
        return ";".join(fault for fault, _ in self._worst_s.most_common() if fault != self.dominant) \
            if len(self._worst_s) > 1 else ""

    def _dominant(self, worst_now: str | None) -> str:
        if self._worst_s:
            return max(self._worst_s, key=self._worst_s.__getitem__)
        return worst_now or self.faults[0]
