"""Sitting and standing posture from the 33 pose points (and the face mesh when there is one).

What a single 2-D camera can tell depends on where it looks from, so every reading first
decides the *view*:

- **front** (the coach's normal set-up: a camera at the counter facing the staff member):
  shoulder-line tilt, head roll, sideways lean, crossed arms, chin on hand, feet spread,
  hidden hands, crossed legs, how far the ears sit above the shoulder line (it shrinks when
  the head drops forward or the shoulders rise) and head pitch from the nose's drop below
  the ears. Forward/backward trunk lean is invisible from the front; with a calibrated
  baseline it is estimated from the foreshortening of the trunk.
- **side** (a camera beside the desk, as in most public posture photos): trunk lean
  forward/back, forward head (ear ahead of the shoulder) and head pitch are seen directly.
- **upper body, front** (a desk or counter webcam: head and shoulders, hips out of sight,
  shoulders often cut by the frame's edge): judged from the face mesh — head pitch and roll,
  the chin sinking toward the shoulder line, the face growing and the head dropping in the
  frame — against the person's baseline or a population prior (`_upper_body_reading`,
  `coach.rules.posture_face`). Mode "upper_body".
- **oblique** (the face turned >= 35°, or shoulders between side and front widths): judged
  with the side view's measures (which it shows foreshortened) when the hips are in view,
  else from the face like the upper-body front view.

A frame that cannot be judged gets mode "unknown" and a `reason` (REASONS), never a blank.

A measure the view cannot give is None, never a guess. Each fault has a *level*: its
measure divided by its threshold (>= 1 is a fault in this frame); the alert trackers smooth
levels over time and apply hysteresis, so one frame never raises an alert by itself.

Signs: angles follow `coach.rules.geometry` (tilts positive when the image-right end is
higher); trunk and neck angles in a side view are positive *forward* (toward where the nose
points).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields

import numpy as np

from coach.i18n import t
from coach.readings import PostureMode, PostureReading
from coach.rules import geometry as g
from coach.rules.last_call import remember_last_call
from coach.rules.posture_face import (
    EYE_LINE_PRIOR_SPREAD,
    MIN_SHOULDERS_PER_FACE_WIDTH,
    UPRIGHT_CHIN_GAP,
    UPRIGHT_EYE_LINE,
    UPRIGHT_FACE_PITCH_DEG,
    UPRIGHT_FACE_SHARE,
    FaceMeasures,
    face_measures,
)
from coach.types import Body, Face, FaceLandmark, Observation
from coach.types import PoseLandmark as P
from coach.validation import check_ranges

FAULTS: tuple[str, ...] = (
    "hunched",
    "reclined",
    "head_down",
    "head_tilted",
    "shoulders_sloped",
    "shoulders_raised",
    "arms_crossed",
    "chin_on_hand",
    "legs_crossed",
    "leaning_sideways",
    "feet_not_shoulder_width",
    "hands_hidden",
)
STANDING_ONLY_FAULTS: frozenset[str] = frozenset({"feet_not_shoulder_width", "hands_hidden"})

# Anatomy, not preference (so not settings): the 3-D distance from the ear line to the nose
# tip is about 0.75 of the distance between the ears (bitragion breadth ~14.5 cm, tragion to
# nose tip ~11 cm); it turns the nose's drop below the ears seen from the front into a pitch.
NOSE_REACH_PER_EAR_SPAN = 0.75
# A torso seen from the side is much narrower than it is long (shoulder width / trunk length
# < 0.2 in side photos, ~0.8 from the front); without hips, compare the shoulder width with
# how high the nose sits above the shoulders (~1.8 from the front, < 0.6 from the side).
SIDE_VIEW_MAX_WIDTH_PER_TRUNK = 0.4
SIDE_VIEW_MAX_WIDTH_PER_NECK = 1.0
# Wrists and fingers are often half-hidden when they cross or touch the face; MediaPipe then
# reports a lower visibility for points it still places well.
HAND_VISIBILITY = 0.3
# A face turned this far (yaw from the mesh) shows the body obliquely: half-way between a front
# view (0°) and a profile (90°) is where front measures stop being trustworthy (the shoulder line
# foreshortens by cos 35° = 0.82, about the spread of shoulder widths between people).
OBLIQUE_YAW_DEG = 35.0
# Between a side view (shoulder width < 0.4 trunk lengths) and a front view (~0.8): oblique.
OBLIQUE_MAX_WIDTH_PER_TRUNK = 0.6
# Mean luma (0..255) below which a frame with nobody found counts as too dark to see anyone:
# about 1.5 stops under a normally exposed indoor frame (~110-130), so nobody found there is
# more likely unseen than absent.
DARK_FRAME_LUMA = 40.0

# Why a frame with a person in it gets no posture judgement (translated in
# coach/i18n/table_posture_view.py as posture.reason.<code>).
REASONS: tuple[str, ...] = ("too_dark", "face_only", "shoulders_hidden")


@dataclass(frozen=True)
class PostureSettings:
    """Thresholds of the posture faults. Angles in degrees; ratios as documented per field."""

    min_visibility: float = 0.5  # a pose point counts as seen at or above this visibility
    torso_forward_max_deg: float = 20.0  # hunched: trunk leans forward more (RULA: >20° is a large lean)
    torso_back_max_deg: float = 25.0  # reclined: trunk leans back more than this from vertical
    head_down_max_deg: float = 20.0  # head_down: head pitched below level more (RULA neck band >20°)
    forward_head_max: float = 0.6  # hunched: sine of the ear's lean ahead of the shoulders (~37°)
    # hunched when standing: the courseware's standing norm asks for the chin tucked (下巴微收) and
    # gives no allowance for leaning in to a screen, so the ear stays over the shoulder (the
    # plumb line); RULA's upper neck band starts at 20°: sin 20° = 0.34
    standing_forward_head_max: float = 0.34
    head_tilt_max_deg: float = 10.0  # head_tilted: head roll from level (or from the baseline)
    shoulder_tilt_max_deg: float = 7.0  # shoulders_sloped: shoulder-line tilt
    shoulders_raised_max: float = 0.25  # shoulders_raised: share of the ear-to-shoulder gap lost
    side_lean_max_deg: float = 10.0  # leaning_sideways: trunk lean to one side (front view)
    feet_width_min: float = 0.6  # feet_not_shoulder_width: ankle spread / shoulder width below this…
    feet_width_max: float = 1.5  # …or above this (standing only)
    chin_reach: float = 0.35  # chin_on_hand: a hand point within this many face widths of chin/cheek
    upright_head_height: float = 0.6  # ears above the shoulder line / shoulder width when upright
    # The nose tip's angle below the ears when the head is level: the Frankfort plane runs through
    # the tragus and the orbit floor, and the nose tip sits ~3-4 cm below the orbit floor ~10-11 cm
    # ahead of the tragus: atan(3.5/10.5) ≈ 18°, less a few degrees because Pose's ear point sits
    # a little low on the ear. (The 29 upright side views in ../shared/data: median 14°.)
    level_head_pitch_deg: float = 15.0
    # Front webcam, against a calibrated upright baseline (see coach/rules/posture_face.py):
    # hunched when the face looks this much larger (0.2 = the head came a sixth nearer, ~10 cm at
    # an arm's-length screen: the forward travel of the head when a ~25 cm head-and-neck lever
    # flexes RULA's 20°, 25·sin 20° ≈ 9 cm)…
    face_closer_max: float = 0.2
    # …or when the eye line sank this many face heights in the frame (0.5 ≈ 9 cm: a slump that
    # lowers the head about a tenth of the ~80 cm seated eye height). Without calibration the
    # drop must also pass the population's framing spread (posture_face.EYE_LINE_PRIOR_SPREAD).
    head_drop_max: float = 0.5
    # Side view, hips in sight: hunched when the hip-to-ear line leans forward more than this from
    # vertical (the plumb line of posture assessment: ear, shoulder and hip on one vertical). It
    # sums the trunk's and the neck's lean, so a slump that is part trunk, part head (neither past
    # its own threshold above) still counts. Standing: quiet standing keeps the ear over the hip
    # joint (Woodhull et al. 1985, 15 people in profile: ear 0.3 cm behind it, SD ~2 cm, ~2° at the
    # ~70 cm between them), and the courseware's standing norm is 身体挺直 (body straight) with no
    # lean allowed; what widens the band is Pose's error on a small figure: upright standing
    # profiles in ../shared/data (10 photos, 2 people ~180 px tall) read 4.5° ± 2.7° (SD). 12° is
    # nearly three of those SDs above their mean: an ear ~15 cm ahead of the hips.
    standing_plumb_max_deg: float = 12.0
    # Seated, the courseware allows 可稍微前倾表示关注 (a slight forward lean to show attention): the
    # service etiquette's slight bow (欠身) of 15°, trunk and head together, which the trunk's own
    # 20° threshold also lets pass; 18° adds one SD of the measure's spread above (2.7°, ~3°).
    sitting_plumb_max_deg: float = 18.0

    def __post_init__(self) -> None:
        check_ranges(self, "posture", _RANGES)
        if self.feet_width_min >= self.feet_width_max:
            raise ValueError(t("settings.feet_range", low=self.feet_width_min, high=self.feet_width_max))


_RANGES: dict[str, tuple[float, float]] = {
    "min_visibility": (0.1, 0.9),
    "torso_forward_max_deg": (10.0, 45.0),
    "torso_back_max_deg": (10.0, 45.0),
    "head_down_max_deg": (10.0, 45.0),
    "forward_head_max": (0.3, 0.9),
    "standing_forward_head_max": (0.15, 0.9),
    "head_tilt_max_deg": (3.0, 30.0),
    "shoulder_tilt_max_deg": (3.0, 20.0),
    "shoulders_raised_max": (0.1, 0.6),
    "side_lean_max_deg": (3.0, 30.0),
    "feet_width_min": (0.2, 1.0),
    "feet_width_max": (1.0, 3.0),
    "chin_reach": (0.15, 1.0),
    "upright_head_height": (0.3, 1.0),
    "level_head_pitch_deg": (-10.0, 30.0),
    "face_closer_max": (0.05, 0.6),
    "head_drop_max": (0.2, 1.5),
    "standing_plumb_max_deg": (3.0, 30.0),
    "sitting_plumb_max_deg": (3.0, 30.0),
}


@dataclass(frozen=True)
class _Raw:
    """Measures straight from the points, before thresholds or a baseline are applied."""

    view: str
    shoulder_width: float | None = None
    shoulder_y: float | None = None
    ear_y: float | None = None
    head_height: float | None = None  # ears above the shoulder line / shoulder width (front)
    head_pitch_deg: float | None = None  # nose's angle below the ears, not yet relative to level
    neck_deg: float | None = None  # side: shoulder→ear from vertical, + forward
    torso_deg: float | None = None  # side: hip→shoulder from vertical, + forward
    plumb_deg: float | None = None  # side: hip→ear from vertical, + forward (trunk and neck together)
    trunk_per_shoulder: float | None = None  # front: trunk length / shoulder width
    trunk_per_hip: float | None = None  # front: trunk length / hip width
    shoulder_per_hip: float | None = None  # front: shoulder width / hip width
    lean_sideways_deg: float | None = None  # front
    shoulder_tilt_deg: float | None = None
    head_roll_deg: float | None = None
    face_size: float | None = None
    # From the face mesh (posture_face.FaceMeasures), with a face
    face_pitch_deg: float | None = None
    face_yaw_deg: float | None = None
    chin_gap: float | None = None
    eye_line: float | None = None
    face_share: float | None = None
    shoulder_line: float | None = None
    face_height_share: float | None = None  # face box height / frame height
    shoulders_cut_below: bool = False  # shoulders at or past the frame's lower edge
    shoulders_past_sides: bool = False  # a shoulder beyond a side edge: camera nearer than the prior's


@dataclass(frozen=True)
class PostureBaseline:
    """One person's upright posture, measured at calibration; faults are judged against it.

    Values are medians over the calibration frames; None where the view did not show them.
    Image positions (`shoulder_y`, `ear_y`, `shoulder_width`) assume the camera stays where
    it was — after moving it, calibrate again.
    """

    view: str
    samples: int
    head_height: float | None = None
    head_pitch_deg: float | None = None
    torso_deg: float | None = None
    plumb_deg: float | None = None
    trunk_per_hip: float | None = None
    shoulder_per_hip: float | None = None
    shoulder_tilt_deg: float | None = None
    head_roll_deg: float | None = None
    lean_sideways_deg: float | None = None
    shoulder_width: float | None = None
    shoulder_y: float | None = None
    ear_y: float | None = None
    face_size: float | None = None
    # Upper-body front view (face mesh; positions and sizes as shares of the frame height)
    face_pitch_deg: float | None = None
    chin_gap: float | None = None
    eye_line: float | None = None
    face_share: float | None = None
    shoulder_line: float | None = None

    MIN_SAMPLES = 5

    @classmethod
    def from_bodies(
        cls,
        bodies: Sequence[Body | None],
        faces: Sequence[Face | None] | None = None,
        min_visibility: float = PostureSettings.min_visibility,
    ) -> PostureBaseline:
        """The baseline from frames of the person sitting (or standing) upright.

        Frames without a body or with the shoulders hidden are left out; the view kept is
        the most common one. Raises ValueError (translated) when fewer than MIN_SAMPLES
        frames are usable.
        """
        faces = list(faces) if faces is not None else [None] * len(bodies)
        raws = [
            _raw_measures(body, face, min_visibility)
            for body, face in zip(bodies, faces, strict=True)
            if body is not None
        ]
        raws = [raw for raw in raws if raw.view != "unknown"]
        if len(raws) < cls.MIN_SAMPLES:
            raise ValueError(t("posture.baseline.too_few", needed=cls.MIN_SAMPLES, got=len(raws)))
        views = [_baseline_view(raw.view) for raw in raws]
        view = max(set(views), key=views.count)
        raws = [raw for raw in raws if _baseline_view(raw.view) == view]

        def median(name: str) -> float | None:
            values = [getattr(raw, name) for raw in raws if getattr(raw, name) is not None]
            return float(np.median(values)) if values else None

        named = {item.name for item in fields(cls)} - {"view", "samples"}
        return cls(view=view, samples=len(raws), **{name: median(name) for name in named})

    @classmethod
    def from_observations(
        cls, observations: Iterable[Observation], min_visibility: float = PostureSettings.min_visibility
    ) -> PostureBaseline:
        observed = list(observations)
        return cls.from_bodies([o.body for o in observed], [o.face for o in observed], min_visibility)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> PostureBaseline:
        known = {item.name for item in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(t("posture.baseline.bad_field", detail=", ".join(unknown)))
        try:
            return cls(**data)
        except TypeError as problem:
            raise ValueError(t("posture.baseline.bad_field", detail=str(problem))) from problem


def measure_posture(
    body: Body | None,
    face: Face | None = None,
    settings: PostureSettings = PostureSettings(),  # noqa: B008 - frozen, shared safely
    baseline: PostureBaseline | None = None,
) -> PostureReading:
    """Posture measures, fault levels and faults for one frame.

    Every call returns a reading. One that cannot be judged has mode "unknown" and a `reason`
    (one of REASONS, or "no_person" when there is neither a body nor a face). A baseline
    recorded from another view is ignored; `reference` says whether the judgement was made
    against the person's baseline or the population prior.
    """
    return measure_posture_each(body, face, settings, (baseline,))[0]


def measure_posture_each(
    body: Body | None,
    face: Face | None,
    settings: PostureSettings,
    baselines: Sequence[PostureBaseline | None],
) -> list[PostureReading]:
    """`measure_posture` against each of `baselines`, the frame's measures taken once."""
    if body is None:
        reason = "face_only" if face is not None else "no_person"
        return [PostureReading(mode="unknown", reason=reason) for _ in baselines]
    raw = _raw_measures(body, face, settings.min_visibility)
    return [_judge(body, face, raw, settings, baseline) for baseline in baselines]


