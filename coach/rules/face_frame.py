"""The face's own frame: face landmarks with head roll undone and scaled by the eye distance.

Pixel landmarks mix what the face does with where the head is: a head tilted sideways rotates
the mouth, and a face nearer the camera is bigger. Measured in the face's own frame, a smile's
numbers stay the same under both.

The frame:
* origin: midway between the two eye centres;
* x axis: along the eye line, from the person's right eye centre toward their left eye centre
  (toward the image's right for an upright face in an unmirrored camera);
* y axis: perpendicular, toward the chin (like image y, down);
* z: MediaPipe's relative depth, unrotated (roll turns the face about the camera axis);
* unit: the inter-ocular distance (between the eye centres), for all three axes.

An eye centre is the midpoint of its two corners, not of its lid contour or iris: the corners
stay put when the lids narrow in a smile or the eyes look aside, so the frame does not move with
the very expression being measured.

Only roll is undone. Yaw and pitch turn the face out of the image plane and cannot be undone
from a 2-D rotation; they foreshorten horizontal and vertical distances respectively, which
the ratios used by the rules partly cancel (see `coach.rules.gaze` for yaw and pitch).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from coach.rules.last_call import remember_last_call
from coach.types import Face, FaceLandmark

# Eye centres come from these corners (FaceMesh indices, named in coach.types).
RIGHT_EYE_CORNERS = (FaceLandmark.RIGHT_EYE_OUTER, FaceLandmark.RIGHT_EYE_INNER)
LEFT_EYE_CORNERS = (FaceLandmark.LEFT_EYE_OUTER, FaceLandmark.LEFT_EYE_INNER)

# Below this inter-ocular distance (pixels) the landmarks cannot carry a measurement.
MIN_INTER_OCULAR_PX = 1.0


@dataclass(frozen=True)
class FaceFrame:
    """Face landmarks in the face's own frame, and how that frame sits in the image.

    points: (478, 3) in inter-ocular units (x along the eye line, y toward the chin, z depth).
    origin_px: (x, y) pixel position of the midpoint between the eye centres.
    roll_deg: head roll, the eye line's angle from the image x axis in degrees; positive when
        the person's left eye (image right) is lower on screen, i.e. clockwise on screen.
    inter_ocular_px: distance between the eye centres in pixels.
    """

    points: np.ndarray
    origin_px: np.ndarray
    roll_deg: float
    inter_ocular_px: float

    def xy(self, index: int) -> np.ndarray:
        """The (x, y) of one landmark in face-frame units."""
        return self.points[int(index), :2]

    def mean_xy(self, indices: tuple[int, ...]) -> np.ndarray:
        return self.points[list(map(int, indices)), :2].mean(axis=0)


def eye_centres_px(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(right, left) eye centres in pixels: the midpoints of each eye's two corners."""
    # The mean of two rows, written out: the same sum and division as `.mean(axis=0)`, without
    # its per-call overhead (several microseconds on a 2-vector).
    (right_outer, right_inner), (left_outer, left_inner) = RIGHT_EYE_CORNERS, LEFT_EYE_CORNERS
    right = (points[right_outer, :2] + points[right_inner, :2]) / 2.0
    left = (points[left_outer, :2] + points[left_inner, :2]) / 2.0
    return right, left


# The smile, expression and gaze rules each ask for the same face's frame in one step (a quarter
# of the rules' time when computed each time): the last face's frame is remembered.
@remember_last_call
def face_frame(face: Face) -> FaceFrame:
    """Put a face's landmarks into its own roll-free, scale-free frame.

    Raises ValueError when the eyes coincide (a degenerate point set cannot be measured).
    """
    return _face_frame(face)


def _face_frame(face: Face) -> FaceFrame:
    points = np.asarray(face.points, dtype=np.float64)
    right, left = eye_centres_px(points)
    eye_line = left - right
    inter_ocular = float(math.hypot(eye_line[0], eye_line[1]))
    if not math.isfinite(inter_ocular) or inter_ocular < MIN_INTER_OCULAR_PX:
        raise ValueError(
            f"face landmarks are degenerate: the eye centres are {inter_ocular:.2f} px apart "
            f"(need at least {MIN_INTER_OCULAR_PX} px)"
        )
    roll = math.atan2(eye_line[1], eye_line[0])
    origin = (right + left) / 2.0
    cos_r, sin_r = math.cos(roll), math.sin(roll)
    # Rotate by -roll about the origin so the eye line becomes the x axis.
    unroll = np.array([[cos_r, sin_r], [-sin_r, cos_r]])
    local = np.empty_like(points)
    local[:, :2] = (points[:, :2] - origin) @ unroll.T
    local[:, 2] = points[:, 2]
    local /= inter_ocular
    return FaceFrame(points=local, origin_px=origin, roll_deg=math.degrees(roll),
                     inter_ocular_px=inter_ocular)
