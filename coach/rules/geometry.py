"""Plane geometry on landmark points, in image pixels (x right, y down).

Every angle is in degrees. Signs follow what a person sees on the screen, not the maths
convention of y pointing up: "up" is smaller y, and a tilt is positive when the right-hand
end of a line (on the image) is the higher one, i.e. the line is turned counter-clockwise
as displayed. Turning a picture counter-clockwise by 10° therefore adds 10° to every tilt
measured in it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

Point = Sequence[float] | np.ndarray


def _xy(point: Point) -> np.ndarray:
    return np.asarray(point, dtype=float)[:2]


def _coords(point: Point) -> tuple[float, float]:
    """x and y as Python floats: the same double-precision values `_xy` holds, for arithmetic on
    two numbers without numpy's per-call overhead (the rules call these dozens of times a frame)."""
    return float(point[0]), float(point[1])


def distance(a: Point, b: Point) -> float:
    """Euclidean distance between two points in the image plane."""
    return math.hypot(float(a[0]) - float(b[0]), float(a[1]) - float(b[1]))


def midpoint(a: Point, b: Point) -> np.ndarray:
    (ax, ay), (bx, by) = _coords(a), _coords(b)
    return np.array(((ax + bx) / 2.0, (ay + by) / 2.0))


def angle_at(a: Point, vertex: Point, c: Point) -> float:
    """The angle a–vertex–c in degrees, 0..180 (e.g. the elbow angle shoulder–elbow–wrist)."""
    u, v = _xy(a) - _xy(vertex), _xy(c) - _xy(vertex)
    norm = float(np.hypot(*u) * np.hypot(*v))
    if norm == 0.0:
        raise ValueError("angle_at needs three distinct points")
    cosine = float(np.clip(np.dot(u, v) / norm, -1.0, 1.0))
    return math.degrees(math.acos(cosine))


def angle_from_vertical(lower: Point, upper: Point) -> float:
    """How far the segment lower→upper leans from straight up, signed, in -180..180.

    0 when `upper` is directly above `lower`; positive when `upper` lies to the image's
    right of `lower` (e.g. a trunk from hip to shoulder leaning toward the image's right).
    """
    (ux, uy), (lx, ly) = _coords(upper), _coords(lower)
    return math.degrees(math.atan2(ux - lx, -(uy - ly)))


def line_tilt(a: Point, b: Point) -> float:
    """Tilt of the line through a and b from horizontal, in -90..90, whatever the order.

    Positive when the end further right on the image is higher (smaller y).
    """
    a_xy, b_xy = _coords(a), _coords(b)
    (lx, ly), (rx, ry) = (a_xy, b_xy) if a_xy[0] <= b_xy[0] else (b_xy, a_xy)
    dx, dy = rx - lx, ry - ly
    if dx == 0.0 and dy == 0.0:
        raise ValueError("line_tilt needs two distinct points")
    angle = math.degrees(math.atan2(-dy, dx))
    # A vertical line comes out as +/-90 depending on order; fold it to +90.
    return 90.0 if angle <= -90.0 else angle


def below_horizontal(origin: Point, target: Point) -> float:
    """Angle of origin→target below horizontal, in -90..90, whichever way it points sideways.

    Positive when `target` is lower on the image than `origin` (e.g. ear→nose when the head
    pitches down in a side view).
    """
    (tx, ty), (ox, oy) = _coords(target), _coords(origin)
    dx, dy = tx - ox, ty - oy
    if dx == 0.0 and dy == 0.0:
        raise ValueError("below_horizontal needs two distinct points")
    return math.degrees(math.atan2(dy, abs(dx)))


def body_frame(point: Point, origin: Point, across: Point, scale: float) -> np.ndarray:
    """`point` in a body-fixed frame: (along `across`, perpendicular below it) / `scale`.

    `across` is a direction (e.g. right shoulder → left shoulder); the second coordinate is
    positive on the side of the line the image's "down" points to, so with an upright body
    it measures how far below the line the point lies. Rotating the whole picture leaves the
    result unchanged, which keeps rules like "wrist at chest height" honest under camera roll.
    """
    if scale <= 0.0:
        raise ValueError("body_frame needs a non-zero axis and a positive scale")
    return np.array(_along_and_below(point, origin, across)) / scale


def _along_and_below(point: Point, origin: Point, across: Point) -> tuple[float, float]:
    """`point - origin` projected on the unit vector along `across` and on its normal that points
    below the line. The arrays are built from Python floats (cheaper than converting each point),
    and the projections stay numpy dot products: their rounding is the one every reading had."""
    ax, ay = _coords(across)
    length = float(np.hypot(ax, ay))
    if length == 0.0:
        raise ValueError("body_frame needs a non-zero axis and a positive scale")
    ux, uy = ax / length, ay / length
    # The normal (-uy, ux), turned round when it points up: "below the line" is the positive side.
    normal = np.array((uy, -ux)) if ux < 0 else np.array((-uy, ux))
    (px, py), (ox, oy) = _coords(point), _coords(origin)
    offset = np.array((px - ox, py - oy))
    return float(offset.dot(np.array((ux, uy)))), float(offset.dot(normal))


def height_above_line(point: Point, a: Point, b: Point) -> float:
    """Perpendicular distance of `point` above the line a–b (positive = above, in pixels)."""
    (ax, ay), (bx, by) = _coords(a), _coords(b)
    return -_along_and_below(point, midpoint(a, b), (bx - ax, by - ay))[1]