def _judge(body: Body, face: Face | None, raw: _Raw, settings: PostureSettings,
           baseline: PostureBaseline | None) -> PostureReading:
    if raw.view == "unknown":
        return PostureReading(mode="unknown", reason="shoulders_hidden")
    if baseline is not None and baseline.view != _baseline_view(raw.view):
        baseline = None
    mode = _mode(body, settings.min_visibility)
    if mode == "unknown":
        mode = "upper_body"
    hips_in_view = raw.trunk_per_shoulder is not None or raw.torso_deg is not None
    if face is not None and raw.face_pitch_deg is not None and raw.view != "side" and (
            not hips_in_view or mode == "upper_body"):
        return _upper_body_reading(body, face, raw, mode, settings, baseline)
    if raw.view == "front":
        return _front_reading(body, face, raw, mode, settings, baseline)
    return _side_reading(body, face, raw, mode, settings, baseline)


def baseline_measures(
    body: Body | None, face: Face | None = None, min_visibility: float = PostureSettings.min_visibility
) -> tuple[str, dict[str, float]] | None:
    """One frame's values of the PostureBaseline fields and the baseline view they belong to.

    None when the frame shows no usable body. `PostureBaseline.from_bodies` takes the medians of
    such values over calibration frames; `coach.rules.posture_habit` takes other quantiles.
    """
    if body is None:
        return None
    raw = _raw_measures(body, face, min_visibility)
    if raw.view == "unknown":
        return None
    named = [item.name for item in fields(PostureBaseline) if item.name not in ("view", "samples")]
    values = {name: float(getattr(raw, name)) for name in named if getattr(raw, name) is not None}
    return _baseline_view(raw.view), values


