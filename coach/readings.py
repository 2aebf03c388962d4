"""What the rules conclude from one observation, and the per-frame record the sinks write.

Pure dataclasses (no cv2/mediapipe), shared by rules, trackers, sinks, store and panel.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

SmileKind = Literal["none", "mouth_only", "genuine"]
# "upper_body": judged from head and shoulders (a desk webcam's view; sitting or standing unseen);
# "unknown": not judged, PostureReading.reason says why.
PostureMode = Literal["sitting", "standing", "upper_body", "unknown"]


@dataclass(frozen=True)
class SmileReading:
    score: float  # 0..100
    kind: SmileKind
    mouth_corner_deg: float  # corner lift in the face's own frame; norm 15..30
    mouth_width_ratio: float  # mouth width / inter-ocular distance
    eye_aperture: float  # lid gap / eye width, mean of both eyes
    eye_involvement: float  # 0..1, narrowing + cheek raise
    symmetry: float  # 0..1, 1 = both corners lift equally
    teeth_visible: bool


@dataclass(frozen=True)
class GazeReading:
    eye_contact: bool  # head and eyes face the camera / customer direction
    yaw_deg: float
    pitch_deg: float


@dataclass(frozen=True)
class PostureReading:
    mode: PostureMode
    torso_incline_deg: float | None = None
    neck_flex_deg: float | None = None
    head_roll_deg: float | None = None
    shoulder_tilt_deg: float | None = None
    forward_head: float | None = None  # ratio, larger = head further ahead of the shoulders
    shoulders_raised: float | None = None
    arms_crossed: bool = False
    chin_on_hand: bool = False
    feet_width_ratio: float | None = None
    hands_visible: bool | None = None
    issues: tuple[str, ...] = ()
    # Added by the posture rules (compatible: all defaulted).
    view: str = "unknown"  # "front", "side" or "unknown": which measures the camera angle allows
    lean_sideways_deg: float | None = None  # trunk lean toward the image's right (+) or left (-)
    legs_crossed: bool = False
    # fault -> its measure divided by its threshold (>= 1 is a fault), the input of the alert trackers
    levels: dict[str, float] = field(default_factory=dict, hash=False)
    # Added with the upper-body view: why a frame with a person is not judged (mode "unknown"),
    # e.g. "face_only", "too_dark" (see coach.rules.posture.REASONS); what a judgement was made
    # against: "baseline" (the person's calibration) or "population" (a prior: less certain).
    reason: str = ""
    reference: str = ""

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def judged(self) -> bool:
        return self.mode != "unknown"


@dataclass(frozen=True)
class Event:
    """Something with a start and an end in time: an alert, a break, a natural break…"""

    start: float
    end: float | None
    kind: str  # e.g. "posture:hunched", "break_due", "break_taken", "natural_break", "smile"
    detail: str = ""


@dataclass(frozen=True)
class Record:
    """One analysed frame: the numbers that sinks (timeline, store, panel) keep. Never pixels."""

    source: str
    frame: int
    t_s: float
    face_found: bool
    body_found: bool
    smile: SmileReading | None = None
    gaze: GazeReading | None = None
    posture: PostureReading | None = None
    extras: dict = field(default_factory=dict)

    def as_row(self) -> dict[str, object]:
        """The flat row of `timeline.csv` (column order = TIMELINE_COLUMNS)."""
        s, g, p = self.smile, self.gaze, self.posture
        row: dict[str, object] = {
            "source": self.source,
            "frame": self.frame,
            "t_s": round(self.t_s, 3),
            "face_found": int(self.face_found),
            "body_found": int(self.body_found),
            "smile_score": _r(s.score if s else None),
            "smile_kind": s.kind if s else "",
            "mouth_corner_deg": _r(s.mouth_corner_deg if s else None),
            "eye_involvement": _r(s.eye_involvement if s else None, 3),
            "symmetry": _r(s.symmetry if s else None, 3),
            "teeth_visible": "" if s is None else int(s.teeth_visible),
            "eye_contact": "" if g is None else int(g.eye_contact),
            "posture_mode": p.mode if p else "",
            "torso_incline_deg": _r(p.torso_incline_deg if p else None),
            "neck_flex_deg": _r(p.neck_flex_deg if p else None),
            "head_roll_deg": _r(p.head_roll_deg if p else None),
            "shoulder_tilt_deg": _r(p.shoulder_tilt_deg if p else None),
            "forward_head": _r(p.forward_head if p else None, 3),
            "arms_crossed": "" if p is None else int(p.arms_crossed),
            "chin_on_hand": "" if p is None else int(p.chin_on_hand),
            "posture_ok": "" if p is None or p.mode == "unknown" else int(p.ok),
            "posture_issues": ";".join(p.issues) if p else "",
            "posture_view": p.view if p and p.judged else "",
            "posture_reason": p.reason if p else "",
        }
        return row

    def to_dict(self) -> dict:
        return asdict(self)


TIMELINE_COLUMNS: tuple[str, ...] = (
    "source", "frame", "t_s", "face_found", "body_found", "smile_score", "smile_kind",
    "mouth_corner_deg", "eye_involvement", "symmetry", "teeth_visible", "eye_contact",
    "posture_mode", "torso_incline_deg", "neck_flex_deg", "head_roll_deg", "shoulder_tilt_deg",
    "forward_head", "arms_crossed", "chin_on_hand", "posture_ok", "posture_issues",
    "posture_view", "posture_reason",
)


def _r(value: float | None, digits: int = 1) -> object:
    return "" if value is None else round(float(value), digits)
