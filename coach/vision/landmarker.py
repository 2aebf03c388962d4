"""MediaPipe face and pose landmarks for the staff member, in pixels of the analysed frame.

`Landmarker` wraps the legacy `mp.solutions` FaceMesh (478 points with iris refinement, up to
four faces) and Pose (33 points, `model_complexity=1`); both models ship inside the wheel, so it
works offline. `lm.detect(frame)` returns an `Observation` whose face and body belong to one
person — the staff member:

* Several faces: keep the one nearest the face chosen a moment ago (so a customer leaning in
  does not steal the lock), otherwise the largest and most central one. `faces_in_view` counts
  them all.
* Pose follows a single person. Its nose must fall on the chosen face's box, or the body is
  someone else's and is dropped (`extras["body_rejected"]`).
* Pose is the slowest model (about two thirds of the landmarker's time). With `pose_max_fps` set
  (the live coach: `coach.vision.pacer.LIVE_POSE_MAX_FPS`), it runs at most that often by frame
  time; in between the last body is handed out again (`extras["body_reused"]`) only while the
  chosen face stays where it was when Pose last ran — a face that moved, was lost or is someone
  else's runs Pose at once, so the body still belongs to the chosen face. An empty seat (Pose found
  no one and FaceMesh finds no face) waits for Pose's next turn (`extras["pose_waiting"]`): an
  absence costs FaceMesh only, and a return is seen by FaceMesh at once. Posture alerts wait
  10–30 s, so a body a fifth of a second old changes nothing; review runs Pose at most once a
  second by default, catching up when the face moves (coach.review_defaults).
* With `pose_catch_up=False` (the live eco mode, Pose about once a second) Pose runs off its
  turn only once after losing the body it followed (MediaPipe's tracker often finds a person who
  moved again one frame later): a face that moved, came or went since the last run keeps that
  run's body, marked stale (`extras[BODY_STALE]`: the engine then holds the last posture reading
  instead of measuring a body and a face of different moments), and a frame whose last run
  found no body for the face waits without one (`extras["pose_waiting"]`), as that run said.
* Small faces — a distant person in a wide shot, or a tiny whole image such as a 64x64 crop —
  are below FaceMesh's own detector. When it finds nothing, the head is located from Pose's face
  points (or the full-range face detector), cropped, upscaled and measured, and the points are
  mapped back to the frame. Tiny images are padded and upscaled before anything else. In video,
  a rescue that found nothing is tried again only after `rescue_search_interval_s` (an empty
  seat or a head FaceMesh cannot read would otherwise cost a crop and a FaceMesh run on every
  frame: 3–7 ms a frame on the shared data's faceless stretches, which succeed on 4% of tries).
* With a MediaPipe Tasks `face_landmarker.task` file, the chosen face also gets its 52
  blendshapes (`Face.blendshapes`). Without the file everything else works unchanged, and
  `lm.warnings` says why blendshapes are off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from coach.errors import CoachError
from coach.types import BODY_STALE, Body, Face, Frame, Observation, PoseLandmark
from coach.vision.light import Light, Thumbnail, corners_of, light_of
from coach.vision.pacer import FramePacer, check_max_fps

# Images whose longer side is below this are padded and upscaled first (64x64 face crops).
TINY_IMAGE_SIDE = 256
# Crops around a located head are upscaled to at least this many pixels per side.
CROP_SIDE = 256
# Side of the square crop around a head, as a multiple of the head's size.
HEAD_CROP_FACTOR = 3.0
# A body belongs to the chosen face when Pose's nose lies within the face box grown by this × size.
BODY_MATCH_MARGIN = 0.5
# A face counts as "the same as before" when its centre moved less than this × its size.
STICKY_DISTANCE = 0.6
# Between Pose runs the last body is reused only while the chosen face's centre stays within this ×
# its size of where it was at the last run (and its size within POSE_REUSE_SIZE_RATIO either way).
POSE_REUSE_DISTANCE = 0.25
POSE_REUSE_SIZE_RATIO = 1.25

_POSE_HEAD = tuple(range(int(PoseLandmark.NOSE), int(PoseLandmark.MOUTH_RIGHT) + 1))


@dataclass(frozen=True)
class _Affine:
    """Maps pixel coordinates of a working image back to the original frame: x / scale + dx."""

    scale: float = 1.0
    dx: float = 0.0
    dy: float = 0.0

    def to_frame(self, points: np.ndarray) -> np.ndarray:
        out = points.astype(np.float32, copy=True)
        out[:, 0] = out[:, 0] / self.scale + self.dx
        out[:, 1] = out[:, 1] / self.scale + self.dy
        out[:, 2] = out[:, 2] / self.scale
        return out


@dataclass(frozen=True)
class FaceBox:
    """A face's centre and size (geometric mean of its box's sides), in frame pixels."""

    cx: float
    cy: float
    size: float


@dataclass(frozen=True)
class _PoseMemory:
    """The last Pose run that gave the chosen face's body: when, the body, and that face (None:
    no face was chosen then; kept only when Pose does not catch up)."""

    t: float
    body: Body
    face: FaceBox | None

    def still_fits(self, box: FaceBox | None, t: float) -> bool:
        """The face has hardly moved since Pose ran (and time has not gone backwards); with no
        face then, none now."""
        if t < self.t or (box is None) != (self.face is None):
            return False
        if box is None:
            return True
        moved = math.hypot(box.cx - self.face.cx, box.cy - self.face.cy)
        grown = box.size / max(self.face.size, 1e-6)
        return (moved < POSE_REUSE_DISTANCE * self.face.size
                and 1 / POSE_REUSE_SIZE_RATIO < grown < POSE_REUSE_SIZE_RATIO)


class Landmarker:
    """Face and pose landmarks of the staff member. Use as a context manager (it holds models).

    static_image_mode: True for unrelated photos (every image detected afresh); False for video,
        where MediaPipe tracks between frames and the chosen face is remembered.
    rescue_small_faces: find faces FaceMesh's own detector misses (distant, tiny images).
    blendshapes_model: path to a MediaPipe Tasks `face_landmarker.task`; None = no blendshapes.
    keep_face_s: how long (seconds of frame time) the previously chosen face is preferred.
    rescue_search_interval_s: in video, how often (frame time) the whole frame is searched for
        small faces, and how long a rescue that found nothing waits before it is tried again; in
        between, a small face already found is followed from frame to frame.
    pose_max_fps: in video, run Pose at most this many times per second of frame time, reusing
        the last body in between while the chosen face stays put (None: every frame, the default;
        the live coach uses coach.vision.pacer.LIVE_POSE_MAX_FPS). Ignored in static-image mode.
    pose_catch_up: with pose_max_fps, run Pose at once when the face moved, was lost or has no
        body since Pose last ran (True, the default), or wait for its turn, handing out the last
        body marked stale (False: Pose never runs more often than pose_max_fps; the live eco
        mode, coach.vision.pacer.live_pose_catches_up).
    """

    def __init__(
        self,
        *,
        static_image_mode: bool = False,
        max_num_faces: int = 4,
        pose: bool = True,
        rescue_small_faces: bool = True,
        blendshapes_model: str | Path | None = None,
        min_detection_confidence: float = 0.5,
        min_tracking_confidence: float = 0.5,
        keep_face_s: float = 2.0,
        rescue_search_interval_s: float = 0.5,
        pose_max_fps: float | None = None,
        pose_catch_up: bool = True,
    ) -> None:
        if not 1 <= max_num_faces <= 10:
            raise ValueError(f"max_num_faces must be between 1 and 10, got {max_num_faces}")
        for name, value in (("min_detection_confidence", min_detection_confidence),
                            ("min_tracking_confidence", min_tracking_confidence)):
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")
        if keep_face_s < 0:
            raise ValueError(f"keep_face_s must be 0 or more seconds, got {keep_face_s}")
        if rescue_search_interval_s < 0:
            raise ValueError(f"rescue_search_interval_s must be 0 or more, got {rescue_search_interval_s}")
        self.pose_max_fps = check_max_fps(pose_max_fps)
        self.pose_catch_up = bool(pose_catch_up)
        import mediapipe as mp

        self.static_image_mode = static_image_mode
        self.max_num_faces = max_num_faces
        self.rescue_small_faces = rescue_small_faces
        self.keep_face_s = keep_face_s
        self.rescue_search_interval_s = rescue_search_interval_s
        self._last_search_t: float | None = None
        self._rescue_failed_t: float | None = None  # frame time of the last rescue that found nothing
        self.warnings: list[CoachError] = []  # notes for the user (a code and values), not errors
        self._face_mesh = mp.solutions.face_mesh.FaceMesh(
            static_image_mode=static_image_mode,
            max_num_faces=max_num_faces,
            refine_landmarks=True,
            min_detection_confidence=min_detection_confidence,
            min_tracking_confidence=min_tracking_confidence,
        )
        self._pose = None
        if pose:
            self._pose = mp.solutions.pose.Pose(
                static_image_mode=static_image_mode,
                model_complexity=1,
                enable_segmentation=False,
                min_detection_confidence=min_detection_confidence,
                min_tracking_confidence=min_tracking_confidence,
            )
        self._crop_mesh = None  # created on first need: a static FaceMesh for crops
        self._face_detector = None  # created on first need: full-range detector
        self._min_detection_confidence = min_detection_confidence
        self._blendshaper = _load_blendshaper(blendshapes_model, self.warnings)
        self._last_box: FaceBox | None = None
        self._last_t: float | None = None
        self._pose_pacer = FramePacer(self.pose_max_fps) if self.pose_max_fps is not None else None
        self._pose_memory: _PoseMemory | None = None
        self._pose_saw_nobody = False  # the last Pose run found no one and no face was chosen
        # Without catching up: Pose lost the body it was following, so it runs once more on the next
        # frame (its tracker often finds a person who moved again one frame later).
        self._pose_retry = False
        self.pose_runs = 0  # how many frames Pose has looked at (the rest reused a body or had no Pose)

    # -- lifecycle -------------------------------------------------------------------------------
    def __enter__(self) -> Landmarker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for name in ("_face_mesh", "_pose", "_crop_mesh", "_face_detector", "_blendshaper"):
            model = getattr(self, name, None)
            if model is not None:
                model.close()
                setattr(self, name, None)

    def forget_face(self) -> None:
        """Drop the memory of the chosen face (e.g. when a different person takes the seat).

        MediaPipe's video-mode graphs keep tracking the last frame's face and body regions too:
        they are restarted, or a pooled landmarker's next stream would begin from the previous
        stream's person (Pose's first ~10 frames then land hundreds of pixels off, and the face
        mesh differs for a second), and one recording would give other figures live than in review.
        """
        self._last_box = None
        self._last_t = None
        self._last_search_t = None
        self._rescue_failed_t = None
        self._pose_memory = None
        self._pose_saw_nobody = False
        self._pose_retry = False
        if self._pose_pacer is not None:
            self._pose_pacer.reset()
        if not self.static_image_mode:
            for graph in (self._face_mesh, self._pose):
                if graph is not None:
                    graph.reset()

    @property
    def blendshapes_enabled(self) -> bool:
        return self._blendshaper is not None

    # -- detection -------------------------------------------------------------------------------
    def detect(self, frame: Frame) -> Observation:
        """Landmarks of the staff member in `frame` (BGR). Face/body are None when not seen."""
        if self._face_mesh is None:
            raise RuntimeError("Landmarker is closed")
        image = _as_bgr(frame.image)
        height, width = image.shape[:2]
        rgb, to_frame = _working_image(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
        # Read-only: MediaPipe then takes the picture by reference instead of copying it for each model.
        rgb.flags.writeable = False
        # Brightness and the face's light are read from this sample, taken before the models run
        # (the frame is then still in the CPU's cache).
        sample = Thumbnail.of(image)

        faces = [to_frame.to_frame(points) for points in _mesh_points(self._face_mesh.process(rgb), rgb)]
        if self._pose_may_wait(frame.t) and not self._pose_retry:
            if self._pose_memory is not None:
                reused = self._with_last_body(self._pose_memory, frame, image, sample, faces)
                if reused is not None:
                    return reused
            elif not self.pose_catch_up or (self._pose_saw_nobody and not faces):
                return self._without_body(frame, image, sample, faces)

        body = None
        self._pose_retry = False
        if self._pose is not None:
            self.pose_runs += 1
            pose_result = self._pose.process(rgb)
            if pose_result.pose_landmarks is not None:
                points, visibility = _pose_points(pose_result, rgb)
                body = Body(points=to_frame.to_frame(points), visibility=visibility,
                            frame_size=(width, height))

        face_source = "mesh" if faces else ""
        if not faces and self.rescue_small_faces:
            faces = self._rescue_faces(image, frame.t, body)
            face_source = "crop" if faces else ""

        chosen = self._choose(faces, frame.t, width, height, body)
        extras: dict = {}
        if chosen is not None and body is not None and not _body_matches(body, chosen):
            if face_source == "crop":
                # A small, uncertain face that is not the body's: Pose's person is the staff member
                # (a passer-by's face further back must not replace them).
                chosen = None
                extras["face_rejected"] = True
            else:
                body = None
                extras["body_rejected"] = True
        if self._pose is not None:
            self._remember_pose(frame.t, body, chosen)
        return self._observation(frame, image, sample, faces, chosen, body, face_source, extras)

    def _observation(self, frame: Frame, image: np.ndarray, sample: Thumbnail, faces: list[np.ndarray],
                     chosen: np.ndarray | None, body: Body | None, face_source: str, extras: dict
                     ) -> Observation:
        height, width = image.shape[:2]
        face = None
        light = Light(None, None)
        if chosen is not None:
            light = light_of(sample, corners_of(chosen))
            blendshapes = self._blendshapes(image, chosen) if self._blendshaper is not None else None
            face = Face(points=chosen, blendshapes=blendshapes, frame_size=(width, height))
            extras["face_source"] = face_source
            self._last_box, self._last_t = box_of(chosen), frame.t
        return Observation(t=frame.t, frame_index=frame.index, width=width, height=height, face=face,
                           body=body, faces_in_view=len(faces), extras=extras,
                           brightness=sample.mean_luma(), face_luma=light.face_luma,
                           surround_luma=light.surround_luma)

    # -- Pose at a capped rate -------------------------------------------------------------------
    def _pose_may_wait(self, t: float) -> bool:
        """Pose need not run on the frame stamped `t` (capped rate, not due)."""
        if self._pose_pacer is None or self._pose is None or self.static_image_mode:
            return False
        return not self._pose_pacer.due(t)  # called on every frame, so the grid follows frame time

    def _without_body(self, frame: Frame, image: np.ndarray, sample: Thumbnail, faces: list[np.ndarray]
                      ) -> Observation:
        """A frame between Pose runs whose last run gave no body for the face: an empty seat (no
        one then, no face now), or without catching up any face. Pose waits for its next turn (at
        most 1 / pose_max_fps seconds) instead of running on every such frame; a small face is
        still looked for."""
        source = "mesh" if faces else ""
        if not faces and self.rescue_small_faces:
            faces = self._rescue_faces(image, frame.t, None)
            source = "crop" if faces else ""
        height, width = image.shape[:2]
        chosen = self._choose(faces, frame.t, width, height, None)
        return self._observation(frame, image, sample, faces, chosen, None, source, {"pose_waiting": True})

    def _with_last_body(self, memory: _PoseMemory, frame: Frame, image: np.ndarray, sample: Thumbnail,
                        faces: list[np.ndarray]) -> Observation | None:
        """The observation with the last Pose run's body, or None when Pose must run now.

        The body is reused only while a face is found, chosen as before and hardly moved since that
        run, so it still belongs to this face. A face that is lost, moved or replaced by another
        runs Pose at once — or, when Pose does not catch up, keeps the body marked stale.
        """
        t, (frame_height, frame_width) = frame.t, image.shape[:2]
        face_source = "mesh" if faces else ""
        if not faces and self.rescue_small_faces:
            faces = self._rescue_faces(image, t, memory.body)
            face_source = "crop" if faces else ""
        chosen = self._choose(faces, t, frame_width, frame_height, memory.body)
        extras: dict = {"body_reused": True}
        if not memory.still_fits(None if chosen is None else box_of(chosen), t):
            if self.pose_catch_up or t < memory.t:
                return None
            extras[BODY_STALE] = True
        return self._observation(frame, image, sample, faces, chosen, memory.body, face_source, extras)

    def _remember_pose(self, t: float, body: Body | None, chosen: np.ndarray | None) -> None:
        """Keep this Pose run's body for the frames that follow. Only a body that belongs to the
        chosen face is kept: with no body (none found, someone else's) or no face to follow, the
        next frame runs Pose again, as it would without the cap (MediaPipe's own tracking often
        finds the person again one frame after losing them)."""
        if self._pose_pacer is None:
            return
        # Without catching up, a body with no face is kept too: the frames up to the next run
        # then still see the person (a head turned past FaceMesh's reach).
        keep = body is not None and (chosen is not None or not self.pose_catch_up)
        lost = not keep and self._pose_memory is not None
        self._pose_memory = _PoseMemory(t, body, None if chosen is None else box_of(chosen)) if keep else None
        self._pose_retry = lost and not self.pose_catch_up
        self._pose_saw_nobody = chosen is None and body is None

    def _choose(self, faces: list[np.ndarray], t: float, width: int, height: int, body: Body | None
                ) -> np.ndarray | None:
        if not faces:
            return None
        nose = None if body is None else body.xy(PoseLandmark.NOSE)
        index = pick_staff_face([box_of(p) for p in faces], width, height, self._recent_face(t), nose)
        return faces[index]

    # -- small faces -----------------------------------------------------------------------------
    def _rescue_faces(self, image: np.ndarray, t: float, body: Body | None) -> list[np.ndarray]:
        """Faces FaceMesh missed: crop around each located head, upscale, measure, map back."""
        faces: list[np.ndarray] = []
        if self._rescue_waits(t):
            return faces
        tried: list[FaceBox] = []
        for box in self._head_candidates(image, t, body):
            if any(math.hypot(box.cx - b.cx, box.cy - b.cy) < 0.5 * max(box.size, b.size) for b in tried):
                continue
            tried.append(box)
            points = self._mesh_in_crop(image, box)
            if points is None:
                continue
            got = box_of(points)
            if all(math.hypot(got.cx - f.cx, got.cy - f.cy) > 0.5 * max(got.size, f.size)
                   for f in map(box_of, faces)):
                faces.append(points)
            if len(faces) >= self.max_num_faces:
                break
        self._rescue_failed_t = None if faces or self.static_image_mode else t
        return faces

    def _rescue_waits(self, t: float) -> bool:
        """In video, the last rescue found nothing less than `rescue_search_interval_s` ago."""
        failed = self._rescue_failed_t
        return failed is not None and 0 <= t - failed < self.rescue_search_interval_s

    def _recent_face(self, t: float) -> FaceBox | None:
        """The face chosen within the last `keep_face_s` seconds of frame time, if any."""
        if self._last_t is None or not 0 <= t - self._last_t <= self.keep_face_s:
            return None
        return self._last_box

    def _head_candidates(self, image: np.ndarray, t: float, body: Body | None):
        recent = self._recent_face(t)
        if recent is not None:
            yield recent
        if body is not None:
            head = _head_from_pose(body)
            if head is not None:
                yield head
        # The detector search over the whole frame is the expensive part: in video, at most
        # every `rescue_search_interval_s` (the face found meanwhile is followed from frame to frame).
        last = self._last_search_t
        if self.static_image_mode or last is None or not 0 <= t - last < self.rescue_search_interval_s:
            self._last_search_t = t
            yield from self._detect_heads(image)

    def _detect_heads(self, image: np.ndarray):
        """Heads found by MediaPipe's full-range face detector, on the whole frame and on its halves."""
        import mediapipe as mp

        if self._face_detector is None:
            self._face_detector = mp.solutions.face_detection.FaceDetection(
                model_selection=1, min_detection_confidence=self._min_detection_confidence)
        height, width = image.shape[:2]
        regions = [(0, 0, width, height)]
        if max(width, height) >= 2 * CROP_SIDE:
            # Overlapping tiles make a small face a larger share of the detector's input.
            tile_w, tile_h = (width * 3 // 5, height) if width >= height else (width, height * 3 // 5)
            regions += [(0, 0, tile_w, tile_h), (width - tile_w, height - tile_h, width, height)]
        found: list[FaceBox] = []
        for x0, y0, x1, y1 in regions:
            rgb = np.ascontiguousarray(cv2.cvtColor(image[y0:y1, x0:x1], cv2.COLOR_BGR2RGB))
            result = self._face_detector.process(rgb)
            for detection in result.detections or ():
                box = detection.location_data.relative_bounding_box
                w, h = box.width * (x1 - x0), box.height * (y1 - y0)
                candidate = FaceBox(x0 + (box.xmin * (x1 - x0)) + w / 2, y0 + (box.ymin * (y1 - y0)) + h / 2,
                                 max(w, h))
                if all(math.hypot(candidate.cx - f.cx, candidate.cy - f.cy) > 0.5 * f.size for f in found):
                    found.append(candidate)
        found.sort(key=lambda b: -b.size)
        yield from found[: self.max_num_faces]

    def _mesh_in_crop(self, image: np.ndarray, box: FaceBox) -> np.ndarray | None:
        import mediapipe as mp

        if self._crop_mesh is None:
            self._crop_mesh = mp.solutions.face_mesh.FaceMesh(
                static_image_mode=True, max_num_faces=1, refine_landmarks=True,
                min_detection_confidence=self._min_detection_confidence)
        crop, to_frame = _square_crop(image, box, HEAD_CROP_FACTOR)
        if crop is None:
            return None
        rgb = cv2.cvtColor(crop, cv2.COLOR_BGR2RGB)
        found = _mesh_points(self._crop_mesh.process(rgb), rgb)
        if not found:
            return None
        points = to_frame.to_frame(found[0])
        # Keep it only if it is the head we cropped for, not a neighbour at the crop's edge.
        got = box_of(points)
        if math.hypot(got.cx - box.cx, got.cy - box.cy) > max(box.size, got.size):
            return None
        return points

    # -- blendshapes -----------------------------------------------------------------------------
    def _blendshapes(self, image: np.ndarray, points: np.ndarray) -> dict[str, float] | None:
        import mediapipe as mp

        crop, _ = _square_crop(image, box_of(points), 2.0)
        if crop is None:
            return None
        rgb = np.ascontiguousarray(cv2.cvtColor(crop, cv2.COLOR_BGR2RGB))
        result = self._blendshaper.detect(mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb))
        if not result.face_blendshapes:
            return None
        return {c.category_name: float(c.score) for c in result.face_blendshapes[0]}


# -- helpers (module level so they can be tested and reused) -------------------------------------

def pick_staff_face(boxes: list[FaceBox], width: int, height: int, previous: FaceBox | None = None,
                    body_nose: np.ndarray | None = None) -> int:
    """Index of the staff member's face among `boxes`.

    The face near the one chosen a moment ago (`previous`) wins, so a customer who leans in and
    briefly looks bigger does not steal the lock; then a face that Pose's person (`body_nose`)
    belongs to; otherwise the largest and most central face.
    """
    if previous is not None:
        near = [
            (math.hypot(box.cx - previous.cx, box.cy - previous.cy), i)
            for i, box in enumerate(boxes)
            if math.hypot(box.cx - previous.cx, box.cy - previous.cy) < STICKY_DISTANCE * previous.size
            and 0.5 < box.size / max(previous.size, 1e-6) < 2.0
        ]
        if near:
            return min(near)[1]
    half_diagonal = 0.5 * math.hypot(width, height)

    def prominence(box: FaceBox) -> float:
        off_centre = math.hypot(box.cx - width / 2, box.cy - height / 2) / half_diagonal
        return box.size * (1.0 - 0.5 * min(off_centre, 1.0))

    candidates = range(len(boxes))
    if body_nose is not None:
        with_body = [i for i in candidates if _nose_on_box(body_nose, boxes[i])]
        candidates = with_body or candidates
    return max(candidates, key=lambda i: prominence(boxes[i]))


def _as_bgr(image: np.ndarray) -> np.ndarray:
    if image.dtype != np.uint8:
        image = np.clip(image, 0, 255).astype(np.uint8)
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


def _working_image(rgb: np.ndarray) -> tuple[np.ndarray, _Affine]:
    """The image MediaPipe sees: tiny images padded by half their size and upscaled (a 64x64 face
    crop fills too much of the picture, at too few pixels, for FaceMesh's detector)."""
    height, width = rgb.shape[:2]
    longest = max(height, width)
    if longest >= TINY_IMAGE_SIDE:
        return np.ascontiguousarray(rgb), _Affine()
    pad = longest // 2
    padded = cv2.copyMakeBorder(rgb, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=(0, 0, 0))
    scale = TINY_IMAGE_SIDE / float(longest + 2 * pad)
    upscaled = cv2.resize(padded, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return np.ascontiguousarray(upscaled), _Affine(scale=scale, dx=-pad, dy=-pad)


def _square_crop(image: np.ndarray, box: FaceBox, factor: float) -> tuple[np.ndarray | None, _Affine]:
    """A square crop of side factor × box.size around the box (zero-padded past the frame's edges),
    upscaled to at least CROP_SIDE, and the mapping from crop pixels back to the frame."""
    height, width = image.shape[:2]
    side = int(round(max(box.size * factor, 16)))
    x0, y0 = int(round(box.cx - side / 2)), int(round(box.cy - side / 2))
    sx0, sy0, sx1, sy1 = max(0, x0), max(0, y0), min(width, x0 + side), min(height, y0 + side)
    if sx1 - sx0 < 4 or sy1 - sy0 < 4:
        return None, _Affine()
    crop = np.zeros((side, side, 3), np.uint8)
    crop[sy0 - y0:sy1 - y0, sx0 - x0:sx1 - x0] = image[sy0:sy1, sx0:sx1]
    scale = max(1.0, CROP_SIDE / side)
    if scale > 1.0:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return crop, _Affine(scale=scale, dx=x0, dy=y0)


# One NormalizedLandmark with only x, y, z set, as protobuf lays it out inside a NormalizedLandmarkList:
# field 1 (length-delimited, 15 bytes), then x (field 1), y (field 2), z (field 3) as 32-bit floats.
_XYZ_LANDMARK = np.dtype([("key", "u1"), ("size", "u1"), ("x_key", "u1"), ("x", "<f4"), ("y_key", "u1"),
                          ("y", "<f4"), ("z_key", "u1"), ("z", "<f4")])
_XYZ_KEYS = (0x0A, 15, 0x0D, 0x15, 0x1D)


def _normalized_xyz(landmarks) -> np.ndarray:
    """(n, 3) float32 x, y, z of a NormalizedLandmarkList.

    Read straight from its serialised bytes when every point has exactly x, y and z (FaceMesh's
    478 points: 0.03 ms instead of 0.6 ms for a Python loop over the messages); otherwise, or on
    any other layout, point by point."""
    raw = landmarks.SerializeToString()
    count = len(landmarks.landmark)
    if count and len(raw) == count * _XYZ_LANDMARK.itemsize:
        packed = np.frombuffer(raw, _XYZ_LANDMARK)
        keys = (packed["key"], packed["size"], packed["x_key"], packed["y_key"], packed["z_key"])
        if all((column == key).all() for column, key in zip(keys, _XYZ_KEYS, strict=True)):
            return np.stack([packed["x"], packed["y"], packed["z"]], axis=1)
    return np.array([(p.x, p.y, p.z) for p in landmarks.landmark], np.float32)


def _mesh_points(result, rgb: np.ndarray) -> list[np.ndarray]:
    height, width = rgb.shape[:2]
    scale = np.array([width, height, width], np.float32)
    return [_normalized_xyz(landmarks) * scale for landmarks in result.multi_face_landmarks or ()]


def _pose_points(result, rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    height, width = rgb.shape[:2]
    marks = result.pose_landmarks.landmark
    points = np.array([(p.x * width, p.y * height, p.z * width) for p in marks], np.float32)
    visibility = np.array([p.visibility for p in marks], np.float32)
    return points, visibility


def box_of(points: np.ndarray) -> FaceBox:
    x0, y0 = points[:, 0].min(), points[:, 1].min()
    x1, y1 = points[:, 0].max(), points[:, 1].max()
    size = math.sqrt(max(float(x1 - x0), 1e-6) * max(float(y1 - y0), 1e-6))
    return FaceBox(float(x0 + x1) / 2, float(y0 + y1) / 2, size)


def _head_from_pose(body: Body) -> FaceBox | None:
    """The head's centre and size from Pose's face points (nose, eyes, ears, mouth)."""
    visible = [i for i in _POSE_HEAD if body.visibility[i] >= 0.3]
    if len(visible) < 3:
        return None
    xy = body.points[visible, :2]
    size = float(max(np.ptp(xy[:, 0]), np.ptp(xy[:, 1]), 4.0))
    return FaceBox(float(xy[:, 0].mean()), float(xy[:, 1].mean()), size)


def _nose_on_box(nose: np.ndarray, box: FaceBox) -> bool:
    """Pose's nose lies on the face (its box, with a margin for Pose's coarser points)."""
    reach = (0.5 + BODY_MATCH_MARGIN) * box.size
    return bool(abs(nose[0] - box.cx) <= reach and abs(nose[1] - box.cy) <= reach)


def _body_matches(body: Body, points: np.ndarray) -> bool:
    return _nose_on_box(body.xy(PoseLandmark.NOSE), box_of(points))


def _load_blendshaper(model: str | Path | None, warnings: list[CoachError]):
    """A Tasks FaceLandmarker with blendshapes, or None (and a warning) when the model is unusable."""
    if model is None:
        return None
    path = Path(model)
    if not path.is_file():
        warnings.append(CoachError("vision.error.blendshape_model_missing", path=path))
        return None
    try:
        from mediapipe.tasks.python import BaseOptions, vision

        options = vision.FaceLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(path)),
            running_mode=vision.RunningMode.IMAGE,
            num_faces=1,
            output_face_blendshapes=True,
        )
        return vision.FaceLandmarker.create_from_options(options)
    except (RuntimeError, ValueError, OSError) as error:
        detail = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        warnings.append(CoachError("vision.error.blendshape_model_unusable", path=path, detail=detail))
        return None
