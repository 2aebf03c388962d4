"""The engine: one observation in, readings + events + live state out.

    engine = Engine(Settings(), source="cam0")
    for obs in observations:             # from the landmarker, each with its time obs.t
        step = engine.step(obs)          # Step(record, events, state)
    closing = engine.finish(last_t)      # close alerts/smiles still open
    report = engine.summary()            # JSON-able

The engine calls the pure rules (smile, gaze, posture) and feeds the time-driven trackers.
It never reads a clock: `obs.t` is the only time there is. A missing face gives no smile or
gaze reading, a missing body no posture reading, and nothing missing ever raises an alert.

Events: an alert comes out twice, first open (`end is None`, when it fires) then closed
(same `start`, with `end`); breaks, reminders, postpones, skips and smiles come out once,
closed. Break actions (`take_break`, `postpone_break`, `skip_break`) return whether they
were accepted; their events come out of the next `step` (or `finish`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.calibrate.status import CalibrationStatus
from coach.i18n import t as tr
from coach.readings import Event, PostureReading, Record
from coach.rules.gaze import measure_gaze
from coach.rules.posture import FAULTS, PostureBaseline, observe_posture
from coach.rules.smile import SmileBaseline, measure_smile
from coach.settings import Settings
from coach.trackers.alerts import HysteresisAlert
from coach.trackers.breaks import BreakTimer
from coach.trackers.presence import Presence
from coach.trackers.smoothing import Ema
from coach.trackers.stats import SmileCounter, TimeShare
from coach.types import Observation

if TYPE_CHECKING:
    from coach.calibrate.profile import Profile

# Frames further apart than this leave the time between them unobserved (not counted in any
# share); live capture at a few frames per second and video sampled at 1 fps both fit.
MAX_FRAME_GAP_S = 2.0
SMILE_SMOOTHING_S = 0.5
RECENT_WINDOW_S = 300.0
MODES = ("sitting", "standing", "upper_body", "unknown")


@dataclass(frozen=True)
class LiveState:
    """What a panel shows now."""

    t: float
    present: bool
    face_found: bool
    body_found: bool
    smile_score: float | None  # smoothed 0..100; None without a face
    smile_kind: str  # latest frame's kind; "none" without a face
    smiling: bool  # inside a counted smile
    smile_count: int
    smile_share: float | None  # share of face time spent smiling
    smiles_per_hour: float | None  # per hour of presence (None in the first minute)
    eye_contact: bool | None
    eye_contact_share: float | None  # session share of face time
    eye_contact_recent_share: float | None  # over the last five minutes
    posture_mode: str
    posture_ok: bool | None
    active_alerts: tuple[str, ...]  # fault keys with an alert on, e.g. ("hunched",)
    alerts: tuple[str, ...]  # the same as event kinds, e.g. ("posture:hunched",)
    break_phase: str  # working / due / postponed / on_break
    seconds_to_break: float | None  # to the next reminder; 0 when due; None on a break
    break_remaining_s: float | None  # on a break: until it counts
    work_s: float  # presence counted toward the next reminder
    can_postpone: bool
    can_skip: bool
    needs_recalibration: bool = False  # the set-up looks moved since calibration: ask "recalibrate?"
    baseline: str = "population"  # what scores are judged against: profile / baselines / population
    profile: str | None = None  # "person/mode" of the calibration profile in force


@dataclass(frozen=True)
class Step:
    record: Record
    events: list[Event]
    state: LiveState


@dataclass
class _Totals:
    frames: int = 0
    observed_s: float = 0.0
    present_s: float = 0.0
    smile_score_s: float = 0.0  # score x seconds, for the mean over face time
    face_s: float = 0.0
    mode_s: Counter = field(default_factory=Counter)
    unjudged_s: Counter = field(default_factory=Counter)  # posture not judged, by reason code
    fault_s: Counter = field(default_factory=Counter)
    events: Counter = field(default_factory=Counter)
    smiles: Counter = field(default_factory=Counter)


class Engine:
    def __init__(
        self,
        settings: Settings | None = None,
        source: str = "",
        smile_baseline: SmileBaseline | None = None,
        posture_baseline: PostureBaseline | None = None,
        day_origin: float | None = None,
        profile: Profile | None = None,
    ):
        self.settings = settings or Settings()
        self.source = source
        # A calibration profile brings both baselines and the drift check; explicit baselines win.
        self.calibration = CalibrationStatus(profile, smile_baseline, posture_baseline,
                                             min_visibility=self.settings.posture.min_visibility)
        self.smile_baseline = self.calibration.smile_baseline
        self.posture_baseline = self.calibration.posture_baseline
        alerts = self.settings.alerts
        grace = self.settings.breaks.presence_grace_s
        self._presence = Presence(grace)
        self._smile_score = Ema(SMILE_SMOOTHING_S, reset_after_s=grace)
        self._smiles = SmileCounter()
        self._eye_contact = TimeShare(MAX_FRAME_GAP_S, RECENT_WINDOW_S)
        self._smiling = TimeShare(MAX_FRAME_GAP_S, RECENT_WINDOW_S)
        self._face = TimeShare(MAX_FRAME_GAP_S, RECENT_WINDOW_S)
        self._good_posture = {mode: TimeShare(MAX_FRAME_GAP_S, RECENT_WINDOW_S) for mode in MODES}
        self._levels = {fault: Ema(alerts.smoothing_s, reset_after_s=grace) for fault in FAULTS}
        self._alerts = {
            fault: HysteresisAlert(
                f"posture:{fault}",
                entry=1.0,
                exit_ratio=alerts.exit_ratio,
                onset_s=alerts.onset_s,
                exit_s=alerts.exit_s,
                cooldown_s=alerts.cooldown_s,
                max_gap_s=max(grace, MAX_FRAME_GAP_S),
            )
            for fault in FAULTS
        }
        self._breaks = BreakTimer(self.settings.breaks, day_origin)
        self._totals = _Totals()
        self._last_t: float | None = None
        self._last_posture: PostureReading | None = None
        self._last_face_score: float | None = None

    # --- per frame ------------------------------------------------------------------------

    def step(self, obs: Observation) -> Step:
        t = float(obs.t)
        if self._last_t is not None and t < self._last_t:
            raise ValueError(tr("engine.time_backwards", frame=obs.frame_index, t=t, last=self._last_t))
        gap = 0.0 if self._last_t is None else min(t - self._last_t, MAX_FRAME_GAP_S)
        self._count_time(gap)
        self._last_t = t

        face, body = obs.face, obs.body
        s = self.settings
        smile = measure_smile(face, s.smile, self.smile_baseline) if face is not None else None
        gaze = measure_gaze(face, s.gaze) if face is not None else None
        posture = observe_posture(obs, s.posture, self.posture_baseline)
        record = Record(
            source=self.source,
            frame=obs.frame_index,
            t_s=t,
            face_found=face is not None,
            body_found=body is not None,
            smile=smile,
            gaze=gaze,
            posture=posture,
        )

        events: list[Event] = []
        present = self._presence.update(face is not None or body is not None, t)
        score = self._smile_score.update(smile.score if smile else None, t) if smile else None
        events += self._smiles.update(smile.kind if smile else None, t)
        self._eye_contact.update(gaze.eye_contact if gaze else None, t)
        self._smiling.update(smile.kind != "none" if smile else None, t)
        self._face.update(face is not None, t)
        for mode, share in self._good_posture.items():
            judged = posture is not None and posture.judged and posture.mode == mode
            share.update(posture.ok if judged else None, t)
        held = self.calibration.update(face, body, t)  # camera/seat moved: no posture alerts
        events += self._update_alerts(posture, t, held)
        standing = posture is not None and posture.mode == "standing"
        events += self._breaks.update(t, present, standing, self._presence.away_since)

        self._totals.frames += 1
        self._last_posture = posture
        self._last_face_score = smile.score if smile else None
        self._tally(events)
        return Step(record, events, self._state(t, record, score))

    def _update_alerts(self, posture: PostureReading | None, t: float, held: bool = False) -> list[Event]:
        events: list[Event] = []
        levels = posture.levels if posture is not None else {}
        for fault in FAULTS:
            level = levels.get(fault)
            smoothed = self._levels[fault].update(level, t) if level is not None else None
            if self.settings.alerts.posture_alerts:
                events += self._alerts[fault].update(None if held else smoothed, t)
        return events

    def _count_time(self, gap: float) -> None:
        if gap <= 0:
            return
        totals = self._totals
        totals.observed_s += gap
        if self._presence.present:
            totals.present_s += gap
        if self._last_face_score is not None:
            totals.face_s += gap
            totals.smile_score_s += gap * self._last_face_score
        posture = self._last_posture
        if posture is not None:
            totals.mode_s[posture.mode] += gap
            if posture.reason:
                totals.unjudged_s[posture.reason] += gap
            for fault in posture.issues:
                totals.fault_s[fault] += gap

    def _tally(self, events: list[Event]) -> None:
        for event in events:
            if event.end is not None:
                self._totals.events[event.kind] += 1
                if event.kind == "smile":
                    self._totals.smiles[event.detail] += 1

    def _state(self, t: float, record: Record, score: float | None) -> LiveState:
        active = tuple(fault for fault in FAULTS if self._alerts[fault].active)
        hours = self._totals.present_s / 3600.0
        timer = self._breaks
        posture = record.posture
        return LiveState(
            t=t,
            present=self._presence.present,
            face_found=record.face_found,
            body_found=record.body_found,
            smile_score=score,
            smile_kind=record.smile.kind if record.smile else "none",
            smiling=self._smiles.in_smile,
            smile_count=self._smiles.count,
            smile_share=self._smiling.share,
            smiles_per_hour=self._smiles.count / hours if self._totals.present_s >= 60.0 else None,
            eye_contact=record.gaze.eye_contact if record.gaze else None,
            eye_contact_share=self._eye_contact.share,
            eye_contact_recent_share=self._eye_contact.recent_share,
            posture_mode=posture.mode if posture else "unknown",
            posture_ok=posture.ok if posture and posture.judged else None,
            active_alerts=active,
            alerts=tuple(f"posture:{fault}" for fault in active),
            break_phase=timer.phase,
            seconds_to_break=timer.seconds_to_break(t),
            break_remaining_s=timer.break_remaining_s(t),
            work_s=timer.work_s,
            can_postpone=timer.can_postpone,
            can_skip=timer.can_skip,
            needs_recalibration=self.calibration.needs_recalibration,
            baseline=self.calibration.baseline,
            profile=self.calibration.label,
        )

    # --- end of session and actions -------------------------------------------------------

    def finish(self, t: float) -> list[Event]:
        """Close what is still open at `t`: alerts, a smile, queued break-action events.

        A break still running is not counted: leaving at the end of a shift is not a break.
        """
        events = self._breaks.flush()
        for alert in self._alerts.values():
            events += alert.finish(t)
        events += self._smiles.finish(t)
        self.calibration.finish(t)
        self._tally(events)
        return events

    def take_break(self, t: float) -> bool:
        return self._breaks.take_break(t)

    def postpone_break(self, t: float) -> bool:
        return self._breaks.postpone_break(t)

    def skip_break(self, t: float) -> bool:
        return self._breaks.skip_break(t)

    # --- report ---------------------------------------------------------------------------

    def summary(self) -> dict:
        """JSON-able totals for the session: shares of time, counts, break compliance."""
        totals = self._totals
        hours = totals.present_s / 3600.0
        return {
            "source": self.source,
            "frames": totals.frames,
            "observed_s": _round(totals.observed_s, 1),
            "present_s": _round(totals.present_s, 1),
            "shares": {
                "face_found": _round(self._face.share),
                "smiling": _round(self._smiling.share),
                "eye_contact": _round(self._eye_contact.share),
                "good_posture": {
                    "sitting": _round(self._good_posture["sitting"].share),
                    "standing": _round(self._good_posture["standing"].share),
                    "upper_body": _round(self._good_posture["upper_body"].share),
                },
            },
            "smiles": {
                "count": self._smiles.count,
                "per_hour": _round(self._smiles.count / hours if totals.present_s >= 60.0 else None, 1),
                "by_kind": dict(totals.smiles),
                "mean_score": _round(totals.smile_score_s / totals.face_s if totals.face_s else None, 1),
            },
            "posture": {
                "seconds_by_mode": {mode: _round(totals.mode_s.get(mode, 0.0), 1) for mode in MODES},
                "not_judged_seconds": {why: _round(sec, 1) for why, sec in sorted(totals.unjudged_s.items())},
                "fault_seconds": {fault: _round(totals.fault_s.get(fault, 0.0), 1) for fault in FAULTS},
                "alerts": {fault: self._alerts[fault].count for fault in FAULTS},
            },
            "events": dict(sorted(totals.events.items())),
            "breaks": self._breaks.stats.to_dict(),
            "calibration": self.calibration.summary(),
        }


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)