def observe_posture(
    observation: Observation,
    settings: PostureSettings = PostureSettings(),  # noqa: B008 - frozen, shared safely
    baseline: PostureBaseline | None = None,
) -> PostureReading | None:
    """The posture reading of one observation, or None when nobody is in a well-lit frame.

    Nobody found in a dark frame (mean luma under DARK_FRAME_LUMA) is not "nobody there": the
    reading then says `too_dark`, so the panel and timeline tell the clerk why nothing is judged.
    """
    if observation.body is None and observation.face is None:
        dark = observation.brightness is not None and observation.brightness < DARK_FRAME_LUMA
        return PostureReading(mode="unknown", reason="too_dark") if dark else None
    return measure_posture(observation.body, observation.face, settings, baseline)


def _baseline_view(view: str) -> str:
    """Baselines are kept per camera side: an oblique view is judged like a side view."""
    return "side" if view == "oblique" else view


# --- raw measures -------------------------------------------------------------------------


def _seen(body: Body, *points: int, threshold: float) -> bool:
    return body.visible(*points, threshold=threshold)


@remember_last_call  # the posture reading and the posture habit's sample both ask, in one step
def _raw_measures(body: Body, face: Face | None, min_vis: float) -> _Raw:
    measured = face_measures(face, body) if face is not None else None
    face_fields = _face_fields(measured)
    face_size = face.size if face is not None else None
    if not _seen(body, P.LEFT_SHOULDER, P.RIGHT_SHOULDER, threshold=min_vis):
        if measured is None:
            return _Raw(view="unknown")
        # Shoulders cut by the frame or hidden: the face alone still shows head and trunk posture.
        oblique = abs(measured.yaw_deg) >= OBLIQUE_YAW_DEG
        return _Raw(view="oblique" if oblique else "front", head_roll_deg=measured.roll_deg,
                    face_size=face_size, **face_fields)
    left_sh, right_sh = body.xy(P.LEFT_SHOULDER), body.xy(P.RIGHT_SHOULDER)
    shoulder_mid = g.midpoint(left_sh, right_sh)
    width = g.distance(left_sh, right_sh)
    ear_mid = g.midpoint(body.xy(P.LEFT_EAR), body.xy(P.RIGHT_EAR))
    nose = body.xy(P.NOSE)
    hips_seen = _seen(body, P.LEFT_HIP, P.RIGHT_HIP, threshold=min_vis)
    hip_mid = g.midpoint(body.xy(P.LEFT_HIP), body.xy(P.RIGHT_HIP))
    trunk = g.distance(shoulder_mid, hip_mid) if hips_seen else 0.0
    hip_width = g.distance(body.xy(P.LEFT_HIP), body.xy(P.RIGHT_HIP)) if hips_seen else 0.0
    neck_rise = float(shoulder_mid[1] - nose[1])

    if hips_seen and trunk > 0:
        side = width < SIDE_VIEW_MAX_WIDTH_PER_TRUNK * trunk
        oblique = not side and width < OBLIQUE_MAX_WIDTH_PER_TRUNK * trunk
    else:
        side = neck_rise > 0 and width < SIDE_VIEW_MAX_WIDTH_PER_NECK * neck_rise
        oblique = False
    if measured is not None and not side and abs(measured.yaw_deg) >= OBLIQUE_YAW_DEG:
        oblique = True

    if side or (oblique and hips_seen):
        forward = 1.0 if nose[0] >= ear_mid[0] else -1.0
        torso = forward * g.angle_from_vertical(hip_mid, shoulder_mid) if hips_seen else None
        plumb = forward * g.angle_from_vertical(hip_mid, ear_mid) if hips_seen else None
        neck = forward * g.angle_from_vertical(shoulder_mid, ear_mid)
        pitch = g.below_horizontal(ear_mid, nose) if g.distance(ear_mid, nose) > 0 else None
        return _Raw(
            view="side" if side else "oblique", shoulder_width=width, torso_deg=torso, plumb_deg=plumb,
            neck_deg=neck, head_pitch_deg=pitch, face_size=face_size, **face_fields,
        )

    if width <= 0:
        return _Raw(view="unknown")
    head_height = g.height_above_line(ear_mid, right_sh, left_sh) / width
    ear_span = g.distance(body.xy(P.LEFT_EAR), body.xy(P.RIGHT_EAR))
    pitch = None
    if ear_span > 0:
        nose_drop = -g.height_above_line(nose, body.xy(P.RIGHT_EAR), body.xy(P.LEFT_EAR))
        sine = float(np.clip(nose_drop / (NOSE_REACH_PER_EAR_SPAN * ear_span), -1.0, 1.0))
        pitch = math.degrees(math.asin(sine))
    return _Raw(
        view="oblique" if oblique else "front",
        shoulder_width=width,
        shoulder_y=float(shoulder_mid[1]),
        ear_y=float(ear_mid[1]),
        head_height=head_height,
        head_pitch_deg=pitch,
        trunk_per_shoulder=trunk / width if hips_seen else None,
        trunk_per_hip=trunk / hip_width if hip_width > 0 else None,
        shoulder_per_hip=width / hip_width if hip_width > 0 else None,
        lean_sideways_deg=g.angle_from_vertical(hip_mid, shoulder_mid) if hips_seen else None,
        shoulder_tilt_deg=g.line_tilt(left_sh, right_sh),
        head_roll_deg=_head_roll(body, face),
        face_size=face_size,
        **face_fields,
    )


