"""A pooled landmarker starts each stream afresh: the same recording gives the same landmarks
whether its models are new or were handed over from another session (the live page's pool).

MediaPipe's video-mode graphs track the last frame's face and body regions; without a restart,
the next stream's first frames began from the previous stream's person. Bundled sample videos.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from coach.vision.model_pool import LandmarkerPool
from coach.vision.sources import open_source

SAMPLES = Path(__file__).resolve().parents[1] / "sample_videos"
FRAMES = 20


def landmarks(landmarker, name: str) -> list[tuple]:
    seen = []
    with open_source(SAMPLES / name) as source:
        for index, frame in enumerate(source):
            if index >= FRAMES:
                break
            obs = landmarker.detect(frame)
            seen.append((None if obs.face is None else obs.face.points.copy(),
                         None if obs.body is None else obs.body.points.copy()))
    return seen


def test_a_handed_over_landmarker_sees_a_recording_as_a_new_one_does():
    pool = LandmarkerPool(keep=1)
    landmarker = pool.take(None)
    first = landmarks(landmarker, "lean_slump.mp4")
    pool.give_back(landmarker)
    landmarker = pool.take(None)
    landmarks(landmarker, "sway_smile.mp4")  # another session in between
    pool.give_back(landmarker)
    again = pool.take(None)
    assert pool.built == 1  # the same models, handed over twice
    second = landmarks(again, "lean_slump.mp4")
    pool.give_back(again)
    assert any(body is not None for _, body in first)
    for (face_a, body_a), (face_b, body_b) in zip(first, second, strict=True):
        for a, b in ((face_a, face_b), (body_a, body_b)):
            assert (a is None) == (b is None)
            if a is not None:
                np.testing.assert_allclose(a, b, atol=1e-3)
