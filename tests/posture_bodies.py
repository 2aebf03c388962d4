"""Synthetic pose skeletons for the posture, engine and tracker tests.

A canonical upright person in pixels (x right, y down), built so that every default
threshold sits at a known distance: shoulder width 200 px, ears 0.6 shoulder widths above
the shoulder line, the nose exactly as far below the ears as a level head puts it, a trunk
of 1.3 shoulder widths. Helpers move parts of it the way a person would (lean, tilt the
head, shrug, cross the arms…). Rotations are counter-clockwise as displayed for positive
degrees, like cv2.getRotationMatrix2D.
"""

from __future__ import annotations

import math

import numpy as np

from coach.types import POSE_POINT_COUNT, Body
from coach.types import PoseLandmark as P

SHOULDER_WIDTH = 200.0
CENTRE_X = 640.0
SHOULDER_Y = 400.0
EAR_Y = SHOULDER_Y - 0.6 * SHOULDER_WIDTH  # 280
EAR_HALF_SPAN = 42.0
LEVEL_PITCH_DEG = 15.0  # PostureSettings.level_head_pitch_deg
NOSE_REACH = 0.75 * 2 * EAR_HALF_SPAN  # coach.rules.posture.NOSE_REACH_PER_EAR_SPAN x ear span
HIP_Y = SHOULDER_Y + 1.3 * SHOULDER_WIDTH  # 660
HEAD = (P.NOSE, P.LEFT_EYE_INNER, P.LEFT_EYE, P.LEFT_EYE_OUTER, P.RIGHT_EYE_INNER, P.RIGHT_EYE,
        P.RIGHT_EYE_OUTER, P.LEFT_EAR, P.RIGHT_EAR, P.MOUTH_LEFT, P.MOUTH_RIGHT)
UPPER_BODY = HEAD + (P.LEFT_SHOULDER, P.RIGHT_SHOULDER, P.LEFT_ELBOW, P.RIGHT_ELBOW, P.LEFT_WRIST,
                     P.RIGHT_WRIST, P.LEFT_PINKY, P.RIGHT_PINKY, P.LEFT_INDEX, P.RIGHT_INDEX,
                     P.LEFT_THUMB, P.RIGHT_THUMB)


def _nose_y(pitch_deg: float, ear_y: float = EAR_Y) -> float:
    return ear_y + NOSE_REACH * math.sin(math.radians(pitch_deg + LEVEL_PITCH_DEG))


def front_body(*, standing: bool = True, feet_apart: float = 1.0) -> Body:
    """A person facing the camera, upright; their left side is on the image's right.

    standing=False folds the thighs toward the camera (a seated person seen from the front).
    feet_apart: ankle spread in shoulder widths.
    """
    p = np.zeros((POSE_POINT_COUNT, 3))
    half = SHOULDER_WIDTH / 2

    def put(index: int, x: float, y: float) -> None:
        p[int(index), :2] = (CENTRE_X + x, y)

    put(P.NOSE, 0, _nose_y(0.0))
    for sign, inner, eye, outer, ear, mouth in (
        (1, P.LEFT_EYE_INNER, P.LEFT_EYE, P.LEFT_EYE_OUTER, P.LEFT_EAR, P.MOUTH_LEFT),
        (-1, P.RIGHT_EYE_INNER, P.RIGHT_EYE, P.RIGHT_EYE_OUTER, P.RIGHT_EAR, P.MOUTH_RIGHT),
    ):
        put(inner, sign * 10, EAR_Y - 12)
        put(eye, sign * 18, EAR_Y - 12)
        put(outer, sign * 26, EAR_Y - 12)
        put(ear, sign * EAR_HALF_SPAN, EAR_Y)
        put(mouth, sign * 14, EAR_Y + 25)
    for sign, side in ((1, "LEFT"), (-1, "RIGHT")):
        put(P[f"{side}_SHOULDER"], sign * half, SHOULDER_Y)
        put(P[f"{side}_ELBOW"], sign * (half + 15), SHOULDER_Y + 150)
        put(P[f"{side}_WRIST"], sign * (half + 20), SHOULDER_Y + 290)
        put(P[f"{side}_PINKY"], sign * (half + 25), SHOULDER_Y + 320)
        put(P[f"{side}_INDEX"], sign * (half + 18), SHOULDER_Y + 325)
        put(P[f"{side}_THUMB"], sign * (half + 10), SHOULDER_Y + 310)
        put(P[f"{side}_HIP"], sign * 70, HIP_Y)
        foot = sign * feet_apart * SHOULDER_WIDTH / 2
        if standing:
            put(P[f"{side}_KNEE"], sign * 70 * 0.5 + foot * 0.5, HIP_Y + 240)
            put(P[f"{side}_ANKLE"], foot, HIP_Y + 460)
        else:
            put(P[f"{side}_KNEE"], sign * 75, HIP_Y + 40)
            put(P[f"{side}_ANKLE"], foot, HIP_Y + 240)
        ankle = p[int(P[f"{side}_ANKLE"]), :2]
        p[int(P[f"{side}_HEEL"]), :2] = ankle + (0, 15)
        p[int(P[f"{side}_FOOT_INDEX"]), :2] = ankle + (sign * 10, 30)
    return Body(points=p.astype(np.float32), visibility=np.full(POSE_POINT_COUNT, 0.99, np.float32))