def _face_fields(measured: FaceMeasures | None) -> dict[str, float | None]:
    if measured is None:
        return {}
    return {
        "face_pitch_deg": measured.pitch_deg,
        "face_yaw_deg": measured.yaw_deg,
        "chin_gap": measured.chin_gap,
        "eye_line": measured.eye_line,
        "face_share": measured.face_share,
        "shoulder_line": measured.shoulder_line,
        "face_height_share": measured.face_height_share,
        "shoulders_cut_below": measured.shoulders_cut_below,
        "shoulders_past_sides": measured.shoulders_past_sides,
    }


def _head_roll(body: Body, face: Face | None) -> float | None:
    """Roll of the eye line: from the face mesh when there is one, else pose eyes or ears."""
    pairs = []
    if face is not None:
        pairs.append((face.xy(FaceLandmark.LEFT_EYE_OUTER), face.xy(FaceLandmark.RIGHT_EYE_OUTER)))
    pairs.append((body.xy(P.LEFT_EYE), body.xy(P.RIGHT_EYE)))
    pairs.append((body.xy(P.LEFT_EAR), body.xy(P.RIGHT_EAR)))
    for a, b in pairs:
        if g.distance(a, b) > 1e-6:
            return g.line_tilt(a, b)
    return None


@remember_last_call  # the prior's and the habit's judgements ask for the same body
def _mode(body: Body, min_vis: float) -> PostureMode:
    """Sitting or standing from the legs; "unknown" when hips and a knee are not visible.

    Standing: the thigh hangs nearly vertical and is long (>= 0.6 trunk lengths of drop).
    Sitting: the thigh is at least 40° from vertical (side view) or foreshortened toward the camera
    (front view: drop <= 0.45 trunk lengths).
    """
    if not _seen(body, P.LEFT_SHOULDER, P.RIGHT_SHOULDER, P.LEFT_HIP, P.RIGHT_HIP, threshold=min_vis):
        return "unknown"
    hip_mid = g.midpoint(body.xy(P.LEFT_HIP), body.xy(P.RIGHT_HIP))
    trunk = g.distance(g.midpoint(body.xy(P.LEFT_SHOULDER), body.xy(P.RIGHT_SHOULDER)), hip_mid)
    legs = [
        (hip, knee, ankle)
        for hip, knee, ankle in (
            (P.LEFT_HIP, P.LEFT_KNEE, P.LEFT_ANKLE),
            (P.RIGHT_HIP, P.RIGHT_KNEE, P.RIGHT_ANKLE),
        )
        if _seen(body, knee, threshold=min_vis)
    ]
    if not legs or trunk <= 0:
        return "unknown"
    hip, knee, ankle = max(legs, key=lambda leg: body.visibility[leg[1]])
    drop = float(body.xy(knee)[1] - body.xy(hip)[1]) / trunk
    thigh_from_vertical = abs(g.angle_from_vertical(body.xy(knee), body.xy(hip)))
    if drop >= 0.6 and thigh_from_vertical <= 30.0:
        if _seen(body, ankle, threshold=min_vis):
            shin_drop = float(body.xy(ankle)[1] - body.xy(knee)[1]) / trunk
            if shin_drop < 0.5:
                return "unknown"
        return "standing"
    if thigh_from_vertical >= 40.0 or drop <= 0.45:
        return "sitting"
    return "unknown"


