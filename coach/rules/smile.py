"""How much, and how, a face smiles — from FaceMesh landmarks, in the face's own frame.

The courseware's smile (NORMS.md): mouth corners turn up 15–30°, the upper teeth show a little,
and in a sincere smile the eyes narrow and the cheeks lift the lower lids together with the
mouth. A "professional" smile moves only the mouth. This module measures those cues and turns
them into a 0–100 score and a kind: none, mouth_only or genuine.

Measures (all in the face frame of `coach.rules.face_frame`: roll undone, inter-ocular units):
* mouth-corner angle: for each corner, the elevation of the corner seen from the lip centre —
  `atan2(corner height above the lip centre, horizontal distance from it)` in degrees — where
  the lip centre is the midpoint of the two inner-lip centre points (where the lips meet when
  closed, the middle of the opening when open). 0° = corners level with the lip centre,
  positive = corners higher (a smile), negative = lower (a frown). The reading holds the mean of
  both corners; a relaxed neutral mouth reads about 0°.
* mouth width: corner-to-corner distance / inter-ocular distance (about 0.8 at rest).
* eye aperture: mean lid gap (three upper/lower lid pairs) / eye width (corner to corner).
* lower lid: how far the lower lid sits below the line through the eye corners, in eye widths.
  AU6, the cheek raiser, pushes the lower lid up; this is the landmark trace of it that held up
  on real photos. (FaceMesh's cheek points follow the mouth: they rise about as much in
  mouth-only smiles as in sincere ones, so they are not used to tell the two apart.)
* lip gap: inner-lip gap / inter-ocular distance (teeth can show).

Judgement, relative to a neutral — the person's own `SmileBaseline` when calibrated, otherwise
`POPULATION_NEUTRAL` (medians of ~100 neutral faces of mixed people, rounded):
* mouth lift = mean of the corner lift (degrees above neutral / the norm's lower bound, so
  reaching 15° above neutral counts as a full lift) and the widening (width over neutral width,
  +25% counts as full). This is AU12, the lip-corner puller, and the core of the score.
* the score adds a little for teeth showing and for eye involvement, both only in proportion to
  the mouth lift (bared teeth in fear or squeezed eyes in disgust do not make a smile), and
  discounts a mouth opened taller than about half its width (a jaw drop: surprise, a shout).
* eye involvement (0..1) = mean of the eye narrowing (aperture 25% below neutral = full) and the
  lower-lid raise (0.035 eye widths above neutral = full).
* kind: none below `smile_threshold`; genuine when eye involvement reaches `genuine_threshold`
  at the same time; mouth_only otherwise.

Without a baseline the eye cues compare against an average face, and a person whose eyes are
naturally narrow reads as more involved than they are: calibrating a neutral baseline is what
makes "genuine" trustworthy for one person.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields

import numpy as np

from coach.readings import SmileKind, SmileReading
from coach.rules.face_frame import FaceFrame, face_frame
from coach.types import Face, FaceLandmark

# --- landmark groups (FaceMesh indices) -------------------------------------------------------
MOUTH_CORNER_RIGHT = FaceLandmark.MOUTH_CORNER_RIGHT
MOUTH_CORNER_LEFT = FaceLandmark.MOUTH_CORNER_LEFT
UPPER_LIP_INNER = FaceLandmark.UPPER_LIP_INNER
LOWER_LIP_INNER = FaceLandmark.LOWER_LIP_INNER
# Upper and lower lid points of each eye, paired top-to-bottom (outer, middle, inner third).
RIGHT_EYE_UPPER_LID = (160, FaceLandmark.RIGHT_EYE_UPPER_LID, 158)
RIGHT_EYE_LOWER_LID = (144, FaceLandmark.RIGHT_EYE_LOWER_LID, 153)
LEFT_EYE_UPPER_LID = (387, FaceLandmark.LEFT_EYE_UPPER_LID, 385)
LEFT_EYE_LOWER_LID = (373, FaceLandmark.LEFT_EYE_LOWER_LID, 380)

# --- what counts as a "full" movement (scales, not thresholds) --------------------------------
FULL_WIDENING = 0.25  # mouth 25% wider than neutral
FULL_EYE_NARROWING = 0.25  # eye aperture 25% below neutral
FULL_LID_RAISE = 0.035  # lower lid 0.035 eye widths higher than neutral
FULL_TEETH_GAP = 0.15  # inner-lip gap (inter-ocular units) of a broad toothy smile
# A mouth opened taller than JAW_DROP_START x its width is read as a jaw drop, fully at JAW_DROP_FULL.
JAW_DROP_START = 0.45
JAW_DROP_FULL = 0.75
# Teeth and eyes each add up to this much mouth lift, scaled by the mouth lift itself.
TEETH_WEIGHT = 0.25
EYE_WEIGHT = 0.25
# Score = 100 * logistic(STEEPNESS * (lift - 0.5)): half a full lift scores 50.
SCORE_STEEPNESS = 6.0
# Symmetry compares corner rises (inter-ocular units); smaller total movements count as this.
SYMMETRY_FLOOR = 0.05


def _unit(value: float) -> float:
    return float(min(1.0, max(0.0, value)))


def _require_finite(frame: FaceFrame) -> None:
    if not np.isfinite(frame.points[:, :2]).all():
        raise ValueError("face landmarks contain NaN or infinite values")


class SettingRangeError(ValueError):
    """A setting outside its allowed range. The fields let the caller translate the message
    (coach.settings does); the rules themselves stay free of the translation table."""

    def __init__(self, field: str, value: object, low: float, high: float) -> None:
        super().__init__(f"{field} must be a number from {low:g} to {high:g}, got {value!r}")
        self.field, self.value, self.low, self.high = field, value, low, high


def require_range(name: str, value: float, low: float, high: float) -> None:
    """Raise SettingRangeError unless `value` is a finite number in [low, high] (not a bool)."""
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value) \
            or not low <= value <= high:
        raise SettingRangeError(name, value, low, high)


def _known_floats(cls: type, data: Mapping[str, object]) -> dict[str, float]:
    """The entries of `data` that are fields of `cls`, as floats; unknown keys are an error."""
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ValueError(f"unknown {cls.__name__} field(s): {', '.join(unknown)}")
    out: dict[str, float] = {}
    for name, value in data.items():
        try:
            out[name] = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError) as bad:
            raise ValueError(f"{cls.__name__}.{name} must be a number, got {value!r}") from bad
    return out


@dataclass(frozen=True)
class SmileSettings:
    """What the smile rules judge against. Frozen; ValueError names the allowed range.

    smile_threshold: score (0..100) from which a smile is reported (kind other than "none").
    genuine_threshold: eye involvement (0..1) from which a smile counts as genuine.
    teeth_gap: inner-lip gap (inter-ocular units, 0..0.5) from which teeth count as visible.
    corner_norm_min_deg / corner_norm_max_deg: the courseware's mouth-corner norm, 15–30°;
        below the minimum is too faint, above the maximum exaggerated (`corner_verdict`). The
        minimum is also the corner lift that counts as a full lift in the score.
    """

    smile_threshold: float = 50.0
    genuine_threshold: float = 0.5
    teeth_gap: float = 0.06
    corner_norm_min_deg: float = 15.0
    corner_norm_max_deg: float = 30.0

    def __post_init__(self) -> None:
        require_range("smile_threshold", self.smile_threshold, 1.0, 99.0)
        require_range("genuine_threshold", self.genuine_threshold, 0.05, 1.0)
        require_range("teeth_gap", self.teeth_gap, 0.0, 0.5)
        require_range("corner_norm_min_deg", self.corner_norm_min_deg, 1.0, 60.0)
        require_range("corner_norm_max_deg", self.corner_norm_max_deg, 1.0, 90.0)
        if self.corner_norm_max_deg <= self.corner_norm_min_deg:  # the norm must be a range
            raise SettingRangeError("corner_norm_max_deg", self.corner_norm_max_deg,
                                    self.corner_norm_min_deg, 90.0)

    def to_dict(self) -> dict[str, float]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SmileSettings:
        return cls(**_known_floats(cls, data))


@dataclass(frozen=True)
class SmileGeometry:
    """The raw measures of one face, in its own frame. No judgement here."""

    corner_deg_right: float
    corner_deg_left: float
    corner_rise_right: float  # corner height above the lip centre, inter-ocular units
    corner_rise_left: float
    width_ratio: float  # mouth width / inter-ocular distance
    lip_gap: float  # inner-lip gap / inter-ocular distance
    eye_aperture: float  # lid gap / eye width, mean of both eyes
    lower_lid: float  # lower lid below the eye-corner line, eye widths, mean of both eyes

    @property
    def corner_deg(self) -> float:
        return (self.corner_deg_right + self.corner_deg_left) / 2.0

    @property
    def opening_ratio(self) -> float:
        """How tall the mouth opening is for its width: ~0.2 in a toothy smile, 0.6+ agape."""
        return self.lip_gap / max(self.width_ratio, 1e-6)


@dataclass(frozen=True)
class SmileBaseline:
    """A person's neutral face, the reference the smile measures move from.

    Build it from a few neutral frames with `SmileBaseline.from_faces`; save it with `to_dict`.
    """

    corner_deg: float
    corner_rise_right: float
    corner_rise_left: float
    width_ratio: float
    eye_aperture: float
    lower_lid: float
    samples: int = 1

    def __post_init__(self) -> None:
        values = (self.corner_deg, self.corner_rise_right, self.corner_rise_left, self.width_ratio,
                  self.eye_aperture, self.lower_lid)
        if not all(math.isfinite(v) for v in values):
            raise ValueError("smile baseline values must be finite numbers")
        require_range("width_ratio", self.width_ratio, 0.2, 3.0)
        require_range("eye_aperture", self.eye_aperture, 0.02, 1.0)
        if self.samples < 1:
            raise ValueError(f"samples must be at least 1, got {self.samples}")

    @classmethod
    def from_geometries(cls, geometries: Iterable[SmileGeometry]) -> SmileBaseline:
        """The median of each measure over neutral samples (robust to a stray blink or word)."""
        items = list(geometries)
        if not items:
            raise ValueError("a smile baseline needs at least one neutral face")

        def median(values: Iterable[float]) -> float:
            return float(np.median(np.fromiter(values, dtype=np.float64)))

        return cls(
            corner_deg=median(g.corner_deg for g in items),
            corner_rise_right=median(g.corner_rise_right for g in items),
            corner_rise_left=median(g.corner_rise_left for g in items),
            width_ratio=median(g.width_ratio for g in items),
            eye_aperture=median(g.eye_aperture for g in items),
            lower_lid=median(g.lower_lid for g in items),
            samples=len(items),
        )

    @classmethod
    def from_faces(cls, faces: Iterable[Face]) -> SmileBaseline:
        """A baseline from neutral faces (e.g. a few seconds of calibration frames)."""
        return cls.from_geometries(measure_geometry(face) for face in faces)

    def to_dict(self) -> dict[str, float]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SmileBaseline:
        values = _known_floats(cls, data)
        values["samples"] = int(values.get("samples", 1))
        return cls(**values)


# Medians of the neutral faces in the development photos (97 faces, mixed ages and origins),
# rounded. Corner rises are taken as level with the lip centre.
POPULATION_NEUTRAL = SmileBaseline(
    corner_deg=0.0,
    corner_rise_right=0.0,
    corner_rise_left=0.0,
    width_ratio=0.79,
    eye_aperture=0.30,
    lower_lid=0.10,
    samples=1,
)


def measure_geometry(face: Face) -> SmileGeometry:
    """The raw smile-related measures of a face (see the module docstring for definitions)."""
    frame = face_frame(face)
    _require_finite(frame)
    corner_r = frame.xy(MOUTH_CORNER_RIGHT)
    corner_l = frame.xy(MOUTH_CORNER_LEFT)
    upper, lower = frame.xy(UPPER_LIP_INNER), frame.xy(LOWER_LIP_INNER)
    centre = (upper + lower) / 2.0

    def elevation(corner: np.ndarray) -> tuple[float, float]:
        rise = float(centre[1] - corner[1])  # y points down, so "above" is smaller y
        run = float(abs(corner[0] - centre[0]))
        return math.degrees(math.atan2(rise, max(run, 1e-6))), rise

    deg_r, rise_r = elevation(corner_r)
    deg_l, rise_l = elevation(corner_l)
    aperture_r, lid_r = _eye_measures(frame, FaceLandmark.RIGHT_EYE_OUTER, FaceLandmark.RIGHT_EYE_INNER,
                                      RIGHT_EYE_UPPER_LID, RIGHT_EYE_LOWER_LID)
    aperture_l, lid_l = _eye_measures(frame, FaceLandmark.LEFT_EYE_OUTER, FaceLandmark.LEFT_EYE_INNER,
                                      LEFT_EYE_UPPER_LID, LEFT_EYE_LOWER_LID)
    return SmileGeometry(
        corner_deg_right=deg_r,
        corner_deg_left=deg_l,
        corner_rise_right=rise_r,
        corner_rise_left=rise_l,
        width_ratio=_norm(corner_l - corner_r),
        lip_gap=_norm(lower - upper),
        eye_aperture=(aperture_r + aperture_l) / 2.0,
        lower_lid=(lid_r + lid_l) / 2.0,
    )


def measure_smile(face: Face, settings: SmileSettings = SmileSettings(),
                  baseline: SmileBaseline | None = None) -> SmileReading:
    """Judge one face's smile. `baseline` is the person's neutral; None = population average."""
    return judge_smile(measure_geometry(face), settings, baseline)


def judge_smile(geometry: SmileGeometry, settings: SmileSettings = SmileSettings(),
                baseline: SmileBaseline | None = None) -> SmileReading:
    """The score and kind for already measured geometry (see the module docstring)."""
    neutral = baseline or POPULATION_NEUTRAL
    corner_lift = (geometry.corner_deg - neutral.corner_deg) / settings.corner_norm_min_deg
    widening = (geometry.width_ratio / neutral.width_ratio - 1.0) / FULL_WIDENING
    mouth_lift = (corner_lift + widening) / 2.0

    eye_involvement = eye_involvement_of(geometry.eye_aperture, geometry.lower_lid, neutral)

    teeth = _unit(geometry.lip_gap / FULL_TEETH_GAP)
    jaw_drop = _unit((geometry.opening_ratio - JAW_DROP_START) / (JAW_DROP_FULL - JAW_DROP_START))
    support = _unit(mouth_lift) * (TEETH_WEIGHT * teeth + EYE_WEIGHT * eye_involvement)
    lift = (mouth_lift + support) * (1.0 - jaw_drop) if mouth_lift > 0 else mouth_lift
    score = 100.0 / (1.0 + math.exp(-SCORE_STEEPNESS * (lift - 0.5)))

    kind: SmileKind = "none"
    if score >= settings.smile_threshold:
        kind = "genuine" if eye_involvement >= settings.genuine_threshold else "mouth_only"

    return SmileReading(
        score=score,
        kind=kind,
        mouth_corner_deg=geometry.corner_deg,
        mouth_width_ratio=geometry.width_ratio,
        eye_aperture=geometry.eye_aperture,
        eye_involvement=eye_involvement,
        symmetry=_symmetry(geometry, neutral),
        teeth_visible=geometry.lip_gap >= settings.teeth_gap,
    )


def eye_involvement_of(eye_aperture: float, lower_lid: float, neutral: SmileBaseline) -> float:
    """0..1: the mean of the eye narrowing and the lower-lid raise against `neutral`."""
    narrowing = _unit((1.0 - eye_aperture / neutral.eye_aperture) / FULL_EYE_NARROWING)
    lid_raise = _unit((neutral.lower_lid - lower_lid) / FULL_LID_RAISE)
    return (narrowing + lid_raise) / 2.0


def corner_verdict(corner_deg: float, settings: SmileSettings = SmileSettings()) -> str:
    """"faint", "ok" or "exaggerated" against the courseware's corner norm (15–30° by default)."""
    if corner_deg < settings.corner_norm_min_deg:
        return "faint"
    if corner_deg > settings.corner_norm_max_deg:
        return "exaggerated"
    return "ok"


