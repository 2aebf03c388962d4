"""The break timer: remind after 50–60 minutes of work, count real breaks, allow one postpone.

The courseware's rule: every 50–60 minutes of work, stand up or leave the seat for 3–5
minutes. Counter staff serve without touching a keyboard, so "work" here is *presence* in
front of the camera, and a break is seen, not declared: the person leaves (is away) or
stands up. Pressing "take a break" also counts, after `break_min` minutes.

Phases: ``working`` (counting presence) → ``due`` (reminder out) → optionally ``postponed``
(once per reminder) → ``on_break`` → back to ``working`` with the count reset. Being away
for `natural_break_min` minutes while working is a *natural break*: it resets the count
without any reminder. Skipping a due break resets the count too, at most
`max_skips_per_day` times a day; further skips are refused.

The work clock is the person's, for the whole day, not one session's: `snapshot(t)` gives the
state as plain numbers (durations, never clock readings, since the next session may run on
another clock or another machine) and `restore(snapshot, t, away_s)` resumes it in a new
timer, counting the `away_s` seconds in between as time away from the desk: a rest that
makes a natural break when long enough, or takes a due break. Nothing here reads a clock.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import Literal

from coach.readings import Event
from coach.validation import check_ranges

BreakPhase = Literal["working", "due", "postponed", "on_break"]
# Without frames for longer than this, nobody knows whether the person worked: the time is
# not counted as work (it can still be the start of a break, through presence).
MAX_WORK_STEP_S = 5.0
DAY_S = 86400.0
# A tired person is offered the break early (`bring_forward`) only after this much work since the
# last one: a third of the courseware's shortest work period (50 min).
EARLY_BREAK_MIN_WORK_S = 1000.0


@dataclass(frozen=True)
class BreakSettings:
    work_min: float = 55.0  # minutes of presence before a reminder (courseware: 50–60)
    break_min: float = 3.0  # a break counts after this many minutes up or away (3–5)
    natural_break_min: float = 5.0  # away this long while working resets the count unasked
    postpone_min: float = 10.0  # one postpone per reminder, this long
    max_skips_per_day: int = 2
    standing_counts_as_break: bool = True  # off for staff who serve standing
    presence_grace_s: float = 2.0  # a face lost for less than this is still "present"

    def __post_init__(self) -> None:
        check_ranges(self, "breaks", _RANGES, whole_numbers={"max_skips_per_day"})


_RANGES: dict[str, tuple[float, float]] = {
    "work_min": (50.0, 60.0),
    "break_min": (3.0, 5.0),
    "natural_break_min": (5.0, 30.0),
    "postpone_min": (5.0, 15.0),
    "max_skips_per_day": (0, 10),
    "presence_grace_s": (0.5, 30.0),
}


@dataclass
class BreakStats:
    """What supervisors see about breaks: counts since the timer started."""

    due: int = 0  # reminders issued (a reminder repeated after its postpone is not a new one)
    taken: int = 0  # breaks of at least break_min, after a reminder or asked for
    postponed: int = 0
    skipped: int = 0
    natural: int = 0  # away >= natural_break_min while working, no reminder needed
    skips_refused: int = 0  # skip pressed after the day's cap
    postpones_refused: int = 0  # a second postpone for the same reminder

    def to_dict(self) -> dict:
        data = asdict(self)
        data["compliance"] = round(self.taken / self.due, 3) if self.due else None
        return data

    def plus(self, other: BreakStats) -> BreakStats:
        return BreakStats(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @classmethod
    def from_dict(cls, data: dict | None) -> BreakStats:
        data = data or {}
        return cls(**{f.name: int(data.get(f.name) or 0) for f in fields(cls)})


SNAPSHOT_VERSION = 1


class BreakTimer:
    """The break state machine. Feed it every frame with `update`; actions come from buttons.

    Actions return whether they were accepted; their events come out of the next `update`.
    `day_origin` is the time at which the first day starts (e.g. local midnight on the same
    clock as `t`); by default the first `t` seen. The skip cap restarts every 24 hours from it.
    """

    def __init__(self, settings: BreakSettings | None = None, day_origin: float | None = None):
        self.settings = settings or BreakSettings()
        self.stats = BreakStats()
        self.phase: BreakPhase = "working"
        self.work_s = 0.0
        self.skips_today = 0
        self._day_origin = day_origin
        self._day: int | None = None
        self._last_t: float | None = None
        self._seen_once = False
        self._was_working = False  # the previous sample counted as work
        self._rest_since: float | None = None
        self._break_start: float | None = None
        self._break_natural = False
        self._break_manual = False
        self._phase_before: BreakPhase = "working"
        self._postponed_until: float | None = None
        self._postponed_this_reminder = False
        self._queued: list[Event] = []
        self._hold_max_s: float | None = None  # a reminder waits (a customer at the window), at most this
        self._waiting_since: float | None = None  # when a held reminder fell due
        self.earlier_today = BreakStats()  # earlier sessions' counts today (restored), not this one's

    # --- feeding ----------------------------------------------------------------------------

    def update(
        self, t: float, present: bool, standing: bool = False, away_since: float | None = None
    ) -> list[Event]:
        """Advance to time `t`. `away_since`: when the person was last seen, if away now."""
        events, self._queued = self._queued, []
        if self._last_t is not None and t < self._last_t:
            raise ValueError(f"time went backwards: {t} < {self._last_t}")
        previous_t = self._last_t
        step = 0.0 if previous_t is None else min(t - previous_t, MAX_WORK_STEP_S)
        self._last_t = t
        self._roll_day(t)
        if present:
            self._seen_once = True
        resting = self._seen_once and (not present or (standing and self.settings.standing_counts_as_break))

        if resting:
            if self._rest_since is None:
                self._rest_since = away_since if (not present and away_since is not None) else t
                # frames in the grace period after the last sighting were counted as work
                if self.phase != "on_break" and previous_t is not None and previous_t > self._rest_since:
                    self.work_s = max(self.work_s - (previous_t - self._rest_since), 0.0)
            self._rest_goes_on(t)
        else:
            self._rest_since = None
            if self.phase == "on_break":
                events += self._back_from_break(t)
            elif self._was_working:
                self.work_s += step
        self._was_working = self._seen_once and not resting and self.phase != "on_break"

        events += self._timed_transitions(t)
        return events

    def _rest_goes_on(self, t: float) -> None:
        rest_since = self._rest_since if self._rest_since is not None else t
        if self.phase in ("due", "postponed"):
            self._start_break(rest_since, natural=False, manual=False)
        elif self.phase == "working" and t - rest_since >= self.settings.natural_break_min * 60.0:
            self._start_break(rest_since, natural=True, manual=False)

    def _start_break(self, start: float, natural: bool, manual: bool) -> None:
        self._phase_before = self.phase
        self.phase = "on_break"
        self._break_start = start
        self._break_natural = natural
        self._break_manual = manual

    def _back_from_break(self, t: float) -> list[Event]:
        """The person is at the desk again (or still, after pressing "take a break")."""
        start = self._break_start if self._break_start is not None else t
        lasted = t - start
        if self._break_natural:
            self.stats.natural += 1
            self._reset_work()
            return [Event(start, t, "natural_break", f"{lasted / 60.0:.1f} min")]
        if lasted >= self.settings.break_min * 60.0:
            self.stats.taken += 1
            self._reset_work()
            return [Event(start, t, "break_taken", f"{lasted / 60.0:.1f} min")]
        if not self._break_manual:  # too short to count: back to where it was
            self.phase = self._phase_before
            self._break_start = None
        return []

    def _timed_transitions(self, t: float) -> list[Event]:
        falls_due = (self.phase == "working" and self.work_s >= self.settings.work_min * 60.0) or (
            self.phase == "postponed" and self._postponed_until is not None and t >= self._postponed_until)
        if falls_due and self._reminder_waits(t):
            return []
        self._waiting_since = None
        if self.phase == "working" and self.work_s >= self.settings.work_min * 60.0:
            self.phase = "due"
            self.stats.due += 1
            self._postponed_this_reminder = False
            return [Event(t, t, "break_due", f"{self.settings.work_min:g} min")]
        if self.phase == "postponed" and self._postponed_until is not None and t >= self._postponed_until:
            self.phase = "due"
            return [Event(t, t, "break_due", "after_postpone")]
        return []

    def _reset_work(self) -> None:
        self.phase = "working"
        self.work_s = 0.0
        self._break_start = None
        self._break_natural = self._break_manual = False
        self._postponed_until = None
        self._postponed_this_reminder = False

    def _roll_day(self, t: float) -> None:
        if self._day_origin is None:
            self._day_origin = t
        day = math.floor((t - self._day_origin) / DAY_S)
        if day != self._day:
            self._day = day
            self.skips_today = 0

    def _reminder_waits(self, t: float) -> bool:
        if self._hold_max_s is None:
            return False
        if self._waiting_since is None:
            self._waiting_since = t
        return t - self._waiting_since < self._hold_max_s

    # --- holding the reminder (serving a customer) -------------------------------------------

    def hold_reminder(self, held: bool, max_wait_s: float = 600.0) -> None:
        """While `held` (a customer is being served) a reminder falling due waits, at most
        `max_wait_s` after it fell due, and comes at the first `update` after the hold ends. The
        work clock keeps counting meanwhile; a break the person takes still counts."""
        self._hold_max_s = max(float(max_wait_s), 0.0) if held else None

    # --- actions ----------------------------------------------------------------------------

    def take_break(self, t: float) -> bool:
        """Start a break now (a button). It counts once `break_min` minutes have passed."""
        if self.phase == "on_break":
            return False
        self._start_break(t, natural=False, manual=True)
        return True

    def postpone_break(self, t: float) -> bool:
        """Postpone a due break by `postpone_min` minutes; once per reminder."""
        if self.phase != "due" or self._postponed_this_reminder:
            if self.phase in ("due", "postponed"):
                self.stats.postpones_refused += 1
            return False
        self.phase = "postponed"
        self._postponed_until = t + self.settings.postpone_min * 60.0
        self._postponed_this_reminder = True
        self.stats.postponed += 1
        self._queued.append(Event(t, t, "break_postponed", f"{self.settings.postpone_min:g} min"))
        return True

    def skip_break(self, t: float) -> bool:
        """Skip a due (or postponed) break: the count restarts. Refused past the day's cap."""
        if self.phase not in ("due", "postponed"):
            return False
        self._roll_day(t)
        if self.skips_today >= self.settings.max_skips_per_day:
            self.stats.skips_refused += 1
            return False
        self.skips_today += 1
        self.stats.skipped += 1
        self._reset_work()
        count = f"{self.skips_today}/{self.settings.max_skips_per_day}"
        self._queued.append(Event(t, t, "break_skipped", count))
        return True

    def bring_forward(self, t: float, reason: str) -> bool:
        """Offer the break now, before `work_min`: the person looks tired (`reason`, e.g.
        "perclos"). Once per work period (the reminder is then due, as any reminder) and only
        after EARLY_BREAK_MIN_WORK_S of work since the last break, so a rest just taken is not
        followed by another reminder. Its event, `break_early`, comes out of the next `update`."""
        if self.phase != "working" or self.work_s < EARLY_BREAK_MIN_WORK_S:
            return False
        if self._hold_max_s is not None:  # a customer at the window: offered after the service
            return False
        self.phase = "due"
        self.stats.due += 1
        self._postponed_this_reminder = False
        self._queued.append(Event(t, t, "break_early", reason))
        return True

    def flush(self) -> list[Event]:
        """Events of actions not yet returned by `update` (call at the end of a session)."""
        events, self._queued = self._queued, []
        return events

    # --- the day's clock across sessions -----------------------------------------------------

    @property
    def day_stats(self) -> BreakStats:
        """Counts for the whole day: earlier sessions' plus this one's."""
        return self.earlier_today.plus(self.stats)

    def snapshot(self, t: float) -> dict:
        """The clock at `t` as JSON-able numbers: durations relative to `t`, no clock readings."""

        def ago(moment: float | None) -> float | None:
            return None if moment is None else round(t - moment, 3)

        return {
            "version": SNAPSHOT_VERSION,
            "phase": self.phase,
            "work_s": round(self.work_s, 3),
            "skips_today": self.skips_today,
            "postponed_for_s": None
            if self._postponed_until is None
            else round(self._postponed_until - t, 3),
            "postponed_this_reminder": self._postponed_this_reminder,
            "break_for_s": ago(self._break_start),
            "break_natural": self._break_natural,
            "break_manual": self._break_manual,
            "phase_before": self._phase_before,
            "resting_for_s": ago(self._rest_since),
            "day": self.day_stats.to_dict(),
        }

    def restore(self, snapshot: dict, t: float, away_s: float) -> None:
        """Resume the day's clock from `snapshot`, taken `away_s` seconds before `t` (this timer's
        clock). The time in between was not seen, so it counts as time away: it rests the
        person (a natural break once long enough; a due break starts) and is never work."""
        if snapshot.get("version") != SNAPSHOT_VERSION:
            return
        away_s = max(float(away_s), 0.0)
        then = t - away_s

        def at(seconds_ago: float | None) -> float | None:
            return None if seconds_ago is None else then - float(seconds_ago)

        phase = snapshot.get("phase", "working")
        self.phase = phase if phase in ("working", "due", "postponed", "on_break") else "working"
        self.work_s = max(float(snapshot.get("work_s") or 0.0), 0.0)
        self.skips_today = int(snapshot.get("skips_today") or 0)
        postponed_for = snapshot.get("postponed_for_s")
        self._postponed_until = None if postponed_for is None else then + float(postponed_for)
        self._postponed_this_reminder = bool(snapshot.get("postponed_this_reminder"))
        self._break_start = at(snapshot.get("break_for_s"))
        self._break_natural = bool(snapshot.get("break_natural"))
        self._break_manual = bool(snapshot.get("break_manual"))
        self._phase_before = snapshot.get("phase_before") or "working"
        self.earlier_today = BreakStats.from_dict(snapshot.get("day"))
        self.stats = BreakStats()
        if self.phase == "on_break" and self._break_start is None:
            self._break_start = then
        self._seen_once = True
        self._was_working = False
        self._last_t = t
        self._day = None
        self._day_origin = t
        self._roll_day_keep_skips(t)
        resting_since = at(snapshot.get("resting_for_s"))
        self._rest_since = min(resting_since, then) if resting_since is not None else then
        if self.phase != "on_break":
            self._rest_goes_on(t)

    def _roll_day_keep_skips(self, t: float) -> None:
        skips = self.skips_today
        self._roll_day(t)
        self.skips_today = skips

    # --- what a panel shows -----------------------------------------------------------------

    @property
    def can_postpone(self) -> bool:
        return self.phase == "due" and not self._postponed_this_reminder

    @property
    def can_skip(self) -> bool:
        return self.phase in ("due", "postponed") and self.skips_today < self.settings.max_skips_per_day

    def seconds_to_break(self, t: float) -> float | None:
        """Seconds until the next reminder: 0 when due, None on a break."""
        if self.phase == "working":
            return max(self.settings.work_min * 60.0 - self.work_s, 0.0)
        if self.phase == "postponed" and self._postponed_until is not None:
            return max(self._postponed_until - t, 0.0)
        if self.phase == "due":
            return 0.0
        return None

    def break_remaining_s(self, t: float) -> float | None:
        """On a break: seconds until it counts (0 once it does); else None."""
        if self.phase != "on_break" or self._break_start is None:
            return None
        return max(self.settings.break_min * 60.0 - (t - self._break_start), 0.0)
