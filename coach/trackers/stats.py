"""Shares of time (eye contact, smiling, good posture…) and the smile count."""

from __future__ import annotations

from collections import Counter, deque

from coach.readings import Event
from coach.validation import check_range


class TimeShare:
    """Share of time a yes/no condition held, over the session and over a recent window.

    Each sample's state holds until the next sample (sample-and-hold), for at most
    `max_step_s`: a longer gap is time nobody observed, counted neither way. None means
    "not measurable now" (e.g. no face for eye contact) and is left out of the share.
    """

    def __init__(self, max_step_s: float = 2.0, window_s: float = 300.0):
        check_range("max_step_s", max_step_s, 0.0, 3600.0)
        check_range("window_s", window_s, 1.0, 86400.0)
        self.max_step_s = float(max_step_s)
        self.window_s = float(window_s)
        self.yes_s = 0.0
        self.known_s = 0.0
        self._last: tuple[float, bool | None] | None = None
        self._recent: deque[tuple[float, float, bool]] = deque()  # (end time, seconds, state)
        self._recent_yes = 0.0
        self._recent_known = 0.0

    def update(self, state: bool | None, t: float) -> None:
        if self._last is not None:
            last_t, last_state = self._last
            step = min(max(t - last_t, 0.0), self.max_step_s)
            if last_state is not None and step > 0:
                self.known_s += step
                self.yes_s += step if last_state else 0.0
                self._recent.append((t, step, last_state))
                self._recent_known += step
                self._recent_yes += step if last_state else 0.0
        self._last = (t, state)
        while self._recent and self._recent[0][0] < t - self.window_s:
            _, step, was = self._recent.popleft()
            self._recent_known -= step
            self._recent_yes -= step if was else 0.0

    @property
    def share(self) -> float | None:
        return self.yes_s / self.known_s if self.known_s > 0 else None

    @property
    def recent_share(self) -> float | None:
        return self._recent_yes / self._recent_known if self._recent_known > 1e-9 else None


class SmileCounter:
    """Counts smiles: a smile starts after `onset_s` of smiling and ends after `exit_s` without.

    A smile's event runs from its first smiling sample to its last one; its detail is the
    kind seen longest during it ("genuine" or "mouth_only"). None (no face) counts as not
    smiling.
    """

    def __init__(self, onset_s: float = 0.5, exit_s: float = 1.0):
        check_range("onset_s", onset_s, 0.0, 60.0)
        check_range("exit_s", exit_s, 0.0, 60.0)
        self.onset_s, self.exit_s = float(onset_s), float(exit_s)
        self.count = 0
        self.in_smile = False
        self._start: float | None = None
        self._last_smiling_t: float | None = None
        self._kinds: Counter[str] = Counter()
        self._last_t: float | None = None

    def update(self, kind: str | None, t: float) -> list[Event]:
        smiling = kind is not None and kind != "none"
        step = 0.0 if self._last_t is None else max(t - self._last_t, 0.0)
        self._last_t = t
        events: list[Event] = []
        last = self._last_smiling_t
        if self._start is not None and last is not None and t - last > self.exit_s:
            events = self._close()
        if not smiling:
            return events
        if self._start is None:
            self._start = t
            self._kinds = Counter({kind: 0.0})
        else:
            self._kinds[kind] += step
        self._last_smiling_t = t
        if not self.in_smile and t - self._start >= self.onset_s:
            self.in_smile = True
            self.count += 1
        return events

    def finish(self, t: float) -> list[Event]:
        return self._close() if self._start is not None else []

    def _close(self) -> list[Event]:
        events = []
        if self.in_smile and self._start is not None and self._last_smiling_t is not None:
            detail = max(self._kinds, key=lambda k: self._kinds[k]) if self._kinds else ""
            events.append(Event(self._start, self._last_smiling_t, "smile", detail))
        self.in_smile = False
        self._start = None
        self._last_smiling_t = None
        self._kinds = Counter()
        return events
