"""Has the camera (or the seat) moved since calibration? Then ask "recalibrate?", not nag.

A calibrated posture baseline holds image positions (where the shoulders were, how wide they
looked), so after the camera is bumped or the desk is rearranged, the posture rules see faults
that are not there: shoulders "raised" because the camera now looks from lower, a "lean" because
the person sits closer. Users of posture tools name these false alarms as their main complaint.

`DriftDetector` compares each frame's `Placement` (face and shoulder line in the picture) with
the one recorded at calibration and tells three cases apart:

* **matching**: the shoulder line is where it was (within `shift_tolerance` shoulder widths,
  `scale_tolerance` in size and `tilt_tolerance_deg` in tilt) — the set-up is unchanged,
  whatever the head and arms do;
* **moved**: the shoulder line is elsewhere *and the upper body moved as one piece* — the face
  sits on the shoulders as it did (same place relative to them, same size relative to them),
  the shoulder line kept its tilt (or, with the hips in view, shoulders and hips turned by the
  same angle: the camera rolled), and the trunk (hips in view) kept its proportions. That is
  what a camera moved, raised, rolled or zoomed, or a chair slid sideways, looks like;
* anything else is the person's posture (a head dropped forward, a shrug, a sideways lean —
  these change the face-to-shoulder geometry or the tilt) and says nothing about the camera.

Placement moved for `hold_s` seconds (20 by default) without a matching frame in between sets
`needs_recalibration`; matching frames for `clear_s` seconds clear it. While the placement is
off (`holds_alerts`: from the first moved frame, so no false posture alert slips out during the
wait), posture alerts should be held. Frames without both a face and the shoulders carry no
evidence either way; a gap longer than `max_gap_s` without evidence restarts the wait.

Sitting lower in the seat also moves the upper body as one piece: the prompt after 20 s then
reads as "your set-up looks different — recalibrate, or sit as you did", which fits both.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields

import numpy as np

from coach.rules import geometry as g
from coach.types import Body, Face
from coach.types import PoseLandmark as P
from coach.validation import check_range, check_ranges


@dataclass(frozen=True)
class Placement:
    """Where the upper body sits in the picture, in pixels of the analysed frame.

    face_x/face_y: centre of the face box; face_size: its size (`Face.size`);
    shoulder_x/shoulder_y: midpoint of the shoulders; shoulder_width: their distance;
    shoulder_tilt_deg: tilt of the shoulder line (`geometry.line_tilt`);
    trunk_ratio: shoulders-to-hips distance / shoulder width, None when the hips are hidden;
    hip_tilt_deg: tilt of the hip line, None when the hips are hidden.
    """

    face_x: float
    face_y: float
    face_size: float
    shoulder_x: float
    shoulder_y: float
    shoulder_width: float
    shoulder_tilt_deg: float
    trunk_ratio: float | None = None
    hip_tilt_deg: float | None = None

    def __post_init__(self) -> None:
        values = [getattr(self, item.name) for item in fields(self)]
        if not all(v is None or math.isfinite(v) for v in values):
            raise ValueError("placement values must be finite numbers")
        if self.face_size <= 0 or self.shoulder_width <= 0:
            raise ValueError("placement sizes must be positive")

    @classmethod
    def of(cls, face: Face | None, body: Body | None, min_visibility: float = 0.5) -> Placement | None:
        """The placement in one frame; None without a face or without both shoulders."""
        if face is None or body is None:
            return None
        if not body.visible(P.LEFT_SHOULDER, P.RIGHT_SHOULDER, threshold=min_visibility):
            return None
        left, right = body.xy(P.LEFT_SHOULDER), body.xy(P.RIGHT_SHOULDER)
        width = g.distance(left, right)
        if width <= 1e-6 or not np.isfinite(face.points[:, :2]).all():
            return None
        mid = g.midpoint(left, right)
        x0, y0, x1, y1 = face.bbox
        trunk = hip_tilt = None
        left_hip, right_hip = body.xy(P.LEFT_HIP), body.xy(P.RIGHT_HIP)
        hips_seen = body.visible(P.LEFT_HIP, P.RIGHT_HIP, threshold=min_visibility)
        if hips_seen and g.distance(left_hip, right_hip) > 0:
            trunk = g.distance(mid, g.midpoint(left_hip, right_hip)) / width
            hip_tilt = g.line_tilt(left_hip, right_hip)
        return cls(
            face_x=(x0 + x1) / 2.0,
            face_y=(y0 + y1) / 2.0,
            face_size=face.size,
            shoulder_x=float(mid[0]),
            shoulder_y=float(mid[1]),
            shoulder_width=width,
            shoulder_tilt_deg=g.line_tilt(left, right),
            trunk_ratio=trunk,
            hip_tilt_deg=hip_tilt,
        )

    @classmethod
    def median(cls, placements: Sequence[Placement]) -> Placement:
        """Each value's median (the trunk ratio over the frames that had one)."""
        if not placements:
            raise ValueError("a median placement needs at least one placement")

        def med(name: str) -> float | None:
            values = [getattr(p, name) for p in placements if getattr(p, name) is not None]
            return float(np.median(values)) if values else None

        return cls(**{item.name: med(item.name) for item in fields(cls)})

    def to_dict(self) -> dict[str, float | None]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Placement:
        known = {item.name for item in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown placement field(s): {', '.join(unknown)}")
        try:
            values = {k: None if v is None else float(v) for k, v in data.items()}  # type: ignore[arg-type]
            return cls(**values)
        except TypeError as problem:  # a required field missing
            raise ValueError(str(problem)) from problem

    # -- comparisons, all in units that do not depend on the camera's resolution -----------------
    def shoulder_shift(self, reference: Placement) -> float:
        """How far the shoulder midpoint moved, in reference shoulder widths."""
        moved = math.hypot(self.shoulder_x - reference.shoulder_x, self.shoulder_y - reference.shoulder_y)
        return moved / reference.shoulder_width

    def shoulder_scale(self, reference: Placement) -> float:
        """|ln(shoulder width / reference width)|: 0.15 ≈ 16% nearer or farther."""
        return abs(math.log(self.shoulder_width / reference.shoulder_width))

    def face_on_shoulders(self) -> np.ndarray:
        """The face centre seen from the shoulders: offset from their midpoint, in shoulder widths,
        along and across the shoulder line (so a rolled camera does not change it)."""
        offset = np.array([self.face_x - self.shoulder_x, self.face_y - self.shoulder_y])
        offset /= self.shoulder_width
        # line_tilt is counter-clockwise as displayed; turning the offset back by it levels the line.
        a = math.radians(self.shoulder_tilt_deg)
        along = offset[0] * math.cos(a) - offset[1] * math.sin(a)
        down = offset[0] * math.sin(a) + offset[1] * math.cos(a)
        return np.array([along, down])

    def face_on_shoulders_change(self, reference: Placement) -> float:
        """How far the face moved *relative to the shoulders*, in shoulder widths: a camera move
        keeps it, a head that drops, turns aside or tilts on the neck changes it."""
        return float(np.linalg.norm(self.face_on_shoulders() - reference.face_on_shoulders()))

    def face_to_shoulder_scale_change(self, reference: Placement) -> float:
        """|ln| of how the face's size relative to the shoulders changed (leaning in grows the face)."""
        now = self.face_size / self.shoulder_width
        then = reference.face_size / reference.shoulder_width
        return abs(math.log(now / then))


@dataclass(frozen=True)
class DriftSettings:
    """When a changed placement means "recalibrate?". Frozen; ValueError names the range.

    hold_s: the placement must stay moved this long before asking (seconds).
    clear_s: matching this long clears the question again (seconds).
    shift_tolerance: shoulder midpoint may move this many shoulder widths and still match.
    scale_tolerance: |ln(shoulder width ratio)| that still matches (0.15 ≈ 16% nearer/farther).
    rigid_tolerance: the face may move this many shoulder widths relative to the shoulders, or
        change its size relative to them by this |ln| ratio, and the move still counts as one
        piece (a camera move); beyond it the change is the person's posture.
    tilt_tolerance_deg: the shoulder line's tilt may change this much in a camera move; a
        larger change is a sideways lean — unless the hips show and their line turned by the
        same angle (within this tolerance): then the whole picture rolled, a camera roll.
    trunk_tolerance: relative change of the trunk's length/width (hips visible) in a camera move.
    max_gap_s: longer than this without evidence restarts the wait.
    """

    hold_s: float = 20.0
    clear_s: float = 3.0
    shift_tolerance: float = 0.25
    scale_tolerance: float = 0.15
    rigid_tolerance: float = 0.15
    tilt_tolerance_deg: float = 6.0
    trunk_tolerance: float = 0.1
    max_gap_s: float = 5.0

    def __post_init__(self) -> None:
        check_ranges(self, "drift", _RANGES)


_RANGES: dict[str, tuple[float, float]] = {
    "hold_s": (1.0, 600.0),
    "clear_s": (0.0, 120.0),
    "shift_tolerance": (0.05, 2.0),
    "scale_tolerance": (0.02, 1.0),
    "rigid_tolerance": (0.02, 1.0),
    "tilt_tolerance_deg": (1.0, 45.0),
    "trunk_tolerance": (0.02, 1.0),
    "max_gap_s": (0.0, 600.0),
}

MATCHING, MOVED, POSTURE, UNKNOWN = "matching", "moved", "posture", "unknown"


def classify(now: Placement | None, reference: Placement, settings: DriftSettings = DriftSettings()) -> str:
    """"matching", "moved" (camera/seat), "posture" (the person's own change) or "unknown"."""
    if now is None:
        return UNKNOWN
    if now.shoulder_shift(reference) <= settings.shift_tolerance \
            and now.shoulder_scale(reference) <= settings.scale_tolerance \
            and abs(now.shoulder_tilt_deg - reference.shoulder_tilt_deg) <= settings.tilt_tolerance_deg:
        return MATCHING
    rigid = (
        now.face_on_shoulders_change(reference) <= settings.rigid_tolerance
        and now.face_to_shoulder_scale_change(reference) <= settings.rigid_tolerance
        and _turned_as_one(now, reference, settings.tilt_tolerance_deg)
    )
    if rigid and now.trunk_ratio is not None and reference.trunk_ratio is not None:
        rigid = abs(now.trunk_ratio / reference.trunk_ratio - 1.0) <= settings.trunk_tolerance
    return MOVED if rigid else POSTURE


def _turned_as_one(now: Placement, reference: Placement, tolerance_deg: float) -> bool:
    """The shoulder line kept its tilt, or (hips in view) shoulders and hips turned together."""
    turned = now.shoulder_tilt_deg - reference.shoulder_tilt_deg
    if abs(turned) <= tolerance_deg:
        return True
    if now.hip_tilt_deg is None or reference.hip_tilt_deg is None:
        return False
    return abs((now.hip_tilt_deg - reference.hip_tilt_deg) - turned) <= tolerance_deg


class DriftDetector:
    """Flags `needs_recalibration` when the calibrated placement stops matching (see module doc).

    `update(face, body, t)` returns `holds_alerts`. Time is passed in; no clock is read.
    """

    def __init__(self, reference: Placement, settings: DriftSettings = DriftSettings(),
                 min_visibility: float = 0.5):
        check_range("min_visibility", min_visibility, 0.0, 1.0)
        self.reference = reference
        self.settings = settings
        self.min_visibility = float(min_visibility)
        self.needs_recalibration = False
        self.last_verdict = UNKNOWN
        self.flagged_count = 0  # times the question was raised
        self.flagged_s = 0.0  # seconds it was up (closed spells)
        self._moved_since: float | None = None
        self._matching_since: float | None = None
        self._flagged_at: float | None = None
        self._last_evidence_t: float | None = None

    @property
    def suspect(self) -> bool:
        """The placement is off now (the wait before asking is running, or it has asked)."""
        return self._moved_since is not None

    @property
    def holds_alerts(self) -> bool:
        return self.suspect or self.needs_recalibration

    def update(self, face: Face | None, body: Body | None, t: float) -> bool:
        verdict = classify(Placement.of(face, body, self.min_visibility), self.reference, self.settings)
        self.last_verdict = verdict
        s = self.settings
        if verdict in (UNKNOWN, POSTURE):
            if self._last_evidence_t is not None and t - self._last_evidence_t > s.max_gap_s:
                self._moved_since = None
            return self.holds_alerts
        if self._last_evidence_t is not None and t - self._last_evidence_t > s.max_gap_s:
            self._moved_since = None
            self._matching_since = None
        self._last_evidence_t = t
        if verdict == MOVED:
            self._matching_since = None
            if self._moved_since is None:
                self._moved_since = t
            if not self.needs_recalibration and t - self._moved_since >= s.hold_s:
                self.needs_recalibration = True
                self.flagged_count += 1
                self._flagged_at = t
        else:  # matching
            self._moved_since = None
            if self.needs_recalibration:
                if self._matching_since is None:
                    self._matching_since = t
                if t - self._matching_since >= s.clear_s:
                    self._clear(self._matching_since)
        return self.holds_alerts

    def finish(self, t: float) -> None:
        """End of session: count a question still up until `t`."""
        if self.needs_recalibration and self._flagged_at is not None:
            self.flagged_s += max(t - self._flagged_at, 0.0)
            self._flagged_at = t

    def _clear(self, since: float) -> None:
        if self._flagged_at is not None:
            self.flagged_s += max(since - self._flagged_at, 0.0)
        self.needs_recalibration = False
        self._flagged_at = None
        self._matching_since = None
