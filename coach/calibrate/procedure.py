"""The guided calibration, as a step machine fed with observations and their times.

    run = Calibration("wang.li", mode="sitting")
    for obs in observations:                 # from the landmarker; obs.t is the only clock
        progress = run.feed(obs)             # what to show now: step, phase, countdown, problem
        if progress.finished:
            break
    profile = run.profile(created="2026-11-29T09:12:00+08:00")   # or run.failure

Steps, about 30 seconds in all (`STEPS`): a neutral face looking at the screen, a natural smile,
then sitting (or standing) upright. Each step has a short *get ready* phase (`ready_s`, shown as
a countdown) and a *recording* phase (`step_s`, 5 s). When the recording ends the step is judged:

* enough good frames — at least `min_frames` and `min_good_share` of those recorded. A frame is
  good when the face is in view and large enough, for the neutral step when the person looks at
  the screen, and for the posture step when both shoulders show;
* the person held still — the face (and shoulder line) stayed within `max_motion` of their median
  place and size over the step (90th percentile, so one glitchy frame is forgiven);
* the neutral step held one expression — no smile coming and going, no talking (a baseline taken
  from a face that smiled part of the time would hide that person's smiles later);
* the smile step saw a smile — scored against the neutral just recorded;
* the posture step, where the legs show, saw the mode asked for (not sitting for "standing").

A step that fails says why (`Progress.problem`, translated by `problem_text`) and is repeated,
up to `attempts` times; after that the calibration fails with that message. Nothing here reads a
clock or touches a camera: the CLI and the panel page drive it, tests feed it synthetic frames.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from coach.calibrate.profile import MODES, Profile, ProfileError, SmileReference, check_person
from coach.i18n import t
from coach.rules.gaze import GazeSettings, measure_gaze
from coach.rules.posture import PostureBaseline, PostureSettings, measure_posture
from coach.rules.smile import SmileBaseline, SmileSettings, judge_smile, measure_geometry
from coach.trackers.drift import Placement
from coach.types import Observation
from coach.types import PoseLandmark as P
from coach.validation import check_ranges

NEUTRAL, SMILE, UPRIGHT = "neutral", "smile", "upright"
STEPS = (NEUTRAL, SMILE, UPRIGHT)
READY, RECORDING, DONE, FAILED = "ready", "recording", "done", "failed"

# Problems a step can report, most specific first when several frames fail for different reasons.
NO_FRAMES = "no_frames"
TOO_FEW_FRAMES = "too_few_frames"
NO_FACE = "no_face"
FACE_TOO_SMALL = "face_too_small"
NO_SHOULDERS = "no_shoulders"
LOOK_AT_SCREEN = "look_at_screen"
MOVED = "moved"
EXPRESSION_CHANGED = "expression_changed"
NO_SMILE = "no_smile"
NOT_STANDING = "not_standing"
NOT_SITTING = "not_sitting"
PROBLEMS = (NO_FRAMES, TOO_FEW_FRAMES, NO_FACE, FACE_TOO_SMALL, NO_SHOULDERS, LOOK_AT_SCREEN, MOVED,
            EXPRESSION_CHANGED, NO_SMILE, NOT_STANDING, NOT_SITTING)


# A neutral face holds its expression: over the step, the spread (90th minus 10th percentile) of
# the mouth's width (relative), corner angle and lip gap (inter-ocular units) stays below these.
# Still neutral faces in the development videos spread 0.03–0.05 in width and 1–3° in corner
# angle; a slight smile coming and going spreads 0.16 in width, talking 0.2+ and a lip gap of 0.3.
NEUTRAL_MAX_WIDTH_SPREAD = 0.12
NEUTRAL_MAX_CORNER_SPREAD_DEG = 8.0
NEUTRAL_MAX_LIP_GAP_SPREAD = 0.08


@dataclass(frozen=True)
class CalibrationSettings:
    """How long each step lasts and what counts as good enough. Frozen; ValueError names the range.

    ready_s: the "get ready" countdown before each recording (seconds).
    step_s: recording time per step (seconds).
    min_frames: good frames needed per step, at the least (the posture baseline needs 5).
    min_good_share: share of the recorded frames that must be good.
    min_face_size: smallest usable face (`Face.size`, pixels).
    max_motion: the face (and shoulder line) may wander this far from its median over the step,
        in face sizes (shoulder widths), and change size by this |ln| ratio.
    attempts: tries per step before the calibration gives up.
    """

    ready_s: float = 3.0
    step_s: float = 5.0
    min_frames: int = 5
    min_good_share: float = 0.6
    min_face_size: float = 40.0
    max_motion: float = 0.1
    attempts: int = 3

    def __post_init__(self) -> None:
        check_ranges(self, "calibration", _RANGES, whole_numbers=("min_frames", "attempts"))


_RANGES: dict[str, tuple[float, float]] = {
    "ready_s": (0.0, 30.0),
    "step_s": (1.0, 60.0),
    "min_frames": (PostureBaseline.MIN_SAMPLES, 1000),
    "min_good_share": (0.1, 1.0),
    "min_face_size": (10.0, 1000.0),
    "max_motion": (0.01, 1.0),
    "attempts": (1, 10),
}


@dataclass(frozen=True)
class Progress:
    """What the person should see now."""

    step: str  # neutral / smile / upright ("" once finished)
    step_number: int  # 1-based
    steps: int
    phase: str  # ready / recording / done / failed
    seconds_left: float  # in this phase (0 once finished)
    attempt: int  # 1-based try of this step
    good_frames: int  # good frames recorded so far in this try
    problem: str | None = None  # why the last try of this step failed (or why it all failed)
    passed: tuple[str, ...] = ()  # steps done

    @property
    def finished(self) -> bool:
        return self.phase in (DONE, FAILED)


@dataclass(frozen=True)
class StepOutcome:
    """The verdict on one recorded step."""

    step: str
    ok: bool
    problem: str | None
    frames: int
    good_frames: int
    motion: float | None  # 90th percentile wander, face sizes / shoulder widths


@dataclass(frozen=True)
class CalibrationFailure:
    step: str
    problem: str
    outcome: StepOutcome

    def message(self, lang: str | None = None, settings: CalibrationSettings | None = None) -> str:
        return failure_text(self, lang, settings)


@dataclass
class _Try:
    started: float  # when its ready phase began
    frames: list[Observation] = field(default_factory=list)


class Calibration:
    """The step machine (see the module docstring). Feed observations in time order."""

    def __init__(
        self,
        person: str,
        mode: str = "sitting",
        settings: CalibrationSettings | None = None,
        smile_settings: SmileSettings | None = None,
        gaze_settings: GazeSettings | None = None,
        posture_settings: PostureSettings | None = None,
        lang: str | None = None,
    ):
        if mode not in MODES:
            raise ProfileError(t("calibration.error.bad_mode", lang, mode=mode, modes=", ".join(MODES)))
        self.person = check_person(person, lang)
        self.mode = mode
        self.lang = lang
        self.settings = settings or CalibrationSettings()
        self.smile_settings = smile_settings or SmileSettings()
        self.gaze_settings = gaze_settings or GazeSettings()
        self.posture_settings = posture_settings or PostureSettings()
        self.outcomes: list[StepOutcome] = []  # every judged try, in order
        self.failure: CalibrationFailure | None = None
        self._index = 0
        self._attempt = 1
        self._try: _Try | None = None
        self._last_problem: str | None = None
        self._last_t: float | None = None
        self._kept: dict[str, list[Observation]] = {}
        self._quality: dict[str, dict] = {}
        self._smile_baseline: SmileBaseline | None = None
        self._smile_reference: SmileReference | None = None
        self._posture: PostureBaseline | None = None
        self._reference: Placement | None = None

    # -- state ----------------------------------------------------------------------------------
    @property
    def done(self) -> bool:
        return self._index >= len(STEPS) and self.failure is None

    @property
    def failed(self) -> bool:
        return self.failure is not None

    @property
    def step(self) -> str:
        return STEPS[self._index] if self._index < len(STEPS) else ""

    def start(self, t: float) -> Progress:
        """Begin (or begin the current step's try) at `t` without a frame, e.g. to show a countdown."""
        if self._try is None and not (self.done or self.failed):
            self._try = _Try(started=float(t))
        return self._progress(float(t))

    def feed(self, obs: Observation) -> Progress:
        now = float(obs.t)
        if self._last_t is not None and now < self._last_t:
            raise ValueError(t("calibration.error.time_backwards", self.lang, t=now, last=self._last_t))
        self._last_t = now
        if self.done or self.failed:
            return self._progress(now)
        if self._try is None:
            self._try = _Try(started=now)
        record_from = self._try.started + self.settings.ready_s
        record_to = record_from + self.settings.step_s
        if record_from <= now < record_to:
            self._try.frames.append(obs)
        if now >= record_to:
            self._judge(now)
        return self._progress(now)

    def profile(self, created: str, lang: str | None = None) -> Profile:
        """The profile from a finished calibration; ProfileError when it did not succeed."""
        lang = lang or self.lang
        if not self.done or self._smile_baseline is None:
            raise ProfileError(failure_text(self.failure, lang, self.settings) if self.failure
                               else t("calibration.error.unfinished", lang))
        return Profile(
            person=self.person,
            mode=self.mode,
            created=created,
            smile=self._smile_baseline,
            posture=self._posture,
            reference=self._reference,
            smile_reference=self._smile_reference,
            quality=dict(self._quality),
        )

    # -- judging ----------------------------------------------------------------------------------
    def _judge(self, t: float) -> None:
        assert self._try is not None
        step = self.step
        outcome = self.judge_step(step, self._try.frames)
        self.outcomes.append(outcome)
        if outcome.ok:
            self._kept[step] = [o for o in self._try.frames if self._frame_problem(step, o) is None]
            self._complete(step, outcome)
            self._index += 1
            self._attempt = 1
            self._last_problem = None
            self._try = None if self._index >= len(STEPS) else _Try(started=t)
            return
        self._last_problem = outcome.problem
        if self._attempt >= self.settings.attempts:
            self.failure = CalibrationFailure(step, outcome.problem or NO_FRAMES, outcome)
            self._try = None
            return
        self._attempt += 1
        self._try = _Try(started=t)

    def judge_step(self, step: str, frames: list[Observation]) -> StepOutcome:
        """Whether these recorded frames make a good `step` (pure; used by `feed`)."""
        s = self.settings
        problems = [self._frame_problem(step, obs) for obs in frames]
        good = [obs for obs, problem in zip(frames, problems, strict=True) if problem is None]

        def verdict(problem: str | None, motion: float | None = None) -> StepOutcome:
            return StepOutcome(step, problem is None, problem, len(frames), len(good), motion)

        if not frames:
            return verdict(NO_FRAMES)
        if len(good) < s.min_frames or len(good) < s.min_good_share * len(frames):
            bad = Counter(p for p in problems if p is not None)
            worst = max(PROBLEMS, key=lambda p: (bad.get(p, 0), -PROBLEMS.index(p)))
            return verdict(worst if bad else TOO_FEW_FRAMES)
        motion = self._motion(step, good)
        if motion > s.max_motion:
            return verdict(MOVED, motion)
        if step == NEUTRAL and _expression_changed([measure_geometry(o.face) for o in good]):
            return verdict(EXPRESSION_CHANGED, motion)
        if step == SMILE and self._smile_baseline is not None:
            scores = [judge_smile(measure_geometry(o.face), self.smile_settings, self._smile_baseline).score
                      for o in good]
            if float(np.median(scores)) < self.smile_settings.smile_threshold:
                return verdict(NO_SMILE, motion)
        if step == UPRIGHT:
            wrong = self._wrong_mode(good)
            if wrong:
                return verdict(wrong, motion)
        return verdict(None, motion)

    def _frame_problem(self, step: str, obs: Observation) -> str | None:
        face = obs.face
        if face is None:
            return NO_FACE
        if face.size < self.settings.min_face_size:
            return FACE_TOO_SMALL
        if step == NEUTRAL and not measure_gaze(face, self.gaze_settings).eye_contact:
            return LOOK_AT_SCREEN
        if step == UPRIGHT:
            body = obs.body
            vis = self.posture_settings.min_visibility
            if body is None or not body.visible(P.LEFT_SHOULDER, P.RIGHT_SHOULDER, threshold=vis):
                return NO_SHOULDERS
        return None

    def _motion(self, step: str, good: list[Observation]) -> float:
        """90th percentile of how far the face (and shoulders) strayed from their median."""
        boxes = np.array([[*_centre(o), o.face.size] for o in good], dtype=np.float64)
        centre, size = np.median(boxes[:, :2], axis=0), float(np.median(boxes[:, 2]))
        wander = np.linalg.norm(boxes[:, :2] - centre, axis=1) / size
        wander = np.maximum(wander, np.abs(np.log(boxes[:, 2] / size)))
        if step == UPRIGHT:
            vis = self.posture_settings.min_visibility
            places = [Placement.of(o.face, o.body, vis) for o in good]
            shoulders = np.array([[p.shoulder_x, p.shoulder_y, p.shoulder_width] for p in places if p])
            if len(shoulders):
                mid, width = np.median(shoulders[:, :2], axis=0), float(np.median(shoulders[:, 2]))
                shoulder_wander = np.linalg.norm(shoulders[:, :2] - mid, axis=1) / width
                shoulder_wander = np.maximum(shoulder_wander, np.abs(np.log(shoulders[:, 2] / width)))
                return max(float(np.percentile(wander, 90)), float(np.percentile(shoulder_wander, 90)))
        return float(np.percentile(wander, 90))

    def _wrong_mode(self, good: list[Observation]) -> str | None:
        """NOT_STANDING / NOT_SITTING when the legs show the other mode in most frames."""
        modes = Counter(measure_posture(o.body, o.face, self.posture_settings).mode for o in good)
        other = "sitting" if self.mode == "standing" else "standing"
        if modes.get(other, 0) > len(good) / 2:
            return NOT_STANDING if self.mode == "standing" else NOT_SITTING
        return None

    def _complete(self, step: str, outcome: StepOutcome) -> None:
        kept = self._kept[step]
        self._quality[step] = {
            "frames": outcome.frames,
            "good_frames": outcome.good_frames,
            "motion": round(outcome.motion, 4) if outcome.motion is not None else None,
        }
        if step == NEUTRAL:
            self._smile_baseline = SmileBaseline.from_faces(o.face for o in kept)
        elif step == SMILE:
            readings = [judge_smile(measure_geometry(o.face), self.smile_settings, self._smile_baseline)
                        for o in kept]
            kinds = Counter(r.kind for r in readings if r.kind != "none")
            self._smile_reference = SmileReference(
                score=float(np.median([r.score for r in readings])),
                corner_deg=float(np.median([r.mouth_corner_deg for r in readings])),
                width_ratio=float(np.median([r.mouth_width_ratio for r in readings])),
                eye_involvement=float(np.median([r.eye_involvement for r in readings])),
                kind=kinds.most_common(1)[0][0] if kinds else "none",
            )
        elif step == UPRIGHT:
            vis = self.posture_settings.min_visibility
            self._posture = PostureBaseline.from_observations(kept, vis)
            places = [p for p in (Placement.of(o.face, o.body, vis) for o in kept) if p is not None]
            self._reference = Placement.median(places)

    # -- what to show -----------------------------------------------------------------------------
    def _progress(self, t: float) -> Progress:
        passed = tuple(o.step for o in self.outcomes if o.ok)
        if self.failed:
            assert self.failure is not None
            return Progress(self.failure.step, STEPS.index(self.failure.step) + 1, len(STEPS), FAILED, 0.0,
                            self._attempt, self.failure.outcome.good_frames, self.failure.problem, passed)
        if self.done:
            return Progress("", len(STEPS), len(STEPS), DONE, 0.0, 1, 0, None, passed)
        current = self._try
        started = current.started if current is not None else t
        record_from = started + self.settings.ready_s
        good = 0
        if current is not None:
            good = sum(1 for o in current.frames if self._frame_problem(self.step, o) is None)
        if t < record_from:
            phase, left = READY, record_from - t
        else:
            phase, left = RECORDING, max(record_from + self.settings.step_s - t, 0.0)
        return Progress(self.step, self._index + 1, len(STEPS), phase, left, self._attempt, good,
                        self._last_problem, passed)


def _expression_changed(geometries: list) -> bool:
    """The mouth did not hold one expression (a smile came and went, the person talked)."""
    def spread(values: list[float]) -> float:
        return float(np.percentile(values, 90) - np.percentile(values, 10))

    widths = [g.width_ratio for g in geometries]
    return (spread(widths) / float(np.median(widths)) > NEUTRAL_MAX_WIDTH_SPREAD
            or spread([g.corner_deg for g in geometries]) > NEUTRAL_MAX_CORNER_SPREAD_DEG
            or spread([g.lip_gap for g in geometries]) > NEUTRAL_MAX_LIP_GAP_SPREAD)


def _centre(obs: Observation) -> tuple[float, float]:
    x0, y0, x1, y1 = obs.face.bbox  # type: ignore[union-attr]
    return (x0 + x1) / 2.0, (y0 + y1) / 2.0


# -- texts ------------------------------------------------------------------------------------------
def step_prompt(step: str, mode: str = "sitting", lang: str | None = None) -> str:
    """What to do in `step`, one line (the posture step names sitting or standing)."""
    if step == UPRIGHT:
        return t(f"calibration.step.upright.{mode}", lang)
    return t(f"calibration.step.{step}", lang)


def problem_text(problem: str, lang: str | None = None, settings: CalibrationSettings | None = None) -> str:
    """What went wrong and what to do, one line."""
    seconds = f"{(settings or CalibrationSettings()).step_s:g}"
    return t(f"calibration.problem.{problem}", lang, seconds=seconds)


def failure_text(failure: CalibrationFailure | None, lang: str | None = None,
                 settings: CalibrationSettings | None = None) -> str:
    if failure is None:
        return t("calibration.error.unfinished", lang)
    return t("calibration.failed", lang, step=t(f"calibration.step_name.{failure.step}", lang),
             problem=problem_text(failure.problem, lang, settings))
