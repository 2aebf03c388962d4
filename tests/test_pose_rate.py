"""Pose at a capped rate (`Landmarker(pose_max_fps=...)`), with real MediaPipe on the astronaut.

Pose's calls are counted by wrapping the landmarker's Pose `process` method; the frames are the
photo pasted on a wider canvas and stamped like a 30 fps camera, drifting slowly (a person who
sits still) or jumping (someone else, or the staff member moving a lot).
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from skimage import data

from coach.types import BODY_STALE, Frame, Observation
from coach.vision.landmarker import Landmarker, _body_matches
from coach.vision.pacer import LIVE_POSE_MAX_FPS

CANVAS = (512, 768)  # height, width: FaceMesh's own detector finds her face here


@pytest.fixture(scope="module")
def astronaut() -> np.ndarray:
    return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)


def scene(astronaut: np.ndarray, x: int) -> np.ndarray:
    """The photo (her face about 100 px) pasted `x` pixels from the canvas's left edge."""
    canvas = np.full((*CANVAS, 3), 90, np.uint8)
    canvas[:, x:x + 512] = astronaut
    return canvas


def count_pose_calls(landmarker: Landmarker) -> list[float]:
    """Wrap the landmarker's Pose so each call is noted; the list fills as frames are detected."""
    calls: list[float] = []
    pose = landmarker._pose
    original = pose.process

    def counted(image):
        calls.append(len(calls))
        return original(image)

    pose.process = counted
    return calls


def detect_at(landmarker: Landmarker, image: np.ndarray, k: int, fps: float = 30.0) -> Observation:
    return landmarker.detect(Frame(t=k / fps, index=k, image=image))


def test_pose_runs_five_times_a_second_and_the_body_is_kept_in_between(astronaut):
    with Landmarker(pose_max_fps=5) as landmarker:
        calls = count_pose_calls(landmarker)
        observations, ran = [], []
        for k in range(60):  # 2 s at 30 fps, drifting right 1 px a frame
            before = len(calls)
            observations.append(detect_at(landmarker, scene(astronaut, 60 + k), k))
            ran.append(len(calls) > before)
    assert len(calls) == 10  # 5 a second, on the 0.2 s grid
    assert [k for k, yes in enumerate(ran) if yes] == list(range(0, 60, 6))
    for obs, fresh in zip(observations, ran, strict=True):
        assert obs.face is not None and obs.body is not None
        assert obs.extras.get("body_reused", False) is not fresh
        assert _body_matches(obs.body, obs.face.points)  # the body is still the chosen face's
    # in between, the body is the one Pose gave last
    assert observations[1].body is observations[0].body and observations[7].body is observations[6].body
    assert landmarker.pose_runs == 10


def test_a_big_face_move_runs_pose_at_once(astronaut):
    with Landmarker(pose_max_fps=5) as landmarker:
        calls = count_pose_calls(landmarker)
        first = detect_at(landmarker, scene(astronaut, 0), 0)
        steady = detect_at(landmarker, scene(astronaut, 2), 1)
        assert len(calls) == 1 and steady.extras.get("body_reused")
        ran, after = [], []
        for k, x in enumerate((250, 251, 252, 253), start=2):  # a 250 px jump: two and a half face widths
            before = len(calls)
            after.append(detect_at(landmarker, scene(astronaut, x), k))
            ran.append(len(calls) > before)
    assert first.body is not None and all(obs.face is not None for obs in after)
    assert ran[0] and not after[0].extras.get("body_reused")  # not due for another 0.13 s, yet Pose ran
    assert all(obs.body is not first.body for obs in after)  # the old body is never handed out
    fresh = [obs for obs in after if obs.body is not None]
    assert fresh
    for obs in fresh:
        assert _body_matches(obs.body, obs.face.points)
        assert obs.body.xy(0)[0] - first.body.xy(0)[0] == pytest.approx(250, abs=20)  # the nose moved too
    assert after[-1].extras.get("body_reused") and not ran[-1]  # settled again: reused once more


def test_a_lost_face_runs_pose_instead_of_reusing_the_body(astronaut):
    with Landmarker(pose_max_fps=5) as landmarker:
        calls = count_pose_calls(landmarker)
        seen = detect_at(landmarker, scene(astronaut, 100), 0)
        gone = detect_at(landmarker, np.full((*CANVAS, 3), 90, np.uint8), 1)  # she left the seat
    assert seen.body is not None
    assert len(calls) == 2 and gone.face is None and gone.body is None and not gone.extras.get("body_reused")


