"""The landmarker on real photos with real MediaPipe: who is kept, and that small faces are measured."""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np
import pytest
from skimage import data

from coach.rules.geometry import line_tilt
from coach.types import Body, Face, FaceLandmark, Frame, PoseLandmark
from coach.vision.landmarker import FaceBox, Landmarker, _body_matches, pick_staff_face

SHARED_MODEL = Path(__file__).resolve().parents[2] / "shared" / "models" / "face_landmarker.task"


@pytest.fixture(scope="module")
def astronaut() -> np.ndarray:
    return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)


@pytest.fixture(scope="module")
def still():
    with Landmarker(static_image_mode=True) as landmarker:
        yield landmarker


def detect(landmarker: Landmarker, image: np.ndarray, t: float = 0.0):
    return landmarker.detect(Frame(t=t, index=0, image=image))


def eye_line_tilt(face: Face) -> float:
    return line_tilt(face.xy(FaceLandmark.RIGHT_EYE_OUTER), face.xy(FaceLandmark.LEFT_EYE_OUTER))


def centre(face: Face) -> np.ndarray:
    x0, y0, x1, y1 = face.bbox
    return np.array([(x0 + x1) / 2, (y0 + y1) / 2])


def paste(canvas: np.ndarray, image: np.ndarray, x: int, y: int) -> None:
    h, w = image.shape[:2]
    canvas[y:y + h, x:x + w] = image


def test_astronaut_face_and_shoulders_in_pixels(still, astronaut):
    obs = detect(still, astronaut)
    assert obs.face is not None and obs.body is not None
    assert obs.faces_in_view == 1 and (obs.width, obs.height) == (512, 512)
    assert obs.face.points.shape == (478, 3)
    # her face is about x 180-270, y 70-180 in the 512x512 photo
    assert np.allclose(centre(obs.face), (225, 125), atol=20)
    assert 80 < obs.face.size < 130
    assert obs.body.visible(PoseLandmark.LEFT_SHOULDER, PoseLandmark.RIGHT_SHOULDER)
    nose = obs.body.xy(PoseLandmark.NOSE)
    x0, y0, x1, y1 = obs.face.bbox
    assert x0 < nose[0] < x1 and y0 < nose[1] < y1


@pytest.mark.parametrize("degrees", [-20, -10, 10, 20])
def test_head_roll_follows_a_rotated_photo(still, astronaut, degrees):
    upright = eye_line_tilt(detect(still, astronaut).face)
    face_centre = (225.0, 125.0)
    turn = cv2.getRotationMatrix2D(face_centre, degrees, 1.0)  # + = counter-clockwise on screen
    rotated = cv2.warpAffine(astronaut, turn, (512, 512), borderMode=cv2.BORDER_REFLECT)
    obs = detect(still, rotated)
    assert obs.face is not None
    assert eye_line_tilt(obs.face) - upright == pytest.approx(degrees, abs=3.0)


def test_blank_frame_has_nobody(still):
    obs = detect(still, np.zeros((480, 640, 3), np.uint8))
    assert obs.empty and obs.face is None and obs.body is None and obs.faces_in_view == 0


def test_a_cat_is_not_a_face(still):
    obs = detect(still, cv2.cvtColor(data.chelsea(), cv2.COLOR_RGB2BGR))
    assert obs.face is None and obs.faces_in_view == 0


def test_two_faces_keeps_the_large_central_one(still, astronaut):
    canvas = np.full((720, 1280, 3), 90, np.uint8)
    paste(canvas, astronaut, 384, 208)  # the staff member, centred, face ~100 px
    side = cv2.resize(astronaut, None, fx=0.7, fy=0.7)
    paste(canvas, side, 1280 - side.shape[1] - 10, 0)  # someone smaller, at the side
    obs = detect(still, canvas)
    assert obs.faces_in_view == 2
    assert np.allclose(centre(obs.face), (384 + 225, 208 + 125), atol=25)
    assert obs.body is not None  # Pose's person is the one kept


