"""How the face is lit, measured from the frame's pixels: the face's luma and its surround's.

The set-up check (`coach.rules.setup`) judges numbers, never pixels, so the vision layer hands it
two means of BT.601 luma (0..255):

* face: inside the face's landmark box (shrunk by a tenth each side, so hair and background at
  the box's corners weigh little);
* surround: the ring around the face — the box grown by one face size each way, minus the box
  itself, and only down to the chin line: what is beside and behind the head (a wall, a window),
  not the clothes under it.

A window or lamp behind the clerk makes the surround far brighter than the face (backlit); a dark
room makes both dark. Every 4th pixel each way is enough for a mean, and the surround's mean is
the rectangle's sum less the face box's (no mask is built), so this stays a small fraction of a
millisecond per frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

STEP = 4  # sample every STEP-th pixel each way
FACE_INSET = 0.1  # shrink the face box by this share of its side, each side
RING = 1.0  # the surround reaches this many face sizes beyond the box
_WEIGHTS = np.array([0.114, 0.587, 0.299])  # BT.601, in BGR order


@dataclass(frozen=True)
class Light:
    face_luma: float | None
    surround_luma: float | None


def luma(pixels: np.ndarray) -> float | None:
    """Mean BT.601 luma (0..255) of BGR pixels, None when there are none."""
    total, count = _luma_sum(pixels)
    return total / count if count else None


def _luma_sum(pixels: np.ndarray) -> tuple[float, int]:
    if pixels.size == 0:
        return 0.0, 0
    sums = pixels.reshape(-1, 3).sum(axis=0, dtype=np.float64)
    return float(sums @ _WEIGHTS), pixels.size // 3


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

    def region(left: float, top: float, right: float, bottom: float) -> np.ndarray:
        return image[clip(top, height):clip(bottom, height):STEP, clip(left, width):clip(right, width):STEP]

    face = luma(region(x0 + FACE_INSET * side_w, y0 + FACE_INSET * side_h,
                       x1 - FACE_INSET * side_w, y1 - FACE_INSET * side_h))
    # Each region is sampled on a grid from its own corner: the box's sum estimates its share of
    # the rectangle's closely enough for a mean.
    ring_sum, ring_count = _luma_sum(region(x0 - RING * side_w, y0 - RING * side_h, x1 + RING * side_w, y1))
    box_sum, box_count = _luma_sum(region(x0, y0, x1, y1))
    count = ring_count - box_count
    return Light(face, (ring_sum - box_sum) / count if count > 0 else None)
