"""How the face is lit, measured from the frame's pixels: the face's luma and its surround's.

The set-up check (`coach.rules.setup`) judges numbers, never pixels, so the vision layer hands it
two means of BT.601 luma (0..255):

* face: inside the face's landmark box (shrunk by a tenth each side, so hair and background at
  the box's corners weigh little);
* surround: the ring around the face — the box grown by one face size each way, minus the box
  itself, and only down to the chin line: what is beside and behind the head (a wall, a window),
  not the clothes under it.

A window or lamp behind the clerk makes the surround far brighter than the face (backlit); a dark
room makes both dark. Every 2nd pixel each way is enough for a mean and keeps this well under a
millisecond on a webcam frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

STEP = 2  # sample every STEP-th pixel each way
FACE_INSET = 0.1  # shrink the face box by this share of its side, each side
RING = 1.0  # the surround reaches this many face sizes beyond the box


@dataclass(frozen=True)
class Light:
    face_luma: float | None
    surround_luma: float | None


def luma(pixels: np.ndarray) -> float | None:
    """Mean BT.601 luma (0..255) of BGR pixels, None when there are none."""
    if pixels.size == 0:
        return None
    sample = pixels.reshape(-1, 3).astype(np.float32)
    return float((sample @ np.array([0.114, 0.587, 0.299], dtype=np.float32)).mean())


def corners_of(points: np.ndarray) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of landmark points in pixels."""
    return (float(points[:, 0].min()), float(points[:, 1].min()),
            float(points[:, 0].max()), float(points[:, 1].max()))


def measure_light(image: np.ndarray, box: tuple[float, float, float, float]) -> Light:
    """Face and surround luma of a BGR image for a face box (x0, y0, x1, y1) in pixels."""
    height, width = image.shape[:2]
    x0, y0, x1, y1 = box
    side_w, side_h = max(x1 - x0, 1.0), max(y1 - y0, 1.0)

    def clip(value: float, high: int) -> int:
        return int(min(max(round(value), 0), high))

    fx0, fx1 = clip(x0 + FACE_INSET * side_w, width), clip(x1 - FACE_INSET * side_w, width)
    fy0, fy1 = clip(y0 + FACE_INSET * side_h, height), clip(y1 - FACE_INSET * side_h, height)
    face = luma(image[fy0:fy1:STEP, fx0:fx1:STEP]) if fx1 > fx0 and fy1 > fy0 else None

    rx0, rx1 = clip(x0 - RING * side_w, width), clip(x1 + RING * side_w, width)
    ry0, ry1 = clip(y0 - RING * side_h, height), clip(y1, height)
    ring = image[ry0:ry1:STEP, rx0:rx1:STEP]
    if ring.size == 0:
        return Light(face, None)
    ys = np.arange(ry0, ry1, STEP)[:, None]
    xs = np.arange(rx0, rx1, STEP)[None, :]
    outside = ~((xs >= x0) & (xs < x1) & (ys >= y0) & (ys < y1))
    return Light(face, luma(ring[outside]))