# --- readings per view --------------------------------------------------------------------


def _neck_flex(raw: _Raw, s: PostureSettings, base: PostureBaseline | None,
               levels: dict[str, float]) -> float | None:
    """Head pitch below level (the person's own level with a baseline); sets the head_down level."""
    if raw.head_pitch_deg is None:
        return None
    level_pitch = base.head_pitch_deg if base and base.head_pitch_deg is not None else s.level_head_pitch_deg
    neck_flex = raw.head_pitch_deg - level_pitch
    levels["head_down"] = max(neck_flex, 0.0) / s.head_down_max_deg
    return neck_flex


def _front_reading(
    body: Body,
    face: Face | None,
    raw: _Raw,
    mode: PostureMode,
    s: PostureSettings,
    base: PostureBaseline | None,
) -> PostureReading:
    levels: dict[str, float] = {}
    neck_flex = _neck_flex(raw, s, base, levels)

    torso_incline = _front_torso_incline(raw, base)
    if torso_incline is not None:
        levels["hunched"] = max(torso_incline, 0.0) / s.torso_forward_max_deg
        levels["reclined"] = max(-torso_incline, 0.0) / s.torso_back_max_deg

    forward_head, raised = _front_gap(raw, s, base, neck_flex, torso_incline)
    levels["hunched"] = max(levels.get("hunched", 0.0), forward_head / _forward_head_max(mode, s))
    levels["shoulders_raised"] = raised / s.shoulders_raised_max

    roll = raw.head_roll_deg
    if roll is not None:
        levels["head_tilted"] = abs(roll - _base(base, "head_roll_deg")) / s.head_tilt_max_deg
    tilt = raw.shoulder_tilt_deg - _base(base, "shoulder_tilt_deg")
    levels["shoulders_sloped"] = abs(tilt) / s.shoulder_tilt_max_deg
    if raw.lean_sideways_deg is not None:
        lean = raw.lean_sideways_deg - _base(base, "lean_sideways_deg")
        levels["leaning_sideways"] = abs(lean) / s.side_lean_max_deg

    arms = _arms_crossed(body, raw, s.min_visibility)
    chin = _chin_on_hand(body, face, s)
    legs = _legs_crossed(body, s.min_visibility)
    levels["arms_crossed"] = float(arms)
    levels["chin_on_hand"] = float(chin)
    levels["legs_crossed"] = float(legs)

    feet = _feet_width(body, raw, s.min_visibility)
    hands_visible = _hands_visible(body, raw, s.min_visibility)
    if mode == "standing":
        if feet is not None:
            too_narrow, too_wide = s.feet_width_min / max(feet, 1e-6), feet / s.feet_width_max
            levels["feet_not_shoulder_width"] = max(too_narrow, too_wide)
        if hands_visible is not None:
            levels["hands_hidden"] = 0.0 if hands_visible else 1.0

    return PostureReading(
        mode=mode,
        view=raw.view,
        reference="baseline" if base is not None else "population",
        torso_incline_deg=torso_incline,
        neck_flex_deg=neck_flex,
        head_roll_deg=roll,
        shoulder_tilt_deg=raw.shoulder_tilt_deg,
        forward_head=forward_head,
        shoulders_raised=raised,
        arms_crossed=arms,
        chin_on_hand=chin,
        legs_crossed=legs,
        feet_width_ratio=feet,
        hands_visible=hands_visible,
        lean_sideways_deg=raw.lean_sideways_deg,
        **_levels_and_issues(levels),
    )


