"""Where the face and eyes point, and whether that counts as eye contact.

The courseware asks for eye contact 70–80% of the time while talking (NORMS.md). Per frame this
module decides whether the staff member looks toward the customer; the share over time is the
trackers' job.

Head pose, in the face frame of `coach.rules.face_frame` (roll undone, inter-ocular units):
* yaw: the nose tip stands in front of the face's side edges (FaceMesh points 234/454, near the
  ears). Turning the head by `yaw` shifts the nose tip sideways from the edges' midpoint by
  `depth * sin(yaw)` while the edges' half-span shrinks to `half_width * cos(yaw)`, so
  `offset / half_span = (depth / half_width) * tan(yaw)`. NOSE_DEPTH_RATIO = depth / half_width
  (about 1.15; checked against the head-pose labels of the GENKI-4K photos, r = 0.95).
  Positive yaw: the nose points toward the image's right (the person's own left).
* pitch: the tilt of the nose's back line (bridge 168 to the point under the nose 2) out of the
  image plane, from FaceMesh's relative depth: `atan2(-dz, dy)`. Positive pitch: face turned
  up (chin up); negative: looking down. On GENKI-4K it tracks the labels with slope ~1 and no
  offset (r = 0.66: pitch is the harder angle, and those labels are estimates too).

Eyes: the iris centre's offset from the middle of its eye, in half eye widths, turned into an
eyeball rotation `asin(offset * EYE_HALF_WIDTH_TO_RADIUS)` (a 12 mm eyeball under a ~30 mm
wide eye opening), mean of both eyes; vertically, from the iris's resting height (it sits a little
above the corner line when looking straight ahead). Gaze = head angle + eye angle, per axis.

Eye contact: the gaze lies within the tolerance cone around the customer's direction. By
default the customer is where the camera is; `target_yaw_deg`/`target_pitch_deg` say where
they are instead (e.g. a camera mounted on the monitor beside the window).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields

import numpy as np

from coach.readings import GazeReading
from coach.rules.face_frame import FaceFrame, face_frame
from coach.rules.last_call import remember_last_call
from coach.rules.smile import require_range
from coach.types import Face, FaceLandmark

NOSE_BRIDGE = FaceLandmark.NOSE_BRIDGE
SUBNASALE = 2  # the point just under the nose, where the septum meets the upper lip
NOSE_DEPTH_RATIO = 1.15
EYE_HALF_WIDTH_TO_RADIUS = 1.25
# Looking straight ahead, the iris centre sits this far (half eye widths) above the line
# through the eye corners (median over ~200 photos of people facing the camera).
IRIS_REST_RAISE = 0.12
# Eye-in-head rotation is capped here: beyond it the iris estimate is not trustworthy.
MAX_EYE_ROTATION_DEG = 45.0


@dataclass(frozen=True)
class GazeSettings:
    """Eye-contact cone. Frozen; ValueError names the allowed range.

    yaw_tolerance_deg / pitch_tolerance_deg: how far (degrees) the gaze may point from the
        customer's direction and still count as eye contact.
    target_yaw_deg / target_pitch_deg: the customer's direction as seen from the camera
        (0, 0 = the camera itself); positive yaw = image right, positive pitch = up.
    use_eyes: add the iris direction to the head direction (off = head pose only, for
        low-resolution video where the iris is a few pixels).
    """

    yaw_tolerance_deg: float = 20.0
    pitch_tolerance_deg: float = 15.0
    target_yaw_deg: float = 0.0
    target_pitch_deg: float = 0.0
    use_eyes: bool = True

    def __post_init__(self) -> None:
        require_range("yaw_tolerance_deg", self.yaw_tolerance_deg, 2.0, 60.0)
        require_range("pitch_tolerance_deg", self.pitch_tolerance_deg, 2.0, 60.0)
        require_range("target_yaw_deg", self.target_yaw_deg, -60.0, 60.0)
        require_range("target_pitch_deg", self.target_pitch_deg, -60.0, 60.0)
        if not isinstance(self.use_eyes, bool):
            raise ValueError(f"use_eyes must be true or false, got {self.use_eyes!r}")

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> GazeSettings:
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ValueError(f"unknown GazeSettings field(s): {', '.join(unknown)}")
        values: dict[str, object] = {}
        for name, value in data.items():
            if name == "use_eyes":
                values[name] = value
                continue
            try:
                values[name] = float(value)  # type: ignore[arg-type]
            except (TypeError, ValueError) as bad:
                raise ValueError(f"GazeSettings.{name} must be a number, got {value!r}") from bad
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class GazeAngles:
    """Head and eye-in-head angles in degrees (positive yaw = image right, positive pitch = up)."""

    head_yaw_deg: float
    head_pitch_deg: float
    eye_yaw_deg: float
    eye_pitch_deg: float


@remember_last_call  # gaze and the posture face measures both ask, in one step
def measure_angles(face: Face) -> GazeAngles:
    """Head pose and eye-in-head rotation of one face (see the module docstring)."""
    frame = face_frame(face)
    if not np.isfinite(frame.points).all():
        raise ValueError("face landmarks contain NaN or infinite values")
    head_yaw, head_pitch = _head_pose(frame)
    eye_yaw, eye_pitch = _eye_rotation(frame)
    return GazeAngles(head_yaw, head_pitch, eye_yaw, eye_pitch)


def measure_gaze(face: Face, settings: GazeSettings = GazeSettings()) -> GazeReading:
    """Eye contact and gaze direction. yaw_deg/pitch_deg are the gaze (head + eyes when
    `settings.use_eyes`, else the head alone): the angles the eye-contact cone is applied to."""
    angles = measure_angles(face)
    yaw, pitch = angles.head_yaw_deg, angles.head_pitch_deg
    if settings.use_eyes:
        yaw += angles.eye_yaw_deg
        pitch += angles.eye_pitch_deg
    contact = (abs(yaw - settings.target_yaw_deg) <= settings.yaw_tolerance_deg
               and abs(pitch - settings.target_pitch_deg) <= settings.pitch_tolerance_deg)
    return GazeReading(eye_contact=bool(contact), yaw_deg=float(yaw), pitch_deg=float(pitch))


def _head_pose(frame: FaceFrame) -> tuple[float, float]:
    right_edge, left_edge = frame.xy(FaceLandmark.RIGHT_FACE_EDGE), frame.xy(FaceLandmark.LEFT_FACE_EDGE)
    half_span = abs(left_edge[0] - right_edge[0]) / 2.0
    offset = frame.xy(FaceLandmark.NOSE_TIP)[0] - (left_edge[0] + right_edge[0]) / 2.0
    yaw = math.degrees(math.atan(offset / max(half_span, 1e-6) / NOSE_DEPTH_RATIO))
    nose_line = frame.points[SUBNASALE] - frame.points[int(NOSE_BRIDGE)]
    pitch = math.degrees(math.atan2(-nose_line[2], nose_line[1]))
    return yaw, pitch


def _eye_rotation(frame: FaceFrame) -> tuple[float, float]:
    def offset(outer: int, inner: int, iris: int) -> np.ndarray:
        a, b = frame.xy(outer), frame.xy(inner)
        span = b - a
        half_width = max(math.sqrt(span.dot(span)) / 2.0, 1e-6)  # np.linalg.norm's arithmetic
        return (frame.xy(iris) - (a + b) / 2.0) / half_width

    right = offset(FaceLandmark.RIGHT_EYE_OUTER, FaceLandmark.RIGHT_EYE_INNER, FaceLandmark.RIGHT_IRIS_CENTER)
    left = offset(FaceLandmark.LEFT_EYE_OUTER, FaceLandmark.LEFT_EYE_INNER, FaceLandmark.LEFT_IRIS_CENTER)
    x_off, y_off = (right + left) / 2  # the two eyes' mean, as np.mean adds and divides
    # Image y is down and pitch up is positive; at rest the iris is IRIS_REST_RAISE above centre.
    return _rotation_deg(x_off), -_rotation_deg(y_off + IRIS_REST_RAISE)


def _rotation_deg(offset: float) -> float:
    limit = math.sin(math.radians(MAX_EYE_ROTATION_DEG))
    return math.degrees(math.asin(max(-limit, min(limit, offset * EYE_HALF_WIDTH_TO_RADIUS))))
