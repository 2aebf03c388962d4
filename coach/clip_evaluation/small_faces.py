"""How well smiles are scored on small, grey faces (ceiling cameras, CCTV, 64-px crops).

`degraded_face(image, face, side)` cuts the face found at full resolution (its box grown by
`MARGIN`), shrinks it to `side` x `side` pixels and drops the colour — the picture a ceiling
camera gives. `python -m coach evaluate MANIFEST.csv --degrade 64` scores every smile photo again
from that picture and prints its AUC beside the full-resolution one.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from coach.types import Face

MARGIN = 1.3  # the crop's side as a multiple of the face box's longer side


def degraded_face(image: np.ndarray, face: Face, side: int) -> np.ndarray:
    """A `side`-pixel grey (3-channel BGR) crop of `face` from `image`."""
    if side < 8:
        raise ValueError(f"side must be at least 8 pixels, got {side}")
    x0, y0, x1, y1 = face.bbox
    cx, cy = (x0 + x1) / 2.0, (y0 + y1) / 2.0
    half = max(x1 - x0, y1 - y0) * MARGIN / 2.0
    height, width = image.shape[:2]
    left, top = int(max(cx - half, 0)), int(max(cy - half, 0))
    right, bottom = int(min(cx + half, width)), int(min(cy + half, height))
    crop = image[top:max(bottom, top + 1), left:max(right, left + 1)]
    small = cv2.resize(crop, (side, side), interpolation=cv2.INTER_AREA)
    return cv2.cvtColor(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)


def degraded_scores(images: Sequence[np.ndarray | None], faces: Sequence[Face | None], side: int,
                    landmarker, smile_settings=None) -> list[float]:
    """Smile scores from each face's degraded crop (0 where no face was found, either time)."""
    from coach.rules.smile import SmileSettings, measure_smile
    from coach.types import Frame

    settings = smile_settings or SmileSettings()
    scores = []
    for index, (image, face) in enumerate(zip(images, faces, strict=True)):
        if image is None or face is None:
            scores.append(0.0)
            continue
        small = degraded_face(image, face, side)
        observation = landmarker.detect(Frame(t=float(index), index=index, image=small))
        found = observation.face
        scores.append(measure_smile(found, settings).score if found is not None else 0.0)
    return scores