def _upper_body_reading(
    body: Body,
    face: Face,
    raw: _Raw,
    mode: PostureMode,
    s: PostureSettings,
    base: PostureBaseline | None,
) -> PostureReading:
    """A desk or counter webcam's view: head and shoulders, hips out of sight.

    Judged from the face mesh (posture_face): head pitch (head_down), eye-line roll
    (head_tilted), the chin sinking toward the shoulder line, the face growing and the head
    dropping in the frame (all three: hunched), the shoulder line's tilt where both shoulders
    are in view. Against the person's calibrated upright baseline when there is one, else
    against the population prior (wider tolerance for the head's place in the frame; a shrug
    cannot be told from a slump, so shoulders_raised needs a baseline).
    """
    levels: dict[str, float] = {}
    calibrated = base is not None and base.eye_line is not None
    level_pitch = _base_or(base, "face_pitch_deg", UPRIGHT_FACE_PITCH_DEG)
    neck_flex = level_pitch - raw.face_pitch_deg
    levels["head_down"] = max(neck_flex, 0.0) / s.head_down_max_deg

    forward_head, raised = _chin_gap_forward_head(raw, base)
    hunched = []
    if forward_head is not None and (calibrated or _forward_head_corroborated(raw)):
        hunched.append(forward_head / _forward_head_max(mode, s))
    if raised is not None:
        levels["shoulders_raised"] = raised / s.shoulders_raised_max
    if calibrated and base.face_share and raw.face_share is not None:
        hunched.append(max(raw.face_share / base.face_share - 1.0, 0.0) / s.face_closer_max)
    if raw.eye_line is not None and raw.face_height_share:
        reference = _base_or(base, "eye_line", UPRIGHT_EYE_LINE)
        drop = (raw.eye_line - reference) / raw.face_height_share
        # Without a calibration the drop is measured from where the prior puts an upright head,
        # so the framing of this camera is part of it: only a drop past the spread of upright
        # people's eye lines (two standard deviations, EYE_LINE_PRIOR_SPREAD: 1 upright person
        # in 40 passes it by framing alone) counts, and never less than the slump itself.
        tolerance = s.head_drop_max if calibrated else max(s.head_drop_max, EYE_LINE_PRIOR_SPREAD)
        hunched.append(max(drop, 0.0) / tolerance)
    if hunched:
        levels["hunched"] = max(hunched)

    roll = raw.head_roll_deg
    if roll is not None:
        levels["head_tilted"] = abs(roll - _base(base, "head_roll_deg")) / s.head_tilt_max_deg
    tilt = None
    if raw.shoulder_tilt_deg is not None and _real_shoulders(body, face, s.min_visibility):
        tilt = raw.shoulder_tilt_deg
        levels["shoulders_sloped"] = abs(tilt - _base(base, "shoulder_tilt_deg")) / s.shoulder_tilt_max_deg
    if raw.lean_sideways_deg is not None:
        lean = raw.lean_sideways_deg - _base(base, "lean_sideways_deg")
        levels["leaning_sideways"] = abs(lean) / s.side_lean_max_deg
    arms = raw.shoulder_width is not None and _arms_crossed(body, raw, s.min_visibility)
    chin = _chin_on_hand(body, face, s)
    levels["arms_crossed"] = float(arms)
    levels["chin_on_hand"] = float(chin)
    return PostureReading(
        mode=mode,
        view=raw.view,
        neck_flex_deg=neck_flex,
        head_roll_deg=roll,
        shoulder_tilt_deg=tilt,
        forward_head=forward_head,
        shoulders_raised=raised,
        arms_crossed=arms,
        chin_on_hand=chin,
        reference="baseline" if calibrated else "population",
        **_levels_and_issues(levels),
    )


def _forward_head_corroborated(raw: _Raw) -> bool:
    """Without a baseline, a sunken chin counts only when the face agrees and the camera is
    where the prior assumes it (not so near that the shoulders overflow the frame's sides:
    posture_face.shoulders_past_sides).

    Pose's shoulder points are the least certain landmarks of a head-and-shoulders view (cut by
    the frame, or put on a collar), and the prior is one number for everyone, so a second,
    independent sign is required: a head that really goes forward or down also comes nearer
    (face at least the typical upright size in the frame) or sinks below the typical eye line.
    (Head pitch is not used: against its prior level a few degrees of mesh noise would decide.)
    """
    if raw.shoulders_past_sides:
        return False
    nearer = raw.face_share is not None and raw.face_share >= UPRIGHT_FACE_SHARE
    lower = raw.eye_line is not None and raw.eye_line > UPRIGHT_EYE_LINE
    return nearer or lower


def _chin_gap_forward_head(raw: _Raw, base: PostureBaseline | None) -> tuple[float | None, float | None]:
    """(forward_head, shoulders_raised) from the chin's height above the shoulder line.

    forward_head is the sine of the neck lean that would shorten the upright gap this much
    (cos = gap / upright gap), on the side view's scale. With a baseline, the part of the loss
    the shoulders made by rising in the frame is a shrug (shoulders_raised, as a share of the
    upright gap); without one it all counts as the head's. Shoulders cut by the frame's lower
    edge make the gap a lower bound only (posture_face.BOTTOM_EDGE_MARGIN): no reading then.
    """
    if raw.chin_gap is None or raw.shoulders_cut_below:
        return None, None
    reference = _base_or(base, "chin_gap", UPRIGHT_CHIN_GAP)
    if reference <= 0:
        return None, None
    gap = max(raw.chin_gap, 0.0)
    shoulder_part = None
    if (base is not None and base.shoulder_line is not None and raw.shoulder_line is not None
            and raw.face_height_share):
        rise = (base.shoulder_line - raw.shoulder_line) / raw.face_height_share
        shoulder_part = float(np.clip(rise, 0.0, max(reference - gap, 0.0)))
        gap += shoulder_part
    forward_head = math.sqrt(1.0 - min(gap / reference, 1.0) ** 2)
    return forward_head, None if shoulder_part is None else shoulder_part / reference


@remember_last_call  # the prior's and the habit's judgements ask for the same body
def _real_shoulders(body: Body, face: Face, min_vis: float) -> bool:
    """Both shoulders seen well, inside the frame and as far apart as shoulders are
    (posture_face.MIN_SHOULDERS_PER_FACE_WIDTH): only then is their line's tilt a measure."""
    if not _seen(body, P.LEFT_SHOULDER, P.RIGHT_SHOULDER, threshold=min_vis):
        return False
    face_width = g.distance(face.xy(FaceLandmark.LEFT_FACE_EDGE), face.xy(FaceLandmark.RIGHT_FACE_EDGE))
    shoulders = g.distance(body.xy(P.LEFT_SHOULDER), body.xy(P.RIGHT_SHOULDER))
    if shoulders < MIN_SHOULDERS_PER_FACE_WIDTH * face_width:
        return False
    if body.frame_size is None:
        return True
    width, height = body.frame_size
    return all(0 <= body.xy(p)[0] < width and 0 <= body.xy(p)[1] < height
               for p in (P.LEFT_SHOULDER, P.RIGHT_SHOULDER))


