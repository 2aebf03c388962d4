"""Brow measures of one face, for telling negative expressions from smiles.

Crying, sadness, anger and grimaces can show as many teeth as a smile and narrow the eyes as much
as a sincere one. What they add is in the brows: lowered and drawn together (AU4, anger, pain,
crying) or raised at their inner ends (AU1, sadness, worry). These measures are in the face's
own frame (`coach.rules.face_frame`: roll undone, inter-ocular units, y toward the chin):

* brow_height: how far the middle of the brows sits above the eye-corner line;
* inner_brow_height: the same for the brows' inner ends (next to the nose);
* brow_gap: the distance between the two inner brow ends (smaller when knit).

They are compared with the same person's neutral (`ExpressionBaseline`, learned by
`coach.trackers.neutral` or given), never with fixed numbers: brows differ a lot between people.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from coach.rules.face_frame import face_frame
from coach.types import Face

# FaceMesh brow points (upper contour of each brow); person's right, then left.
RIGHT_BROW_MIDDLE = (105, 66)
LEFT_BROW_MIDDLE = (334, 296)
RIGHT_BROW_INNER = (107, 55)
LEFT_BROW_INNER = (336, 285)


@dataclass(frozen=True)
class BrowGeometry:
    brow_height: float
    inner_brow_height: float
    brow_gap: float


def measure_brows(face: Face) -> BrowGeometry:
    frame = face_frame(face)
    points = frame.points[:, :2]
    if not np.isfinite(points).all():
        raise ValueError("face landmarks contain NaN or infinite values")

    # Each brow point pair's mean is written out (the same sum and division as np.mean, without
    # its per-call overhead on two numbers).
    def height(pair: tuple[int, int]) -> float:
        first, second = pair
        return float(-((points[first, 1] + points[second, 1]) / 2))  # y points to the chin: up is negative

    def middle(pair: tuple[int, int]) -> np.ndarray:
        first, second = pair
        return (points[first] + points[second]) / 2

    gap = middle(LEFT_BROW_INNER) - middle(RIGHT_BROW_INNER)
    return BrowGeometry(
        brow_height=(height(RIGHT_BROW_MIDDLE) + height(LEFT_BROW_MIDDLE)) / 2.0,
        inner_brow_height=(height(RIGHT_BROW_INNER) + height(LEFT_BROW_INNER)) / 2.0,
        brow_gap=math.sqrt(gap.dot(gap)),  # np.linalg.norm's arithmetic
    )
