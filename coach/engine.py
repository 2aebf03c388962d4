"""The engine: one observation in, readings + events + live state out.

    engine = Engine(Settings(), source="cam0")
    for obs in observations:             # from the landmarker, each with its time obs.t
        step = engine.step(obs)          # Step(record, events, state, credit)
    closing = engine.finish(last_t)      # close alerts/smiles still open
    report = engine.summary()            # JSON-able

The engine calls the pure rules (smile, gaze, posture) and feeds the time-driven trackers.
It never reads a clock: `obs.t` is the only time there is. It is the only time accountant: each
step's `credit` (coach.credit) is the time it adds to observed, present, face, smiling, eye
contact, each posture mode and fault, and `summary()` is the sum of those credits. A missing
face gives no smile or gaze reading, a missing body no posture reading, and nothing missing ever
raises an alert.

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
from coach.credit import MAX_FRAME_GAP_S, MODE_MEASURES, Accountant, Credit, Ledger
from coach.errors import CoachError
from coach.readings import Event, GazeReading, PostureReading, Record, SmileReading
from coach.rules.expression import measure_brows
from coach.rules.gaze import measure_gaze
from coach.rules.posture import FAULTS, PostureBaseline, observe_posture
from coach.rules.setup import setup_problems
from coach.rules.smile import SmileBaseline, SmileGeometry, judge_smile, measure_geometry
from coach.settings import Settings
from coach.trackers.breaks import BreakTimer
from coach.trackers.fatigue import FatigueTracker
from coach.trackers.posture_habit import PostureHabit
from coach.trackers.posture_status import PostureStatus
from coach.trackers.presence import Presence
from coach.trackers.service import ServiceTracker
from coach.trackers.setup import SetupTracker
from coach.trackers.smile_episodes import CALM_SCORE, SmileEpisodes
from coach.trackers.smoothing import Ema
from coach.trackers.stats import TimeShare
from coach.types import BODY_STALE, Observation

if TYPE_CHECKING:
    from coach.calibrate.profile import Profile

SMILE_SMOOTHING_S = 0.5
RECENT_WINDOW_S = 300.0
MODES = ("sitting", "standing", "upper_body")


@dataclass(frozen=True)
class LiveState:
    """What a panel shows now."""

    t: float
    present: bool
    face_found: bool
    body_found: bool
    smile_score: float | None  # smoothed 0..100; None without a face
    smile_kind: str  # the kind of the smile episode in progress; "none" outside one
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
    # The one posture status every surface shows: unknown / ok / fault (not yet held) / alert.
    posture_state: str = "unknown"
    serving: bool = False  # a customer is being served (coach.trackers.service): nudges wait
    served_count: int = 0  # services ended this session
    service_eye_contact_share: float | None = None  # eye contact during the service in progress
    # The set-up check (coach.rules.setup): active problems and (measure, problem) pairs paused.
    setup_problems: tuple[str, ...] = ()
    paused: tuple[tuple[str, str], ...] = ()
    # Fatigue (coach.trackers.fatigue): openness 1 = as open as neutral; PERCLOS over the last
    # minute; why the person looks tired (perclos / long_blinks / yawns) or None.
    eye_openness: float | None = None
    eyes_closed: bool | None = None
    perclos: float | None = None
    tired: str | None = None
    eyes_closed_alert: bool = False


@dataclass(frozen=True)
class Step:
    record: Record
    events: list[Event]
    state: LiveState
    credit: Credit = field(default_factory=Credit)  # the time this step credits (see coach.credit)


class TimeWentBackwards(CoachError, ValueError):
    """A frame earlier than the one before it: the engine's time only moves forward."""