def test_an_empty_seat_runs_pose_once_a_turn_and_a_return_is_seen_at_once(astronaut):
    empty = np.full((*CANVAS, 3), 90, np.uint8)
    with Landmarker(pose_max_fps=5) as landmarker:
        calls = count_pose_calls(landmarker)
        absent = [detect_at(landmarker, empty, k) for k in range(32)]  # an empty seat at 30 fps
        runs_while_away = len(calls)
        back = detect_at(landmarker, scene(astronaut, 100), 32)  # between turns (t 1.07 s): FaceMesh sees her
    assert all(obs.face is None and obs.body is None for obs in absent)
    assert runs_while_away == 6  # once per 0.2 s turn (0, 0.2 … 1.0 s), not on each of the 32 frames
    assert sum(bool(obs.extras.get("pose_waiting")) for obs in absent) == 26
    assert back.face is not None and back.body is not None and len(calls) == runs_while_away + 1


def test_without_a_cap_or_on_photos_pose_runs_on_every_frame(astronaut):
    image = scene(astronaut, 200)
    with Landmarker() as video:
        calls = count_pose_calls(video)
        reused = [detect_at(video, image, k).extras.get("body_reused") for k in range(4)]
    assert len(calls) == 4 and not any(reused)
    with Landmarker(static_image_mode=True, pose_max_fps=5) as photos:
        calls = count_pose_calls(photos)
        for k in range(3):
            detect_at(photos, image, k)
    assert len(calls) == 3


@pytest.mark.parametrize("bad", [0, -5, float("nan"), "5"])
def test_pose_max_fps_must_be_a_positive_number(bad):
    with pytest.raises(ValueError, match="above 0"):
        Landmarker(pose_max_fps=bad)


def test_the_live_default_is_a_few_times_a_second():
    assert 2 <= LIVE_POSE_MAX_FPS <= 10


# --- eco mode: Pose never runs off its turn (pose_catch_up=False) ------------------------------


def test_without_catching_up_a_moved_face_keeps_the_old_body_marked_stale(astronaut):
    with Landmarker(pose_max_fps=5, pose_catch_up=False) as landmarker:
        calls = count_pose_calls(landmarker)
        first = detect_at(landmarker, scene(astronaut, 0), 0)
        moved = [detect_at(landmarker, scene(astronaut, 250 + k), k) for k in range(1, 6)]  # t 0.03-0.17 s
        runs_before_turn = len(calls)
        later = [detect_at(landmarker, scene(astronaut, 256), k) for k in range(6, 12)]  # the turn at 0.2 s
    assert first.body is not None and not first.extras.get(BODY_STALE)
    assert runs_before_turn == 1  # the jump did not make Pose run off its turn
    for obs in moved:
        assert obs.face is not None and obs.body is first.body and obs.extras.get(BODY_STALE)
        assert not _body_matches(obs.body, obs.face.points)  # why it must not be measured with this face
    # At its turn Pose runs; MediaPipe's tracker may need one more frame to find her where she is
    # now (then one retry), after which her new body is followed.
    assert 2 <= len(calls) <= 3
    assert all(obs.body is not first.body for obs in later)
    fresh = [obs for obs in later if obs.body is not None]
    assert fresh and all(_body_matches(obs.body, obs.face.points) for obs in fresh)
    assert not any(obs.extras.get(BODY_STALE) for obs in later)


def test_without_catching_up_pose_runs_at_most_at_its_rate_whatever_the_face_does(astronaut):
    """A face jumping back and forth every frame: with catching up Pose runs on most frames; without,
    exactly on its 0.2 s grid."""
    runs = {}
    for catch_up in (True, False):
        with Landmarker(pose_max_fps=5, pose_catch_up=catch_up) as landmarker:
            calls = count_pose_calls(landmarker)
            for k in range(30):  # 1 s at 30 fps
                detect_at(landmarker, scene(astronaut, 0 if k % 2 else 250), k)
            runs[catch_up] = len(calls)
    assert runs[False] == 5
    assert runs[True] > 2 * runs[False]


def test_without_catching_up_a_departure_keeps_the_body_until_pose_finds_nobody(astronaut):
    """She leaves: up to Pose's next turn the last body is handed out stale (no face: posture holds,
    presence goes on as for a glance away); at the turn Pose finds nobody, tries once more on the
    next frame, and from then on the empty seat runs Pose once a turn."""
    empty = np.full((*CANVAS, 3), 90, np.uint8)
    with Landmarker(pose_max_fps=5, pose_catch_up=False) as landmarker:
        calls = count_pose_calls(landmarker)
        here = [detect_at(landmarker, scene(astronaut, 100), k) for k in range(3)]
        away = [detect_at(landmarker, empty, k) for k in range(3, 33)]  # 0.1-1.1 s
    assert all(obs.body is not None for obs in here)
    before_turn = away[:3]  # 0.1-0.17 s: Pose's next turn is at 0.2 s
    assert all(obs.face is None and obs.body is here[0].body and obs.extras.get(BODY_STALE)
               for obs in before_turn)
    assert all(obs.body is None for obs in away[5:])  # Pose found nobody at its turn (and on the retry)
    assert len(calls) <= 6 + 1  # turns at 0, 0.2 … 1.0 s, and one retry after losing her
