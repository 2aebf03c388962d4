"""Time-driven state over the per-frame readings: smoothing, alerts, presence, statistics, breaks.

Everything here takes the frame time `t` (seconds) as an argument and never reads a clock,
so a whole shift can be replayed in a test. Hold windows are in seconds, never frame counts:
live mode drops frames under load.
"""

from coach.trackers.alerts import HysteresisAlert
from coach.trackers.breaks import BreakStats, BreakTimer
from coach.trackers.presence import Presence
from coach.trackers.smoothing import Ema
from coach.trackers.stats import SmileCounter, TimeShare

__all__ = ["BreakStats", "BreakTimer", "Ema", "HysteresisAlert", "Presence", "SmileCounter", "TimeShare"]