@dataclass
class _Totals:
    frames: int = 0
    time: Ledger = field(default_factory=Ledger)  # the sum of every step's credit
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
        self._smiles = SmileEpisodes(self.settings.smile, self.smile_baseline)
        self._eye_contact = TimeShare(MAX_FRAME_GAP_S, RECENT_WINDOW_S)  # for the last five minutes' share
        self._accountant = Accountant(MAX_FRAME_GAP_S)
        self._levels = {fault: Ema(alerts.smoothing_s, reset_after_s=grace) for fault in FAULTS}
        # One posture status: any fault or mix held for the onset time is one alert naming the
        # dominant fault; the panel's bar, posture line and the summary read the same status.
        self._posture = PostureStatus(FAULTS, alerts, max_gap_s=max(grace, MAX_FRAME_GAP_S))
        # Without a calibration, the person's upright habit learned this session checks the prior.
        self._posture_habit = PostureHabit() if self.posture_baseline is None else None
        self._breaks = BreakTimer(self.settings.breaks, day_origin)
        self._service = ServiceTracker(self.settings.service)
        calibrated = self.smile_baseline.eye_aperture if self.smile_baseline is not None else None
        self._fatigue = FatigueTracker(neutral_aperture=calibrated)
        self._setup = SetupTracker()
        self._tired: str | None = None  # why the person looks tired at the last frame (fatigue)
        self._last_posture: PostureReading | None = None  # the last frame's, before the set-up check
        self._totals = _Totals()
        self._last_t: float | None = None

    # --- per frame ------------------------------------------------------------------------

    def step(self, obs: Observation) -> Step:
        t = float(obs.t)
        if self._last_t is not None and t < self._last_t:
            raise TimeWentBackwards("engine.time_backwards", frame=obs.frame_index, t=t, last=self._last_t)
        self._last_t = t

        face, body = obs.face, obs.body
        s = self.settings
        geometry = measure_geometry(face) if face is not None else None
        brows = measure_brows(face) if face is not None else None
        smile = judge_smile(geometry, s.smile, self.smile_baseline) if geometry is not None else None
        gaze = measure_gaze(face, s.gaze) if face is not None else None
        posture = self._observe_posture(obs)
        setup_events, smile, gaze, posture, eyes = self._check_setup(obs, geometry, smile, gaze, posture)
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

        events: list[Event] = list(setup_events)
        credit = self._accountant.credit(t)  # the gap before this frame, as the frame before held it
        self._totals.time.add(credit)
        present = self._presence.update(face is not None or body is not None, t)
        score = self._smile_score.update(smile.score if smile else None, t) if smile else None
        events += self._smiles.update(t, geometry if smile else None, brows, smile.score if smile else None)
        events += self._update_fatigue(t, eyes)
        # Smiling time is the episode's, not each frame's kind (a word or a blink never flips it).
        episode_kind = (self._smiles.kind if self._smiles.in_smile else "none") if smile else None
        self._accountant.hold(record, present, smile_kind=episode_kind)
        self._eye_contact.update(gaze.eye_contact if gaze else None, t)
        held = self.calibration.update(face, body, t)  # camera/seat moved: no posture alerts
        events += self._serve(t, present, gaze, smile is not None)
        events += self._update_alerts(posture, t, held)
        standing = posture is not None and posture.mode == "standing"
        events += self._breaks.update(t, present, standing, self._presence.away_since)

        self._totals.frames += 1
        self._tally(events)
        return Step(record, events, self._state(t, record, score), credit)

    def _observe_posture(self, obs: Observation) -> PostureReading | None:
        """The frame's posture reading: against the calibration, or against the prior and the
        session's habit. A stale body (Pose waits for its turn while the face has moved:
        `BODY_STALE`) is not measured against this frame's face; the last reading stands until Pose
        runs again (at most a second in eco mode), so the mode and the alerts hold."""
        if obs.extras.get(BODY_STALE) and self._last_posture is not None:
            return self._last_posture
        if obs.extras.get(BODY_STALE):  # nothing to hold yet: the body measured alone, as it was seen
            obs = Observation(t=obs.t, frame_index=obs.frame_index, width=obs.width, height=obs.height,
                              body=obs.body, brightness=obs.brightness)
        if self._posture_habit is None or self.posture_baseline is not None:
            self._last_posture = observe_posture(obs, self.settings.posture, self.posture_baseline)
        else:
            self._last_posture = self._posture_habit.observe(obs, self.settings.posture)
        return self._last_posture

    def _serve(self, t: float, present: bool, gaze, face_read: bool) -> list[Event]:
        """The service tracker's frame; while serving, the break reminder and posture nudges wait."""
        service = self._service
        events = service.update(
            t, present=present, talking=self._smiles.cues.talking if face_read else None,
            yaw_deg=gaze.yaw_deg if gaze else None, eye_contact=gaze.eye_contact if gaze else None,
            smile_kind=self._smiles.kind if self._smiles.in_smile else "none")
        waiting = service.holds_nudges(t)
        self._breaks.hold_reminder(waiting, service.max_hold_s)
        self._posture.hold(waiting, service.max_hold_s)
        return events

    def _check_setup(self, obs: Observation, geometry: SmileGeometry | None, smile: SmileReading | None,
                     gaze: GazeReading | None, posture: PostureReading | None) -> tuple:
        """The set-up check: pause (drop) the readings a bad set-up spoils; posture says why."""
        problems = setup_problems(obs, gaze.yaw_deg if gaze else None, gaze.pitch_deg if gaze else None,
                                  posture.reason if posture is not None else "")
        events = self._setup.update(float(obs.t), problems)
        paused = self._setup.paused
        eyes = None if geometry is None or "fatigue" in paused else geometry
        if "smile" in paused:
            smile = None
        if "gaze" in paused:
            gaze = None
        if "posture" in paused and posture is not None and posture.judged:
            posture = PostureReading(mode="unknown", view=posture.view, reason=paused["posture"])
        return events, smile, gaze, posture, eyes

    def _update_fatigue(self, t: float, eyes: SmileGeometry | None) -> list[Event]:
        cues = self._smiles.cues
        calm = cues.evidence is not None and cues.evidence < CALM_SCORE \
            and not cues.talking and not cues.negative
        events = self._fatigue.update(t, eyes.eye_aperture if eyes else None,
                                      eyes.opening_ratio if eyes else None, calm)
        self._tired = self._fatigue.tired(t)  # read once per frame; the live state shows the same
        if self._tired is not None:
            self._breaks.bring_forward(t, self._tired)  # once per work period; its event comes out below
        return events

    def _update_alerts(self, posture: PostureReading | None, t: float, held: bool = False) -> list[Event]:
        events: list[Event] = []
        levels = posture.levels if posture is not None else {}
        smoothed = {}
        for fault in FAULTS:
            level = levels.get(fault)
            value = self._levels[fault].update(level, t) if level is not None else None
            if value is not None:
                smoothed[fault] = value
        if posture is not None and posture.mode != "unknown" and not smoothed:
            smoothed = {fault: 0.0 for fault in FAULTS}  # a body with no fault measured over 0
        if self.settings.alerts.posture_alerts:
            faulty = None if posture is None else not posture.ok
            events += self._posture.update(None if held or posture is None else smoothed, t, faulty)
        return events

    def _tally(self, events: list[Event]) -> None:
        for event in events:
            if event.end is not None:
                self._totals.events[event.kind] += 1
                if event.kind == "smile":
                    self._totals.smiles[event.detail] += 1

    def _state(self, t: float, record: Record, score: float | None) -> LiveState:
        active = (self._posture.dominant,) if self._posture.active and self._posture.dominant else ()
        time = self._totals.time
        hours = time["present"] / 3600.0
        timer = self._breaks
        posture = record.posture
        return LiveState(
            t=t,
            present=self._presence.present,
            face_found=record.face_found,
            body_found=record.body_found,
            smile_score=score,
            smile_kind=self._smiles.kind if self._smiles.in_smile else "none",
            smiling=self._smiles.in_smile,
            smile_count=self._smiles.count,
            smile_share=time.share("smile", "face"),
            smiles_per_hour=self._smiles.count / hours if time["present"] >= 60.0 else None,
            eye_contact=record.gaze.eye_contact if record.gaze else None,
            eye_contact_share=time.share("eye_contact", "gaze"),
            eye_contact_recent_share=self._eye_contact.recent_share,
            posture_mode=posture.mode if posture else "unknown",
            posture_ok=posture.ok if posture and posture.judged else None,
            posture_state=self._posture.state,
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
            serving=self._service.serving,
            served_count=self._service.count,
            service_eye_contact_share=self._service.eye_contact_now,
            setup_problems=self._setup.active,
            paused=tuple(self._setup.paused.items()),
            eye_openness=self._fatigue.openness,
            eyes_closed=self._fatigue.closed,
            perclos=self._fatigue.perclos,
            tired=self._tired,
            eyes_closed_alert=self._fatigue.alert_on,
        )

    # --- end of session and actions -------------------------------------------------------

    def finish(self, t: float) -> list[Event]:
        """Close what is still open at `t`: alerts, a smile, queued break-action events.

        A break still running is not counted: leaving at the end of a shift is not a break.
        """
        events = self._breaks.flush()
        events += self._service.finish(t)
        events += self._posture.finish(t)
        events += self._smiles.finish(t)
        events += self._fatigue.finish(t)
        self.calibration.finish(t)
        self._tally(events)
        return events

    def take_break(self, t: float) -> bool:
        return self._breaks.take_break(t)

    def postpone_break(self, t: float) -> bool:
        return self._breaks.postpone_break(t)

    def skip_break(self, t: float) -> bool:
        return self._breaks.skip_break(t)

    def service_signal(self, name: str, t: float) -> None:
        """A queue system's signal ("next-customer" / "service-end"); its event comes out of the
        next `step` (or `finish`)."""
        self._service.signal(name, t)

    def break_snapshot(self, t: float) -> dict:
        """The person's break clock at `t` (BreakTimer.snapshot), for the next session today."""
        return self._breaks.snapshot(t)

    def resume_breaks(self, snapshot: dict, t: float, away_s: float) -> None:
        """Continue the day's break clock from an earlier session's snapshot (BreakTimer.restore)."""
        self._breaks.restore(snapshot, t, away_s)

    # --- report ---------------------------------------------------------------------------

    def summary(self) -> dict:
        """JSON-able totals for the session: shares of time, counts, break compliance.

        Every time and share here is a sum of the steps' credits (`Step.credit`), the same sums
        the store's per-minute rows add up.
        """
        totals = self._totals
        time = totals.time
        hours = time["present"] / 3600.0
        return {
            "source": self.source,
            "frames": totals.frames,
            "observed_s": _round(time["observed"], 1),
            "present_s": _round(time["present"], 1),
            "shares": {
                "face_found": _round(time.share("face", "observed")),
                "smiling": _round(time.share("smile", "face")),
                "eye_contact": _round(time.share("eye_contact", "gaze")),
                "good_posture": {
                    "sitting": _round(time.share("sitting_good", "sitting")),
                    "standing": _round(time.share("standing_good", "standing")),
                    "upper_body": _round(time.share("upper_body_good", "upper_body")),
                },
            },
            "smiles": {
                "count": self._smiles.count,
                "per_hour": _round(self._smiles.count / hours if time["present"] >= 60.0 else None, 1),
                "by_kind": dict(totals.smiles),
                "mean_score": _round(time.share("smile_score", "face"), 1),
            },
            "posture": {
                "seconds_by_mode": {mode: _round(time[MODE_MEASURES[mode]], 1) for mode in MODES},
                "fault_seconds": {fault: _round(time.faults.get(fault, 0.0), 1) for fault in FAULTS},
                "not_judged_seconds": {why: _round(sec, 1) for why, sec in sorted(time.unjudged.items())},
                "alerts": {fault: self._posture.counts.get(fault, 0) for fault in FAULTS},
            },
            "events": dict(sorted(totals.events.items())),
            "breaks": self._breaks.stats.to_dict(),
            "calibration": self.calibration.summary(),
            "service": self._service.summary(),
            "fatigue": self._fatigue_summary(hours if time["present"] >= 60.0 else None),
            "setup": self._setup.summary(),
        }

    def _fatigue_summary(self, hours: float | None) -> dict:
        f = self._fatigue
        return {
            # PERCLOS: over the whole session, and the highest one-minute value
            "eyes_closed_share": _round(f.session_closed_s / f.session_seen_s if f.session_seen_s else None),
            "peak_minute_eyes_closed_share": _round(f.perclos_peak),
            "blinks": f.blinks,
            "long_blinks": f.long_blinks,
            "long_blinks_per_hour": _round(f.long_blinks / hours if hours else None, 1),
            "yawns": f.yawns,
            "eyes_closed_alerts": f.alerts,
            "neutral_aperture": _round(f.neutral_aperture),
        }


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)
