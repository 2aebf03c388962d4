"""Exponential smoothing with a time constant in seconds, so dropped frames change nothing."""

from __future__ import annotations

import math

from coach.validation import check_range


class Ema:
    """Exponential moving average whose weight depends on the time between samples.

    After a gap of `tau_s` seconds a new sample moves the average 63% of the way to it,
    whether one frame or thirty came in between. A gap longer than `reset_after_s` starts
    over from the new sample (the old value says nothing any more). None samples are
    ignored: the average holds.
    """

    def __init__(self, tau_s: float, reset_after_s: float = 10.0):
        check_range("tau_s", tau_s, 0.0, 600.0)
        check_range("reset_after_s", reset_after_s, 0.0, 86400.0)
        self.tau_s = float(tau_s)
        self.reset_after_s = float(reset_after_s)
        self.value: float | None = None
        self._last_t: float | None = None

    def update(self, sample: float | None, t: float) -> float | None:
        if sample is None:
            return self.value
        stale = self._last_t is None or t - self._last_t > self.reset_after_s
        if self.value is None or stale or self.tau_s == 0.0:
            self.value = float(sample)
        else:
            dt = max(t - self._last_t, 0.0)
            weight = 1.0 - math.exp(-dt / self.tau_s)
            self.value += weight * (float(sample) - self.value)
        self._last_t = t
        return self.value

    def reset(self) -> None:
        self.value = None
        self._last_t = None
