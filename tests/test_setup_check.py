"""The set-up check before judging: light, face size, camera angle, body in view.

Real MediaPipe on pictures the test makes from `skimage.data.astronaut()`: darkened, backlit (a
bright window painted around and above her head, the rest exposed darker as a camera facing a
window does), shrunk into a larger frame, and rolled (a tilted head is not an off-axis camera).
Time is passed in; the hysteresis is checked step by step.
"""

from __future__ import annotations

import math
from dataclasses import replace

import cv2
import numpy as np
import pytest

from coach.engine import Engine
from coach.i18n import LANGUAGES, t
from coach.panel.setup_line import setup_line
from coach.rules.setup import PROBLEMS, angle_problem, light_problem, paused_measures, setup_problems
from coach.trackers.setup import SetupTracker
from coach.types import Face, Frame, Observation
from coach.vision.landmarker import Landmarker
from coach.vision.light import measure_light

GREY = (128, 128, 128)


@pytest.fixture(scope="module")
def astronaut() -> np.ndarray:
    from skimage import data

    return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)


@pytest.fixture(scope="module")
def landmarker():
    with Landmarker(static_image_mode=True) as model:
        yield model


def observe(landmarker: Landmarker, image: np.ndarray) -> Observation:
    return landmarker.detect(Frame(t=0.0, index=0, image=image))


@pytest.fixture(scope="module")
def lit(landmarker, astronaut) -> Observation:
    return observe(landmarker, astronaut)


def backlit(photo: np.ndarray, face: Face) -> np.ndarray:
    x0, y0, x1, y1 = face.bbox
    w, h = x1 - x0, y1 - y0
    image = (photo * 0.45).astype(np.uint8)  # the camera exposes for the bright window
    window = np.zeros(image.shape[:2], bool)
    window[: int(y1), :] = True
    window[int(y0 - 0.35 * h): int(y1), int(x0 - 0.1 * w): int(x1 + 0.1 * w)] = False  # head and hair
    image[window] = 245
    return image


def turned(face: Face, yaw_deg: float) -> Face:
    """The same landmarks turned about the vertical axis through the face's centre (a camera
    moved to the side sees this), seen orthographically as the pixel coordinates are."""
    points = face.points.astype(np.float64).copy()
    centre = points.mean(axis=0)
    a = math.radians(yaw_deg)
    x, z = points[:, 0] - centre[0], points[:, 2] - centre[2]
    points[:, 0] = centre[0] + x * math.cos(a) + z * math.sin(a)
    points[:, 2] = centre[2] - x * math.sin(a) + z * math.cos(a)
    return Face(points=points.astype(np.float32), frame_size=face.frame_size)


def run(engine: Engine, observation: Observation, seconds: float, start: float = 0.0, fps: float = 2.0):
    steps = []
    for i in range(int(seconds * fps)):
        t = start + i / fps
        steps.append(engine.step(replace(observation, t=t, frame_index=int(t * fps))))
    return steps


# --- what the rules see on real pictures --------------------------------------------------------


def test_a_well_lit_astronaut_has_no_set_up_problem(lit):
    assert lit.face is not None and lit.body is not None
    assert lit.face_luma > 100 and lit.surround_luma > 100
    assert setup_problems(lit, 0.0, 0.0, "") == ()


def test_a_darkened_picture_is_too_dark(landmarker, astronaut):
    dark = observe(landmarker, (astronaut * 0.2).astype(np.uint8))
    assert dark.face is not None and dark.face_luma < 40
    assert "too_dark" in setup_problems(dark)
    dim = observe(landmarker, (astronaut * 0.45).astype(np.uint8))  # dim but even: judged
    assert light_problem(dim.face_luma, dim.surround_luma, dim.brightness) is None


def test_a_bright_window_behind_the_head_is_backlit(landmarker, astronaut, lit):
    seen = observe(landmarker, backlit(astronaut, lit.face))
    assert seen.face is not None
    assert seen.surround_luma >= 2 * seen.face_luma
    assert setup_problems(seen) == ("backlit",)


def test_a_shrunk_picture_is_a_face_too_small(landmarker, astronaut):
    small = cv2.copyMakeBorder(cv2.resize(astronaut, (96, 96)), 208, 208, 208, 208, cv2.BORDER_CONSTANT,
                               value=GREY)
    seen = observe(landmarker, small)
    assert seen.face is not None and seen.face.size < 80
    assert "face_too_small" in setup_problems(seen)
    assert set(paused_measures(("face_too_small",))) == {"gaze", "fatigue"}