def _base_or(base: PostureBaseline | None, name: str, prior: float) -> float:
    value = getattr(base, name) if base is not None else None
    return prior if value is None else float(value)


def _side_reading(
    body: Body,
    face: Face | None,
    raw: _Raw,
    mode: PostureMode,
    s: PostureSettings,
    base: PostureBaseline | None,
) -> PostureReading:
    levels: dict[str, float] = {}
    neck_flex = _neck_flex(raw, s, base, levels)
    torso = raw.torso_deg
    if torso is not None:
        relative = torso - (base.torso_deg if base and base.torso_deg is not None else 0.0)
        levels["hunched"] = max(relative, 0.0) / s.torso_forward_max_deg
        levels["reclined"] = max(-relative, 0.0) / s.torso_back_max_deg
    forward_head = math.sin(math.radians(raw.neck_deg)) if raw.neck_deg is not None else None
    if forward_head is not None:
        ahead = max(forward_head, 0.0) / _forward_head_max(mode, s)
        levels["hunched"] = max(levels.get("hunched", 0.0), ahead)
    if raw.plumb_deg is not None:
        plumb_max = s.standing_plumb_max_deg if mode == "standing" else s.sitting_plumb_max_deg
        relative = raw.plumb_deg - _base(base, "plumb_deg")
        levels["hunched"] = max(levels.get("hunched", 0.0), max(relative, 0.0) / plumb_max)
    chin = _chin_on_hand(body, face, s)
    levels["chin_on_hand"] = float(chin)
    return PostureReading(
        mode=mode,
        view=raw.view,
        reference="baseline" if base is not None else "population",
        torso_incline_deg=torso,
        neck_flex_deg=neck_flex,
        forward_head=forward_head,
        chin_on_hand=chin,
        **_levels_and_issues(levels),
    )


def _forward_head_max(mode: PostureMode, s: PostureSettings) -> float:
    return s.standing_forward_head_max if mode == "standing" else s.forward_head_max


def _base(base: PostureBaseline | None, name: str) -> float:
    value = getattr(base, name) if base is not None else None
    return 0.0 if value is None else float(value)


def _front_torso_incline(raw: _Raw, base: PostureBaseline | None) -> float | None:
    """Forward (+) or backward (-) trunk lean seen from the front, only against a baseline.

    The trunk looks shorter the more it leans toward or away from the camera:
    cos(lean) = (trunk / hip width) now / at calibration. The hips stay where they are when
    a seated person leans, so their width is the scale; the shoulders, not the hips, come
    closer, so they look wider (relative to the hips) when leaning in and narrower when
    leaning back, which gives the sign.
    """
    if base is None or not base.trunk_per_hip or not base.shoulder_per_hip:
        return None
    if raw.trunk_per_hip is None or raw.shoulder_per_hip is None:
        return None
    shortening = float(np.clip(raw.trunk_per_hip / base.trunk_per_hip, 0.0, 1.0))
    lean = math.degrees(math.acos(shortening))
    return lean if raw.shoulder_per_hip >= base.shoulder_per_hip else -lean


def _front_gap(
    raw: _Raw,
    s: PostureSettings,
    base: PostureBaseline | None,
    neck_flex: float | None,
    torso_incline: float | None,
) -> tuple[float, float]:
    """(forward_head, shoulders_raised) from the ears' height above the shoulder line.

    The ears come closer to the shoulder line when the head drops forward (a slump) or when
    the shoulders rise (a shrug). forward_head is the sine of the neck's forward lean that
    would shorten the gap this much (cos = gap / upright gap), on the same scale as the side
    view's; shoulders_raised is the share of the upright gap the shoulders took up.

    Which of the two it is: with a baseline, whichever moved in the picture — the shoulders
    up, or the ears down — each getting its own part. Without one, all of it goes to the
    head when the head is also pitched down or the trunk leans forward (half their fault
    thresholds), else to the shoulders (a shrug keeps the face level).
    """
    reference = base.head_height if base and base.head_height else s.upright_head_height
    gap = max(raw.head_height, 0.0)
    if base is not None and base.head_height and base.shoulder_width and base.shoulder_y is not None:
        rise = (base.shoulder_y - raw.shoulder_y) / base.shoulder_width
        shoulder_part = float(np.clip(rise, 0.0, max(reference - gap, 0.0)))
        head_gap = gap + shoulder_part
        return math.sqrt(1.0 - min(head_gap / reference, 1.0) ** 2), shoulder_part / reference
    ratio = min(gap / reference, 1.0)
    head_caused = (neck_flex is not None and neck_flex >= s.head_down_max_deg / 2) or (
        torso_incline is not None and torso_incline >= s.torso_forward_max_deg / 2
    )
    if head_caused:
        return math.sqrt(1.0 - ratio**2), 0.0
    return 0.0, 1.0 - ratio


@remember_last_call  # the prior's and the habit's judgements ask for the same body
def _arms_crossed(body: Body, raw: _Raw, min_vis: float) -> bool:
    """Each wrist past the body's midline on the other side, at chest height.

    Positions are taken in the shoulders' own frame (x toward the person's left shoulder, y
    down the trunk, in shoulder widths), so a rolled camera or a leaning body changes nothing.
    """
    if not _seen(body, P.LEFT_WRIST, P.RIGHT_WRIST, threshold=HAND_VISIBILITY):
        return False
    if not _seen(body, P.LEFT_ELBOW, P.RIGHT_ELBOW, threshold=min_vis):
        return False
    left_sh, right_sh = body.xy(P.LEFT_SHOULDER), body.xy(P.RIGHT_SHOULDER)
    mid, across = g.midpoint(left_sh, right_sh), left_sh - right_sh
    width = raw.shoulder_width
    left_x, left_y = g.body_frame(body.xy(P.LEFT_WRIST), mid, across, width)
    right_x, right_y = g.body_frame(body.xy(P.RIGHT_WRIST), mid, across, width)
    chest_bottom = 0.75 * raw.trunk_per_shoulder if raw.trunk_per_shoulder else 1.0
    at_chest = all(0.0 <= y <= chest_bottom for y in (left_y, right_y))
    return bool(at_chest and left_x < -0.05 and right_x > 0.05)


