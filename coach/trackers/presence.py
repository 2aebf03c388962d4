"""At the desk or away, with a grace period so one lost frame is not "away"."""

from __future__ import annotations

from coach.validation import check_range


class Presence:
    """Present while the person was seen within the last `grace_s` seconds.

    `away_since` is the last time they were seen (so a break measured from it includes the
    grace period). Before anyone has been seen, the person is away with `away_since` None.
    """

    def __init__(self, grace_s: float = 2.0):
        check_range("grace_s", grace_s, 0.0, 600.0)
        self.grace_s = float(grace_s)
        self.present = False
        self.last_seen: float | None = None

    def update(self, seen: bool, t: float) -> bool:
        if seen:
            self.last_seen = t
            self.present = True
        else:
            self.present = self.last_seen is not None and t - self.last_seen <= self.grace_s
        return self.present

    @property
    def away_since(self) -> float | None:
        return None if self.present else self.last_seen
