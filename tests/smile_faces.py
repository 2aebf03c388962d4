"""Geometric synthetic faces for the smile and gaze tests: only the FaceMesh points the rules
read are placed; the rest sit at the face centre. Pixel coordinates, upright, frontal."""

from __future__ import annotations

import math

import numpy as np

from coach.types import FACE_POINT_COUNT, Face

CENTRE = np.array([200.0, 200.0])
EYE_WIDTH = 30.0  # pixels; the eye centres are 60 px apart
NEUTRAL_WIDTH = 48.0  # mouth width in pixels (0.8 inter-ocular distances)


def synthetic_face(*, corner_lift_deg: float = 0.0, widen: float = 0.0, lip_gap: float = 0.3,
                   aperture: float = 0.30, lower_lid: float = 0.10, right_corner_only: bool = False,
                   nose_shift: float = 0.0, iris_shift: float = 0.0, nose_depth_tilt: float = 0.0) -> Face:
    """A frontal face. corner_lift_deg lifts the mouth corners to that angle from the lip centre;
    widen is the mouth's fractional widening; aperture and lower_lid are in eye widths;
    nose_shift moves the nose tip sideways (pixels); iris_shift moves both irises sideways
    (half eye widths); nose_depth_tilt moves the point under the nose toward the camera (pixels)."""
    p = np.zeros((FACE_POINT_COUNT, 3))
    p[:, :2] = CENTRE

    def put(index: int, x: float, y: float, z: float = 0.0) -> None:
        p[index] = (x, y, z)

    eye_y = 180.0
    for centre_x, outer, inner, uppers, lowers, iris, sign in (
        (170.0, 33, 133, (160, 159, 158), (144, 145, 153), 468, -1.0),
        (230.0, 263, 362, (387, 386, 385), (373, 374, 380), 473, 1.0),
    ):
        put(outer, centre_x + sign * EYE_WIDTH / 2, eye_y)
        put(inner, centre_x - sign * EYE_WIDTH / 2, eye_y)
        low_y = eye_y + lower_lid * EYE_WIDTH
        up_y = low_y - aperture * EYE_WIDTH
        for fraction, up, low in zip((1 / 4, 0.0, -1 / 4), uppers, lowers, strict=True):
            x = centre_x + sign * fraction * EYE_WIDTH
            put(up, x, up_y)
            put(low, x, low_y)
        put(iris, centre_x + iris_shift * EYE_WIDTH / 2, eye_y - 0.12 * EYE_WIDTH / 2)

    put(168, 200.0, eye_y, -15.0)  # nose bridge
    put(1, 200.0 + nose_shift, 215.0, -25.0)  # nose tip
    put(2, 200.0 + nose_shift * 0.8, 222.0, -15.0 - nose_depth_tilt)  # under the nose
    put(234, 140.0, 200.0)  # face edges
    put(454, 260.0, 200.0)

    mouth_y = 245.0
    half = NEUTRAL_WIDTH * (1.0 + widen) / 2
    rise = half * math.tan(math.radians(corner_lift_deg))
    put(61, 200.0 - half, mouth_y - rise)
    put(291, 200.0 + half, mouth_y - (0.0 if right_corner_only else rise))
    put(13, 200.0, mouth_y - lip_gap / 2)
    put(14, 200.0, mouth_y + lip_gap / 2)
    return Face(points=p.astype(np.float32))


def transformed(face: Face, *, rotate_deg: float = 0.0, scale: float = 1.0,
                shift: tuple[float, float] = (0.0, 0.0)) -> Face:
    """The same face rotated in the image plane about its centre, scaled and moved."""
    a = math.radians(rotate_deg)
    rotation = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    p = face.points.astype(np.float64).copy()
    p[:, :2] = (p[:, :2] - CENTRE) @ rotation.T * scale + CENTRE + np.asarray(shift)
    p[:, 2] *= scale
    return Face(points=p.astype(np.float32))