def test_small_face_in_a_wide_shot_is_still_measured(still, astronaut):
    scale = 64 / 100  # her face is ~100 px in the photo: make it ~64 px
    small = cv2.resize(astronaut, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    canvas = np.full((720, 1280, 3), 128, np.uint8)
    x, y = 1280 // 2 - small.shape[1] // 2 + 200, 720 - small.shape[0]
    paste(canvas, small, x, y)
    obs = detect(still, canvas)
    assert obs.face is not None
    assert obs.face.size == pytest.approx(64, abs=16)
    assert np.allclose(centre(obs.face), (x + 225 * scale, y + 125 * scale), atol=12)


def test_tiny_whole_image_face_crop(still, astronaut):
    crop = cv2.resize(astronaut[60:190, 160:290], (64, 64), interpolation=cv2.INTER_AREA)
    obs = detect(still, crop)
    assert obs.face is not None and (obs.width, obs.height) == (64, 64)
    # points are in the 64x64 image's own pixels
    assert np.allclose(centre(obs.face), (32, 32), atol=10)
    assert 25 < obs.face.size < 70


def test_video_mode_keeps_the_same_person_when_a_bigger_face_appears(astronaut):
    staff = cv2.resize(astronaut, None, fx=0.8, fy=0.8)
    with Landmarker() as landmarker:
        first = np.full((720, 1280, 3), 90, np.uint8)
        paste(first, staff, 100, 720 - staff.shape[0])
        before = detect(landmarker, first, t=0.0)
        assert before.face is not None
        both = first.copy()
        paste(both, astronaut, 1280 - 512 - 60, 720 - 512)  # a larger face, more central
        after = detect(landmarker, both, t=1.0)  # a second later: the whole frame is searched again
    assert after.faces_in_view == 2
    assert np.allclose(centre(after.face), centre(before.face), atol=15)


def box(cx, cy, size):
    return FaceBox(float(cx), float(cy), float(size))


def test_pick_staff_face_prefers_large_and_central():
    boxes = [box(100, 100, 120), box(640, 360, 110), box(1100, 600, 60)]
    assert pick_staff_face(boxes, 1280, 720) == 1
    assert pick_staff_face([box(640, 360, 40), box(300, 300, 160)], 1280, 720) == 1


def test_pick_staff_face_sticks_to_the_previous_choice():
    boxes = [box(640, 360, 200), box(200, 300, 100)]
    assert pick_staff_face(boxes, 1280, 720, previous=box(205, 305, 100)) == 1
    # a face far from the previous one does not count as the same person
    assert pick_staff_face(boxes, 1280, 720, previous=box(1000, 100, 100)) == 0


def _face_at(cx: float, cy: float, size: float) -> Face:
    rng = np.random.default_rng(0)
    points = np.column_stack([rng.uniform(cx - size / 2, cx + size / 2, 478),
                              rng.uniform(cy - size / 2, cy + size / 2, 478), np.zeros(478)])
    points[0, :2] = (cx - size / 2, cy - size / 2)
    points[1, :2] = (cx + size / 2, cy + size / 2)
    return Face(points=points.astype(np.float32))


def _body_with_nose(x: float, y: float) -> Body:
    points = np.zeros((33, 3), np.float32)
    points[PoseLandmark.NOSE, :2] = (x, y)
    return Body(points=points, visibility=np.ones(33, np.float32))


def test_body_belongs_to_the_face_only_when_its_nose_is_on_it():
    face = _face_at(300, 200, 100)
    assert _body_matches(_body_with_nose(305, 210), face.points)
    assert not _body_matches(_body_with_nose(700, 210), face.points)


def test_pick_staff_face_prefers_the_face_of_the_tracked_body():
    boxes = [box(640, 360, 120), box(300, 300, 80)]
    assert pick_staff_face(boxes, 1280, 720, body_nose=np.array([305.0, 310.0])) == 1
    assert pick_staff_face(boxes, 1280, 720, body_nose=np.array([1000.0, 100.0])) == 0  # nobody's: prominence


def test_missing_blendshape_model_degrades_to_a_warning(astronaut, tmp_path):
    missing = tmp_path / "nope.task"
    with Landmarker(static_image_mode=True, blendshapes_model=missing) as landmarker:
        assert not landmarker.blendshapes_enabled
        assert len(landmarker.warnings) == 1 and "nope.task" in landmarker.warnings[0].message("en")
        obs = detect(landmarker, astronaut)
    assert obs.face is not None and obs.face.blendshapes is None


def test_unusable_blendshape_model_degrades_to_a_warning(astronaut, tmp_path):
    bad = tmp_path / "bad.task"
    bad.write_bytes(b"not a model")
    with Landmarker(static_image_mode=True, blendshapes_model=bad) as landmarker:
        assert not landmarker.blendshapes_enabled and "bad.task" in landmarker.warnings[0].message("en")
        assert detect(landmarker, astronaut).face is not None


def test_blendshapes_with_the_tasks_model(astronaut):
    model = Path(os.environ.get("COACH_FACE_LANDMARKER_TASK", SHARED_MODEL))
    if not model.is_file():
        pytest.skip(f"no face_landmarker.task at {model} (set COACH_FACE_LANDMARKER_TASK)")
    with Landmarker(static_image_mode=True, blendshapes_model=model) as landmarker:
        obs = detect(landmarker, astronaut)
    shapes = obs.face.blendshapes
    assert shapes is not None and len(shapes) == 52
    assert shapes["mouthSmileLeft"] > 0.5 and shapes["mouthSmileRight"] > 0.5  # she smiles broadly


def test_a_rescue_that_found_nothing_waits_and_a_found_small_face_is_followed(astronaut):
    """Video at 30 fps: a small face (below FaceMesh's own detector) is followed on every frame;
    after she leaves, the crop around where she was is tried twice a second, not on every frame
    for the 2 s her face is remembered; when she is back she is found within half a second.
    FaceMesh runs on crops are counted by wrapping the landmarker's crop step."""
    scale = 64 / 100
    small = cv2.resize(astronaut, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    empty = np.full((720, 1280, 3), 128, np.uint8)
    wide = empty.copy()
    paste(wide, small, 1280 // 2 - small.shape[1] // 2 + 200, 720 - small.shape[0])
    frames = [wide] * 15 + [empty] * 60 + [wide] * 30
    crops = [0] * len(frames)
    with Landmarker(pose=False) as video:
        original = video._mesh_in_crop
        seen = []
        for k, image in enumerate(frames):
            def counted(image, box, k=k):
                crops[k] += 1
                return original(image, box)

            video._mesh_in_crop = counted
            seen.append(video.detect(Frame(t=k / 30, index=k, image=image)))
    here, away, back = seen[:15], seen[15:75], seen[75:]
    assert sum(obs.face is not None for obs in here) >= 14  # followed from frame to frame
    assert all(obs.face is None for obs in away)
    tried_away = sum(1 for n in crops[15:75] if n)
    assert 3 <= tried_away <= 5  # at most twice a second over the 2 s away, not on 60 frames
    first = next(k for k, obs in enumerate(back) if obs.face is not None)
    assert first <= 15  # found again at the next try, at most half a second later
    assert all(obs.face is not None for obs in back[first:])
