"""The typed containers that flow between the stages of the pipeline.

Everything here is plain numpy and dataclasses, so `coach.rules` can import it without
pulling in cv2 or mediapipe. Landmark coordinates are in *pixels* of the analysed frame
(x right, y down, z scaled like x), never MediaPipe's normalised units: angles measured on
normalised coordinates of a non-square frame would be skewed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property

import numpy as np


class PoseLandmark(IntEnum):
    """The 33 MediaPipe Pose landmarks. LEFT/RIGHT are the person's own sides."""

    NOSE = 0
    LEFT_EYE_INNER = 1
    LEFT_EYE = 2
    LEFT_EYE_OUTER = 3
    RIGHT_EYE_INNER = 4
    RIGHT_EYE = 5
    RIGHT_EYE_OUTER = 6
    LEFT_EAR = 7
    RIGHT_EAR = 8
    MOUTH_LEFT = 9
    MOUTH_RIGHT = 10
    LEFT_SHOULDER = 11
    RIGHT_SHOULDER = 12
    LEFT_ELBOW = 13
    RIGHT_ELBOW = 14
    LEFT_WRIST = 15
    RIGHT_WRIST = 16
    LEFT_PINKY = 17
    RIGHT_PINKY = 18
    LEFT_INDEX = 19
    RIGHT_INDEX = 20
    LEFT_THUMB = 21
    RIGHT_THUMB = 22
    LEFT_HIP = 23
    RIGHT_HIP = 24
    LEFT_KNEE = 25
    RIGHT_KNEE = 26
    LEFT_ANKLE = 27
    RIGHT_ANKLE = 28
    LEFT_HEEL = 29
    RIGHT_HEEL = 30
    LEFT_FOOT_INDEX = 31
    RIGHT_FOOT_INDEX = 32


class FaceLandmark(IntEnum):
    """Named points of MediaPipe FaceMesh (468 points + 10 iris points with refinement).

    LEFT/RIGHT are the person's own sides (the person's left appears on the image's right
    in a non-mirrored camera frame).
    """

    FOREHEAD = 10
    NOSE_TIP = 1
    NOSE_BRIDGE = 168
    CHIN = 152
    MOUTH_CORNER_RIGHT = 61
    MOUTH_CORNER_LEFT = 291
    UPPER_LIP_OUTER = 0
    LOWER_LIP_OUTER = 17
    UPPER_LIP_INNER = 13
    LOWER_LIP_INNER = 14
    RIGHT_EYE_OUTER = 33
    RIGHT_EYE_INNER = 133
    RIGHT_EYE_UPPER_LID = 159
    RIGHT_EYE_LOWER_LID = 145
    LEFT_EYE_INNER = 362
    LEFT_EYE_OUTER = 263
    LEFT_EYE_UPPER_LID = 386
    LEFT_EYE_LOWER_LID = 374
    RIGHT_CHEEK = 50
    LEFT_CHEEK = 280
    RIGHT_FACE_EDGE = 234
    LEFT_FACE_EDGE = 454
    RIGHT_IRIS_CENTER = 468
    LEFT_IRIS_CENTER = 473


FACE_POINT_COUNT = 478
POSE_POINT_COUNT = 33


@dataclass(frozen=True)
class Frame:
    """One picture and the time it was taken (video time for files, monotonic for live)."""

    t: float
    index: int
    image: np.ndarray  # BGR uint8, H x W x 3


@dataclass(frozen=True)
class Face:
    """The staff member's face: 478 points in pixels, with its bounding box."""

    points: np.ndarray  # (478, 3) float32, pixels
    blendshapes: dict[str, float] | None = None  # only with the optional Tasks model
    # (width, height) of the analysed frame, set by the landmarker: the posture rules judge the
    # face's size and position *in the frame* (forward head = face grows, slump = head drops).
    frame_size: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.points.shape != (FACE_POINT_COUNT, 3):
            raise ValueError(f"face points must be ({FACE_POINT_COUNT}, 3), got {self.points.shape}")

    def xy(self, index: int) -> np.ndarray:
        return self.points[int(index), :2]

    # The box and size are read by several rules in one step (posture, the set-up check, the
    # overlay): a frozen face's are worked out once, on first use.
    @cached_property
    def bbox(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) in pixels."""
        xs, ys = self.points[:, 0], self.points[:, 1]
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())

    @cached_property
    def size(self) -> float:
        """Geometric mean of the box's sides, in pixels: a distance-to-camera proxy."""
        x0, y0, x1, y1 = self.bbox
        return float(np.sqrt(max(x1 - x0, 1e-6) * max(y1 - y0, 1e-6)))


@dataclass(frozen=True)
class Body:
    """The staff member's body: 33 pose points in pixels and each point's visibility 0..1."""

    points: np.ndarray  # (33, 3) float32, pixels
    visibility: np.ndarray  # (33,) float32
    frame_size: tuple[int, int] | None = None  # (width, height) of the analysed frame, when known

    def __post_init__(self) -> None:
        if self.points.shape != (POSE_POINT_COUNT, 3):
            raise ValueError(f"body points must be ({POSE_POINT_COUNT}, 3), got {self.points.shape}")
        if self.visibility.shape != (POSE_POINT_COUNT,):
            raise ValueError(f"visibility must be ({POSE_POINT_COUNT},), got {self.visibility.shape}")

    def xy(self, index: int) -> np.ndarray:
        return self.points[int(index), :2]

    def visible(self, *indices: int, threshold: float = 0.5) -> bool:
        return all(self.visibility[int(i)] >= threshold for i in indices)


# `Observation.extras` key: the body is the last Pose run's and the face has moved (or come or
# gone) since; Pose waits for its turn (coach.vision.landmarker, eco mode), so posture is not
# measured from this body and this face together (the engine holds the last posture reading).
BODY_STALE = "body_stale"


@dataclass(frozen=True)
class Observation:
    """What the landmarker saw in one frame. `face`/`body` are None when absent."""

    t: float
    frame_index: int
    width: int
    height: int
    face: Face | None = None
    body: Body | None = None
    faces_in_view: int = 0
    extras: dict = field(default_factory=dict)
    brightness: float | None = None  # mean luma 0..255 of the frame, when the landmarker measured it
    # Mean luma 0..255 of the chosen face and of the ring around it (coach.vision.light), for the
    # set-up check (too dark, backlit); None without a face or when not measured.
    face_luma: float | None = None
    surround_luma: float | None = None

    @property
    def empty(self) -> bool:
        return self.face is None and self.body is None
