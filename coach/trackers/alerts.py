"""Alerts with an onset delay, separate entry/exit levels and a cooldown.

Users of posture tools ask for exactly this: nothing for a brief bend or a glance down,
an alert only when a fault persists, no flicker at the threshold, and no nagging right
after an alert has ended.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.readings import Event
from coach.validation import check_range, check_ranges


@dataclass(frozen=True)
class AlertSettings:
    """How posture faults become alerts (see HysteresisAlert)."""

    onset_s: float = 15.0  # a fault must last this long before it alerts (users ask for 10–30 s)
    exit_ratio: float = 0.7  # the alert ends below this share of the entry threshold
    exit_s: float = 3.0  # …held for this long
    cooldown_s: float = 120.0  # no repeat of the same alert this soon after it ended
    smoothing_s: float = 1.0  # time constant of the fault levels' smoothing
    posture_alerts: bool = True  # off = measure and record, never alert

    def __post_init__(self) -> None:
        check_ranges(self, "alerts", _RANGES)


_RANGES: dict[str, tuple[float, float]] = {
    "onset_s": (10.0, 30.0),
    "exit_ratio": (0.5, 0.9),
    "exit_s": (0.0, 30.0),
    "cooldown_s": (0.0, 1800.0),
    "smoothing_s": (0.0, 10.0),
}


class HysteresisAlert:
    """One alert driven by a measure where higher is worse (e.g. a posture fault level).

    - **onset**: the measure must stay at or above `entry` for `onset_s` seconds; any sample
      below `entry` starts the count again. Gaps without data shorter than `max_gap_s` do
      not break the count; longer ones do.
    - **exit**: once on, the alert stays on until the measure has been at or below
      `entry * exit_ratio` for `exit_s` seconds, so noise around the threshold cannot
      flicker it.
    - **cooldown**: after an alert ends, the same alert cannot start again for `cooldown_s`.
    - **no data**: an alert on with no data for more than `max_gap_s` ends at the last data.

    `update` returns events: an opening `Event(start, None, kind)` when the alert fires
    (start = when the measure first went past `entry`, i.e. `onset_s` before the alert) and
    the same start with its `end` when it is over.
    """

    def __init__(
        self,
        kind: str,
        entry: float = 1.0,
        exit_ratio: float = 0.7,
        onset_s: float = 15.0,
        exit_s: float = 2.0,
        cooldown_s: float = 120.0,
        max_gap_s: float = 2.0,
    ):
        if not entry > 0:
            raise ValueError(f"entry must be positive, got {entry}")
        check_range("exit_ratio", exit_ratio, 0.05, 0.99)
        check_range("onset_s", onset_s, 0.0, 3600.0)
        check_range("exit_s", exit_s, 0.0, 600.0)
        check_range("cooldown_s", cooldown_s, 0.0, 86400.0)
        check_range("max_gap_s", max_gap_s, 0.0, 3600.0)
        self.kind = kind
        self.entry = float(entry)
        self.exit_level = float(entry) * float(exit_ratio)
        self.onset_s, self.exit_s = float(onset_s), float(exit_s)
        self.cooldown_s, self.max_gap_s = float(cooldown_s), float(max_gap_s)
        self.active = False
        self.count = 0  # alerts fired so far
        self.active_s = 0.0  # total seconds alerts were on (closed ones)
        self._since: float | None = None  # start of the current alert
        self._pending_since: float | None = None
        self._last_bad_t: float | None = None
        self._below_since: float | None = None
        self._last_data_t: float | None = None
        self._cooldown_until = float("-inf")

    def update(self, value: float | None, t: float) -> list[Event]:
        if value is None:
            return self._no_data(t)
        self._last_data_t = t
        if self.active:
            return self._while_active(value, t)
        if value >= self.entry:
            gap_broke_it = self._last_bad_t is None or t - self._last_bad_t > self.max_gap_s
            if self._pending_since is None or gap_broke_it:
                self._pending_since = t
            self._last_bad_t = t
            if t - self._pending_since >= self.onset_s and t >= self._cooldown_until:
                self.active = True
                self.count += 1
                self._since = self._pending_since
                self._below_since = None
                return [Event(self._since, None, self.kind)]
        else:
            self._pending_since = None
        return []

    def finish(self, t: float) -> list[Event]:
        """Close an alert still on at `t` (end of a session)."""
        if not self.active:
            return []
        return self._close(t)

    def _while_active(self, value: float, t: float) -> list[Event]:
        if value > self.exit_level:
            self._below_since = None
            return []
        if self._below_since is None:
            self._below_since = t
        if t - self._below_since >= self.exit_s:
            return self._close(self._below_since)
        return []

    def _no_data(self, t: float) -> list[Event]:
        last = self._last_data_t
        if last is None or t - last <= self.max_gap_s:
            return []
        self._pending_since = None
        if self.active:
            return self._close(last)
        return []

    def _close(self, end: float) -> list[Event]:
        start = self._since if self._since is not None else end
        self.active = False
        self.active_s += max(end - start, 0.0)
        self._since = None
        self._pending_since = None
        self._below_since = None
        self._cooldown_until = end + self.cooldown_s
        return [Event(start, end, self.kind)]
