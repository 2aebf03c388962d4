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
the rectangle's sum less the face box's (no mask is built). The landmarker takes one such sample
of each frame (`Thumbnail`: OpenCV's nearest-neighbour resize to a quarter each way) and reads the
frame's brightness and the face's light from it, so a 720p frame costs about a tenth of a
millisecond in all instead of a copy of every region.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
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


@dataclass(frozen=True)
class Thumbnail:
    """Every STEP-th pixel of a BGR frame each way (nearest neighbour), and the frame's size."""

    pixels: np.ndarray
    width: int
    height: int

    @classmethod
    def of(cls, image: np.ndarray) -> Thumbnail:
        height, width = image.shape[:2]
        size = ((width + STEP - 1) // STEP, (height + STEP - 1) // STEP)
        return cls(cv2.resize(image, size, interpolation=cv2.INTER_NEAREST), width, height)

    def mean_luma(self) -> float:
        """Mean luma of the whole frame (luma is linear in the channels: the weighted channel means)."""
        blue, green, red = cv2.mean(self.pixels)[:3]
        return float(0.114 * blue + 0.587 * green + 0.299 * red)

    def region_sum(self, left: float, top: float, right: float, bottom: float) -> tuple[float, int]:
        """Luma sum and pixel count of the sample inside a rectangle given in frame pixels."""
        rows, cols = self.pixels.shape[:2]

        def clip(value: float, frame_side: int, sample_side: int) -> int:
            return int(min(max(round(value * sample_side / frame_side), 0), sample_side))

        x0, x1 = clip(left, self.width, cols), clip(right, self.width, cols)
        y0, y1 = clip(top, self.height, rows), clip(bottom, self.height, rows)
        if x1 <= x0 or y1 <= y0:
            return 0.0, 0
        blue, green, red = cv2.sumElems(self.pixels[y0:y1, x0:x1])[:3]
        return float(0.114 * blue + 0.587 * green + 0.299 * red), (x1 - x0) * (y1 - y0)


def measure_light(image: np.ndarray, box: tuple[float, float, float, float]) -> Light:
    """Face and surround luma of a BGR image for a face box (x0, y0, x1, y1) in pixels."""
    return light_of(Thumbnail.of(image), box)


def light_of(thumbnail: Thumbnail, box: tuple[float, float, float, float]) -> Light:
    """Face and surround luma of a frame's sample for a face box (x0, y0, x1, y1) in frame pixels."""
    x0, y0, x1, y1 = box
    side_w, side_h = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    face_sum, face_count = thumbnail.region_sum(x0 + FACE_INSET * side_w, y0 + FACE_INSET * side_h,
                                                x1 - FACE_INSET * side_w, y1 - FACE_INSET * side_h)
    ring_sum, ring_count = thumbnail.region_sum(x0 - RING * side_w, y0 - RING * side_h,
                                                x1 + RING * side_w, y1)
    box_sum, box_count = thumbnail.region_sum(x0, y0, x1, y1)
    count = ring_count - box_count
    return Light(face_sum / face_count if face_count else None,
                 (ring_sum - box_sum) / count if count > 0 else None)