def test_a_rolled_head_is_not_an_off_axis_camera_but_a_turned_face_is(landmarker, astronaut, lit):
    from coach.rules.gaze import measure_gaze

    rolled = observe(landmarker, cv2.warpAffine(astronaut, cv2.getRotationMatrix2D((256, 256), 20, 1.0),
                                                (512, 512), borderValue=GREY))
    gaze = measure_gaze(rolled.face)
    assert angle_problem(gaze.yaw_deg, gaze.pitch_deg) is None
    away = measure_gaze(turned(lit.face, 50.0))
    assert abs(away.yaw_deg) > 35.0 and angle_problem(away.yaw_deg, away.pitch_deg) == "off_axis"


def test_light_is_measured_on_the_face_and_its_surround():
    image = np.full((200, 200, 3), 230, np.uint8)
    image[80:120, 80:120] = 50
    light = measure_light(image, (80.0, 80.0, 120.0, 120.0))
    assert light.face_luma == pytest.approx(50, abs=1) and light.surround_luma == pytest.approx(230, abs=1)


# --- hysteresis -------------------------------------------------------------------------------


def test_a_problem_enters_after_its_onset_and_leaves_after_its_exit_without_flicker():
    tracker = SetupTracker(enter_s=3.0, exit_s=3.0)
    events = []
    for i in range(40):  # 0-20 s at 2 fps: backlit from 2 s to 12 s with one good frame at 8 s
        t = i / 2
        bad = 2.0 <= t < 12.0 and t != 8.0
        events += [(t, e.detail) for e in tracker.update(t, ("backlit",) if bad else ())]
    assert events == [(5.0, "backlit"), (15.0, "ok")]
    assert tracker.problem_seconds["backlit"] == pytest.approx(10.0)
    assert tracker.paused_seconds["posture"] == pytest.approx(10.0)
    glance = SetupTracker()
    assert not [e for i in range(16) for e in glance.update(i / 2, ("off_axis",))]  # 7.5 s: a glance
    assert [e.detail for i in range(16, 22) for e in glance.update(i / 2, ("off_axis",))] == ["off_axis"]


# --- the engine pauses and says why -----------------------------------------------------------


def test_a_backlit_set_up_pauses_posture_and_says_why(landmarker, astronaut, lit):
    seen = observe(landmarker, backlit(astronaut, lit.face))
    engine = Engine()
    steps = run(engine, seen, 10.0)
    assert steps[0].record.posture.judged  # before the onset, judged
    last = steps[-1]
    assert not last.record.posture.judged and last.record.posture.reason == "backlit"
    assert last.record.as_row()["posture_reason"] == "backlit"
    assert dict(last.state.paused)["posture"] == "backlit" and last.state.setup_problems == ("backlit",)
    assert last.record.smile is None and last.record.gaze is None
    assert [e.detail for s in steps for e in s.events if e.kind == "setup"] == ["backlit"]
    summary = engine.summary()
    assert summary["setup"]["problem_seconds"]["backlit"] == pytest.approx(7.0, abs=0.6)
    assert summary["posture"]["not_judged_seconds"]["backlit"] == pytest.approx(7.0, abs=0.6)
    en = setup_line(last.state, "en")
    assert "backlit" in en.lower() and "posture" in en.lower()
    assert setup_line(last.state, "zh-CN") != en


def test_an_off_axis_camera_pauses_posture_after_its_onset_and_no_alert_fires(lit):
    away = replace(lit, face=turned(lit.face, 50.0))
    engine = Engine()
    steps = run(engine, away, 40.0)
    paused = [s for s in steps if dict(s.state.paused).get("posture") == "off_axis"]
    assert paused and paused[0].state.t == pytest.approx(10.0)
    assert all(s.record.posture.reason == "off_axis" for s in paused[1:])
    assert not [e for s in steps for e in s.events if e.kind.startswith("posture:")]
    assert engine.summary()["setup"]["paused_seconds"]["posture"] == pytest.approx(30.0, abs=0.6)


def test_the_well_lit_astronaut_is_never_paused(lit):
    engine = Engine()
    steps = run(engine, lit, 20.0)
    assert all(s.state.paused == () and s.record.posture.judged for s in steps)
    assert engine.summary()["setup"] == {"changes": 0, "problem_seconds": {}, "paused_seconds": {}}
    assert setup_line(steps[-1].state, "en") == ""


def test_every_problem_has_a_plain_line_in_both_languages():
    for problem in PROBLEMS:
        for lang in LANGUAGES:
            assert t(f"setup.problem.{problem}", lang) and t(f"setup.fix.{problem}", lang)