def side_body(*, facing: int = 1, trunk_forward_deg: float = 0.0, neck_forward_deg: float = 0.0,
              pitch_deg: float = 0.0, standing: bool = False) -> Body:
    """A seated (or standing) person seen from the side, facing the image's right (facing=1) or left (-1).

    trunk_forward_deg leans the trunk (and all above it) forward about the hips;
    neck_forward_deg leans the ears ahead of the shoulders; pitch_deg pitches the head down.
    """
    p = np.zeros((POSE_POINT_COUNT, 3))
    hip = np.array([CENTRE_X, HIP_Y])
    trunk = 1.3 * SHOULDER_WIDTH
    neck = 0.6 * SHOULDER_WIDTH

    def toward(origin: np.ndarray, forward_deg: float, length: float) -> np.ndarray:
        a = math.radians(forward_deg)
        return origin + length * np.array([facing * math.sin(a), -math.cos(a)])

    shoulder = toward(hip, trunk_forward_deg, trunk)
    ear = toward(shoulder, trunk_forward_deg + neck_forward_deg, neck)
    a = math.radians(pitch_deg + LEVEL_PITCH_DEG)
    nose = ear + 60.0 * np.array([facing * math.cos(a), math.sin(a)])
    eye = ear + 45.0 * np.array([facing * math.cos(a - 0.5), math.sin(a - 0.5)])
    for offset, side in ((-6.0, "LEFT"), (6.0, "RIGHT")):  # the two sides nearly overlap
        d = np.array([offset, 0.0])
        p[int(P[f"{side}_SHOULDER"]), :2] = shoulder + d
        p[int(P[f"{side}_EAR"]), :2] = ear + d
        p[int(P[f"{side}_HIP"]), :2] = hip + d
        if standing:  # thighs and shins hang straight down
            p[int(P[f"{side}_KNEE"]), :2] = hip + d + (0.0, 1.8 * SHOULDER_WIDTH)
            p[int(P[f"{side}_ANKLE"]), :2] = hip + d + (0.0, 3.6 * SHOULDER_WIDTH)
        else:
            p[int(P[f"{side}_KNEE"]), :2] = hip + d + (facing * 1.8 * SHOULDER_WIDTH, 10.0)
            p[int(P[f"{side}_ANKLE"]), :2] = hip + d + (facing * 1.8 * SHOULDER_WIDTH, 1.8 * SHOULDER_WIDTH)
        p[int(P[f"{side}_ELBOW"]), :2] = shoulder + d + (facing * 30.0, 130.0)
        p[int(P[f"{side}_WRIST"]), :2] = shoulder + d + (facing * 150.0, 170.0)
        for finger in ("INDEX", "PINKY", "THUMB"):
            p[int(P[f"{side}_{finger}"]), :2] = shoulder + d + (facing * 180.0, 175.0)
        for part in ("EYE_INNER", "EYE", "EYE_OUTER"):
            p[int(P[f"{side}_{part}"]), :2] = eye + d
        p[int(P[f"MOUTH_{side}"]), :2] = nose + d + (-facing * 8.0, 25.0)
        p[int(P[f"{side}_HEEL"]), :2] = p[int(P[f"{side}_ANKLE"]), :2] + (0.0, 15.0)
        p[int(P[f"{side}_FOOT_INDEX"]), :2] = p[int(P[f"{side}_ANKLE"]), :2] + (facing * 40.0, 20.0)
    p[int(P.NOSE), :2] = nose
    return Body(points=p.astype(np.float32), visibility=np.full(POSE_POINT_COUNT, 0.99, np.float32))