HAND_POINTS = (
    P.LEFT_WRIST, P.LEFT_INDEX, P.LEFT_PINKY, P.LEFT_THUMB,
    P.RIGHT_WRIST, P.RIGHT_INDEX, P.RIGHT_PINKY, P.RIGHT_THUMB,
)


@remember_last_call  # the prior's and the habit's judgements ask for the same body
def _chin_on_hand(body: Body, face: Face | None, s: PostureSettings) -> bool:
    """A wrist, finger or thumb point at the chin, jaw or cheek (within chin_reach face widths)."""
    seen = [int(point) for point in HAND_POINTS if body.visibility[point] >= HAND_VISIBILITY]
    if not seen:
        return False
    targets, face_width = _lower_face(body, face)
    if face_width <= 0:
        return False
    hands = body.points[seen, :2].astype(float)
    gaps = np.linalg.norm(hands[:, None, :] - np.asarray(targets, dtype=float)[None, :, :], axis=2)
    return bool(gaps.min() <= s.chin_reach * face_width)


def _lower_face(body: Body, face: Face | None) -> tuple[list[np.ndarray], float]:
    """Chin and cheek points, and the face width that scales "near"."""
    if face is not None:
        width = g.distance(face.xy(FaceLandmark.LEFT_FACE_EDGE), face.xy(FaceLandmark.RIGHT_FACE_EDGE))
        targets = [
            face.xy(FaceLandmark.CHIN),
            face.xy(FaceLandmark.LEFT_CHEEK),
            face.xy(FaceLandmark.RIGHT_CHEEK),
            g.midpoint(face.xy(FaceLandmark.CHIN), face.xy(FaceLandmark.LEFT_FACE_EDGE)),
            g.midpoint(face.xy(FaceLandmark.CHIN), face.xy(FaceLandmark.RIGHT_FACE_EDGE)),
        ]
        return targets, width
    mouth = g.midpoint(body.xy(P.MOUTH_LEFT), body.xy(P.MOUTH_RIGHT))
    eyes = g.midpoint(body.xy(P.LEFT_EYE), body.xy(P.RIGHT_EYE))
    chin = mouth + 0.8 * (mouth - eyes)
    width = max(
        g.distance(body.xy(P.LEFT_EAR), body.xy(P.RIGHT_EAR)),
        1.2 * g.distance(body.xy(P.NOSE), g.midpoint(body.xy(P.LEFT_EAR), body.xy(P.RIGHT_EAR))),
    )
    targets = [
        chin,
        g.midpoint(body.xy(P.MOUTH_LEFT), body.xy(P.LEFT_EAR)),
        g.midpoint(body.xy(P.MOUTH_RIGHT), body.xy(P.RIGHT_EAR)),
    ]
    return targets, width


@remember_last_call  # the prior's and the habit's judgements ask for the same body
def _legs_crossed(body: Body, min_vis: float) -> bool:
    """Left and right knees (or ankles) swapped sides, in the hips' own frame."""
    if not _seen(body, P.LEFT_HIP, P.RIGHT_HIP, threshold=min_vis):
        return False
    left_hip, right_hip = body.xy(P.LEFT_HIP), body.xy(P.RIGHT_HIP)
    hip_width = g.distance(left_hip, right_hip)
    if hip_width <= 0:
        return False
    mid, across = g.midpoint(left_hip, right_hip), left_hip - right_hip
    for left, right in ((P.LEFT_KNEE, P.RIGHT_KNEE), (P.LEFT_ANKLE, P.RIGHT_ANKLE)):
        if _seen(body, left, right, threshold=min_vis):
            left_x = g.body_frame(body.xy(left), mid, across, hip_width)[0]
            right_x = g.body_frame(body.xy(right), mid, across, hip_width)[0]
            if left_x - right_x < -0.1:
                return True
    return False


def _feet_width(body: Body, raw: _Raw, min_vis: float) -> float | None:
    """Ankle spread along the shoulder line, in shoulder widths (front view, both ankles seen)."""
    if not _seen(body, P.LEFT_ANKLE, P.RIGHT_ANKLE, threshold=min_vis):
        return None
    across = body.xy(P.LEFT_SHOULDER) - body.xy(P.RIGHT_SHOULDER)
    spread = body.xy(P.LEFT_ANKLE) - body.xy(P.RIGHT_ANKLE)
    return abs(float(np.dot(spread, across))) / float(np.dot(across, across))


def _hands_visible(body: Body, raw: _Raw, min_vis: float) -> bool | None:
    """False when a hand is out of sight (behind the back) or in a pocket.

    A pocket: the wrist sits at the same-side hip and none of its finger points is seen.
    None when the hips are not visible (hands below the frame edge prove nothing).
    """
    if raw.trunk_per_shoulder is None:
        return None
    width = raw.shoulder_width
    for wrist, fingers, hip in (
        (P.LEFT_WRIST, (P.LEFT_INDEX, P.LEFT_PINKY, P.LEFT_THUMB), P.LEFT_HIP),
        (P.RIGHT_WRIST, (P.RIGHT_INDEX, P.RIGHT_PINKY, P.RIGHT_THUMB), P.RIGHT_HIP),
    ):
        if body.visibility[wrist] < min_vis:
            return False
        fingers_hidden = all(body.visibility[f] < min_vis for f in fingers)
        at_hip = g.distance(body.xy(wrist), body.xy(hip)) <= 0.35 * width
        if fingers_hidden and at_hip:
            return False
    return True


def _levels_and_issues(levels: dict[str, float]) -> dict:
    rounded = {key: round(float(value), 4) for key, value in levels.items()}
    return {"levels": rounded, "issues": tuple(key for key in FAULTS if rounded.get(key, 0.0) >= 1.0)}
