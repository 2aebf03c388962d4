"""The overlay: drawn at the preview's size (the picture scaled, the landmarks with it), the input
left as it was, full size on request (annotated files), labels in either language."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coach.vision.landmarker import Landmarker
from coach.vision.overlay import PREVIEW_MAX_SIDE, cjk_font_path, draw
from coach.vision.sources import open_source

SAMPLE = Path(__file__).resolve().parents[1] / "sample_videos" / "default_session.mp4"


@pytest.fixture(scope="module")
def seen_720p():
    """A real 1280×720 picture of the sample and what the landmarker saw in it."""
    import cv2

    from coach.types import Frame

    with open_source(SAMPLE) as source:
        image = cv2.resize(next(iter(source)).image, (1280, 720), interpolation=cv2.INTER_LINEAR)
    with Landmarker(static_image_mode=True) as landmarker:
        obs = landmarker.detect(Frame(t=0.0, index=0, image=image))
    assert obs.face is not None and obs.body is not None
    return image, obs


def _drawn(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    return np.abs(after.astype(np.int16) - before.astype(np.int16)).max(axis=2) > 40


def test_a_large_frame_is_drawn_at_the_preview_size_with_the_landmarks_scaled(seen_720p):
    image, obs = seen_720p
    kept = image.copy()
    preview = draw(image, obs, lang="en")
    assert np.array_equal(image, kept)  # the input is not drawn on
    assert max(preview.shape[:2]) == PREVIEW_MAX_SIDE and preview.shape[:2] == (360, 640)
    import cv2

    plain = cv2.resize(image, (640, 360), interpolation=cv2.INTER_AREA)
    marks = _drawn(plain, preview)
    x0, y0, x1, y1 = (v / 2 for v in obs.face.bbox)  # the face's box at half size
    face_marks = marks[int(y0):int(y1) + 1, int(x0):int(x1) + 1].sum()
    assert face_marks > 200  # the mesh lies on the face where the preview shows it
    outside = marks.copy()
    outside[max(0, int(y0) - 40):int(y1) + 40, max(0, int(x0) - 40):int(x1) + 40] = False
    assert face_marks > outside[:, : int(x0) // 2].sum()  # not drawn at full-size positions


def test_annotated_files_get_the_full_size(seen_720p):
    image, obs = seen_720p
    full = draw(image, obs, lang="en", max_side=None)
    assert full.shape == image.shape and _drawn(image, full).sum() > 500


def test_a_preview_sized_frame_is_drawn_as_it_is(seen_720p):
    import cv2

    image, obs = seen_720p
    small = cv2.resize(image, (640, 360), interpolation=cv2.INTER_AREA)
    with Landmarker(static_image_mode=True) as landmarker:
        from coach.types import Frame

        small_obs = landmarker.detect(Frame(t=0.0, index=0, image=small))
    drawn = draw(small, small_obs, lang="en")
    assert drawn.shape == small.shape and _drawn(small, drawn).sum() > 500


@pytest.mark.skipif(cjk_font_path() is None,
                    reason="no CJK font on this machine: Chinese labels fall back to English")
def test_chinese_labels_are_drawn_in_their_boxes(seen_720p):
    import cv2

    from coach.types import Observation

    image, _ = seen_720p
    nobody = Observation(t=0.0, frame_index=0, width=1280, height=720)  # "no face", top left
    plain = cv2.resize(image, (640, 360), interpolation=cv2.INTER_AREA)
    chinese, english = draw(image, nobody, lang="zh-CN"), draw(image, nobody, lang="en")
    assert _drawn(plain[:40, :200], chinese[:40, :200]).sum() > 30  # ink in the label's box
    assert _drawn(plain[40:, :], chinese[40:, :]).sum() == 0  # and nowhere else
    assert _drawn(english[:40, :200], chinese[:40, :200]).sum() > 30  # glyphs, not the English text
