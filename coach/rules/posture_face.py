"""What the face mesh tells about posture in an upper-body front view (a desk or counter webcam).

Such a camera sees the head and the top of the shoulders; the hips never, the shoulders often
cut by the frame's lower edge. What it sees well is the face, and the face moves with posture:

- **forward head / slump forward**: the chin sinks toward the shoulder line (`chin_gap` shrinks)
  and the face comes closer to the camera (`face_share` grows);
- **slumped low in the chair**: the whole head drops in the frame (`eye_line` moves down);
- **head down**: the face pitches down (`pitch_deg` from the mesh's nose line, + up);
- **head tilted**: the eye line rolls (handled by `coach.rules.posture`).

Positions are fractions of the frame height and sizes are in face heights, so the measures do
not depend on the camera's resolution. Nothing here reads a clock or an image.

Population prior (used when the person has no calibrated upright baseline; the reading then
says so and asks to calibrate). Each value is a typical *upright* reading, and how it was
chosen is given next to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.rules import geometry as g
from coach.rules.gaze import measure_angles
from coach.types import Body, Face, FaceLandmark
from coach.types import PoseLandmark as P

# Chin above the shoulder line, in face heights (mesh forehead-to-chin box), sitting upright.
# Anthropometry: seated chin (menton) height minus seated acromion height is ~9-11 cm and the
# mesh's face box is ~17-19 cm tall, so ~0.55-0.6. Cross-checked leave-one-person-out on the
# four people of the front-webcam photos in ../shared/data: the median of the upright frames
# of the other three people is 0.57-0.62 whichever person is left out.
UPRIGHT_CHIN_GAP = 0.6
# Eye line from the top of the frame, as a share of the frame height, sitting upright: the
# rule-of-thirds framing that webcam set-up guides ask for (eyes a third of the way down).
UPRIGHT_EYE_LINE = 1.0 / 3.0
# Spread of the upright eye line across people and camera placements, in face heights: two
# standard deviations of the upright front-webcam frames in ../shared/data (0.27 each, taken
# leave-one-person-out: 0.24-0.31; re-measured 2026-12-01: 0.26, LOPO 0.20-0.30). Without a
# calibration a head drop counts only past this (and past the slump itself, head_drop_max),
# since the prior cannot know where this camera puts an upright head: one upright person in 40
# sits lower than this by framing alone.
EYE_LINE_PRIOR_SPREAD = 0.55
# Face size (geometric mean of the mesh box) / frame height of an upright person at a desk
# webcam: a ~16.5 cm face at an arm's-length 55 cm, seen by a laptop camera (~65° across,
# 4:3, so ~50° high: 51 cm of frame height at that distance) fills about a third.
UPRIGHT_FACE_SHARE = 1.0 / 3.0
# Head pitch the mesh reads for an upright person looking at the screen, seen by a camera at
# the screen's top edge: the camera sits ~20-25° below the eyes at 50-70 cm (screen top at or
# below eye height, as ergonomics guides ask) and the gaze is level to ~15° down, so the face
# appears turned ~10° *up* toward the camera.
UPRIGHT_FACE_PITCH_DEG = 10.0
# Pose's shoulder points at least this many face widths apart are taken for the shoulders.
# Real shoulders are 2.4-2.8 face widths apart (biacromial breadth 36-41 cm, face 14-15 cm);
# Pose marks the joints ~10% inside the acromion edges, and a head-and-shoulders view turned up
# to 30° narrows them ~13% more (cos 30°): 2.0. Closer than that, Pose has taken a collar, a
# neck ring or the neckline for them (it does on the astronaut's spacesuit), so their line's
# tilt is not measured. (Not a gate for the chin gap: a face that comes closer also makes the
# shoulders look narrow next to it; see posture._upper_body_reading for how that is checked.)
MIN_SHOULDERS_PER_FACE_WIDTH = 2.0
# A shoulder point the pose model places with at least this visibility, or outside the frame
# (cut by its edge: MediaPipe then still places it, with low visibility), is used for the line.
PLACED_VISIBILITY = 0.3
# A shoulder point this close to the frame's lower edge (share of the frame height), or past it,
# is where Pose puts a joint it cannot see: the shoulders are cut by the edge and their true line
# is lower still, so the chin gap measured against it is only a lower bound (a small gap then
# proves nothing). 3% of the frame is ~8 px of the pose model's 256-px input, about its typical
# landmark error; seen on talking-head clips whose shoulders leave the frame (pyfeat__single_face,
# pyfeat__face_noface in ../shared/data, upright throughout) where the gap shrank to half.
BOTTOM_EDGE_MARGIN = 0.03

# The population prior's geometry (UPRIGHT_FACE_SHARE): a ~65° laptop camera at arm's length
# frames ~70 cm across at the face, so the shoulders (Pose joints ~33 cm apart) fill about half
# the frame's width (0.55-0.75 on the 43 front-webcam frames of ../shared/data, forward heads
# included: a forward head brings the head, not the shoulders, nearer). Shoulders placed past a
# side edge mean a camera at less than half that distance (a phone or a talking-head set-up): there
# the shoulders, ~10 cm behind the chin, look markedly higher by perspective and the chin gap
# shrinks for an upright person (seen on liveportrait__d13.mp4), so the prior's chin gap is not
# applied; a calibration made in front of that camera is.


@dataclass(frozen=True)
class FaceMeasures:
    """Posture measures from the face mesh; None where the frame size or shoulders are missing."""

    pitch_deg: float  # head pitch seen from the camera, + up
    yaw_deg: float  # head turn, + toward the image's right
    roll_deg: float  # eye-line tilt, + when the image-right end is higher
    face_height: float  # pixels, forehead to chin of the mesh's box
    eye_line: float | None = None  # eye-line y / frame height
    face_share: float | None = None  # face size (geometric mean of the box sides) / frame height
    chin_gap: float | None = None  # chin above the shoulder line / face height
    shoulder_line: float | None = None  # shoulder-line y / frame height (smaller = higher in frame)
    face_height_share: float | None = None  # face_height / frame height
    shoulders_cut_below: bool = False  # a shoulder at or past the frame's lower edge (BOTTOM_EDGE_MARGIN)
    shoulders_past_sides: bool = False  # a shoulder placed beyond the frame's left or right edge


def face_measures(face: Face, body: Body | None) -> FaceMeasures:
    angles = measure_angles(face)
    x0, y0, x1, y1 = face.bbox
    face_height = max(y1 - y0, 1e-6)
    left_eye, right_eye = face.xy(FaceLandmark.LEFT_EYE_OUTER), face.xy(FaceLandmark.RIGHT_EYE_OUTER)
    roll = g.line_tilt(left_eye, right_eye) if g.distance(left_eye, right_eye) > 1e-6 else 0.0
    eye_line = face_share = shoulder_line = height_share = None
    frame = face.frame_size or (body.frame_size if body is not None else None)
    if frame is not None and frame[1] > 0:
        height = float(frame[1])
        eye_line = float(g.midpoint(left_eye, right_eye)[1]) / height
        face_share = face.size / height
        height_share = face_height / height
    chin_gap = None
    cut_below = past_sides = False
    if body is not None and shoulders_placed(body):
        left_sh, right_sh = body.xy(P.LEFT_SHOULDER), body.xy(P.RIGHT_SHOULDER)
        if g.distance(left_sh, right_sh) > 1e-6:
            chin_gap = g.height_above_line(face.xy(FaceLandmark.CHIN), right_sh, left_sh) / face_height
            if frame is not None and frame[1] > 0:
                shoulder_line = float(g.midpoint(left_sh, right_sh)[1]) / float(frame[1])
                lowest = max(float(left_sh[1]), float(right_sh[1])) / float(frame[1])
                cut_below = lowest >= 1.0 - BOTTOM_EDGE_MARGIN
                past_sides = any(x < 0 or x >= float(frame[0]) for x in (left_sh[0], right_sh[0]))
    return FaceMeasures(
        pitch_deg=float(angles.head_pitch_deg), yaw_deg=float(angles.head_yaw_deg), roll_deg=float(roll),
        face_height=float(face_height), eye_line=eye_line, face_share=face_share, chin_gap=chin_gap,
        shoulder_line=shoulder_line, face_height_share=height_share, shoulders_cut_below=cut_below,
        shoulders_past_sides=past_sides,
    )


def shoulders_placed(body: Body) -> bool:
    """Both shoulders seen, or placed beyond the frame's edge (cut off, not hidden)."""
    return all(_placed(body, point) for point in (P.LEFT_SHOULDER, P.RIGHT_SHOULDER))


def _placed(body: Body, point: int) -> bool:
    if body.visibility[int(point)] >= PLACED_VISIBILITY:
        return True
    if body.frame_size is None:
        return False
    x, y = body.xy(point)
    width, height = body.frame_size
    return bool(x < 0 or y < 0 or x >= width or y >= height) and bool(np.isfinite(body.xy(point)).all())