def rotated(body: Body, degrees: float, centre: tuple[float, float] | np.ndarray,
            indices: tuple[int, ...] | None = None) -> Body:
    """Rotate points (all, or `indices`) about `centre`, counter-clockwise as displayed."""
    a = math.radians(degrees)
    m = np.array([[math.cos(a), math.sin(a)], [-math.sin(a), math.cos(a)]])
    p = body.points.astype(np.float64).copy()
    chosen = list(range(POSE_POINT_COUNT)) if indices is None else [int(i) for i in indices]
    c = np.asarray(centre, dtype=np.float64)
    p[chosen, :2] = (p[chosen, :2] - c) @ m.T + c
    return Body(points=p.astype(np.float32), visibility=body.visibility.copy())


def moved(body: Body, indices: tuple[int, ...], dx: float = 0.0, dy: float = 0.0) -> Body:
    p = body.points.copy()
    p[[int(i) for i in indices], 0] += dx
    p[[int(i) for i in indices], 1] += dy
    return Body(points=p, visibility=body.visibility.copy())


def placed(body: Body, positions: dict[int, tuple[float, float]]) -> Body:
    p = body.points.copy()
    for index, (x, y) in positions.items():
        p[int(index), :2] = (x, y)
    return Body(points=p, visibility=body.visibility.copy())


def with_visibility(body: Body, indices: tuple[int, ...], value: float) -> Body:
    v = body.visibility.copy()
    v[[int(i) for i in indices]] = value
    return Body(points=body.points.copy(), visibility=v)


def shoulder_mid(body: Body) -> np.ndarray:
    return (body.xy(P.LEFT_SHOULDER) + body.xy(P.RIGHT_SHOULDER)) / 2


def hip_mid(body: Body) -> np.ndarray:
    return (body.xy(P.LEFT_HIP) + body.xy(P.RIGHT_HIP)) / 2


def head_down(body: Body, pitch_deg: float) -> Body:
    """Pitch the head down by `pitch_deg` (front view): the nose drops below the ears."""
    ear_y = float(body.xy(P.LEFT_EAR)[1] + body.xy(P.RIGHT_EAR)[1]) / 2
    return placed(body, {P.NOSE: (float(body.xy(P.NOSE)[0]), _nose_y(pitch_deg, ear_y))})


def crossed_arms(body: Body) -> Body:
    """Forearms folded across the chest: each wrist past the midline on the other side."""
    x, y = CENTRE_X, SHOULDER_Y
    return placed(body, {
        P.LEFT_ELBOW: (x + 110, y + 150), P.RIGHT_ELBOW: (x - 110, y + 150),
        P.LEFT_WRIST: (x - 60, y + 110), P.RIGHT_WRIST: (x + 60, y + 120),
        P.LEFT_INDEX: (x - 90, y + 100), P.RIGHT_INDEX: (x + 90, y + 110),
        P.LEFT_PINKY: (x - 85, y + 115), P.RIGHT_PINKY: (x + 85, y + 125),
        P.LEFT_THUMB: (x - 80, y + 95), P.RIGHT_THUMB: (x + 80, y + 105),
    })


def hands_on_desk(body: Body) -> Body:
    """Forearms forward, hands resting in front of the belly, not crossing the midline."""
    x, y = CENTRE_X, SHOULDER_Y
    return placed(body, {
        P.LEFT_ELBOW: (x + 115, y + 150), P.RIGHT_ELBOW: (x - 115, y + 150),
        P.LEFT_WRIST: (x + 45, y + 200), P.RIGHT_WRIST: (x - 45, y + 200),
        P.LEFT_INDEX: (x + 25, y + 215), P.RIGHT_INDEX: (x - 25, y + 215),
        P.LEFT_PINKY: (x + 35, y + 220), P.RIGHT_PINKY: (x - 35, y + 220),
        P.LEFT_THUMB: (x + 30, y + 195), P.RIGHT_THUMB: (x - 30, y + 195),
    })


def chin_on_hand(body: Body) -> Body:
    """The right hand raised, its knuckles under the chin."""
    mouth = (body.xy(P.MOUTH_LEFT) + body.xy(P.MOUTH_RIGHT)) / 2
    eyes = (body.xy(P.LEFT_EYE) + body.xy(P.RIGHT_EYE)) / 2
    chin = mouth + 0.8 * (mouth - eyes)
    x, y = float(chin[0]), float(chin[1])
    return placed(body, {
        P.RIGHT_ELBOW: (x - 40, y + 230), P.RIGHT_WRIST: (x - 10, y + 60),
        P.RIGHT_INDEX: (x + 5, y + 8), P.RIGHT_PINKY: (x - 5, y + 20), P.RIGHT_THUMB: (x + 15, y + 25),
    })