def _eye_measures(frame: FaceFrame, outer: int, inner: int, upper_lid: tuple[int, ...],
                  lower_lid: tuple[int, ...]) -> tuple[float, float]:
    """(aperture, lower-lid depth) of one eye, both in units of that eye's width."""
    # Means and norms of these few 2-vectors are written out (`_norm`, sums over the three lid
    # pairs): the same arithmetic as np.mean / np.linalg.norm, without their per-call overhead.
    outer_xy, inner_xy = frame.xy(outer), frame.xy(inner)
    axis = inner_xy - outer_xy
    width = _norm(axis)
    if width < 1e-6:
        raise ValueError("face landmarks are degenerate: an eye has zero width")
    gap_1, gap_2, gap_3 = (_norm(frame.xy(up) - frame.xy(down))
                           for up, down in zip(upper_lid, lower_lid, strict=True))
    # Unit normal to the corner line pointing toward the chin (+y in the face frame).
    normal = np.array([-axis[1], axis[0]]) / width
    if normal[1] < 0:
        normal = -normal
    middle = (outer_xy + inner_xy) / 2.0
    depth_1, depth_2, depth_3 = ((frame.xy(d) - middle) @ normal for d in lower_lid)
    depth = float((depth_1 + depth_2 + depth_3) / 3)
    return (gap_1 + gap_2 + gap_3) / 3 / width, depth / width


def _norm(vector: np.ndarray) -> float:
    """The length of a small vector, as np.linalg.norm computes it (the square root of its dot
    product with itself), without that function's checks."""
    return math.sqrt(vector.dot(vector))


def _symmetry(geometry: SmileGeometry, neutral: SmileBaseline) -> float:
    """1 when both corners rise equally from neutral, toward 0 when only one side moves."""
    right = geometry.corner_rise_right - neutral.corner_rise_right
    left = geometry.corner_rise_left - neutral.corner_rise_left
    total = max(abs(right) + abs(left), SYMMETRY_FLOOR)
    return _unit(1.0 - abs(right - left) / total)
