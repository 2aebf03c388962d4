"""Without a calibration, the population prior is checked against the person's own upright habit.

Pure parts (the upright-side quantiles, levels only ever lowered), the tracker's times (stepped
through synthetic timestamps), and the engine on real MediaPipe landmarks of
`skimage.data.astronaut()` framed as a near camera sees her: the prior reads that upright person
as hunched; the session's habit must stop the false alarm without hiding a real forward head.
"""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np
import pytest

from coach.engine import Engine
from coach.i18n import t
from coach.panel.view import posture_text
from coach.readings import PostureReading
from coach.rules.posture import PostureBaseline, PostureSettings, baseline_measures, observe_posture
from coach.rules.posture_habit import habitual_baseline, observe_with_habit, with_habit
from coach.trackers.posture_habit import PostureHabit
from coach.types import Frame, Observation
from coach.vision.landmarker import Landmarker

SIZE = 512


@pytest.fixture(scope="module")
def near_camera() -> tuple[Observation, Observation]:
    """The astronaut upright in front of a near camera, and the same person's head come nearer."""
    from skimage import data

    photo = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)

    def framed(closer: float, nudge: float) -> np.ndarray:
        move = np.float32([[closer, 0, (1 - closer) * SIZE / 2 + nudge], [0, closer, 0]])
        return cv2.warpAffine(photo, move, (SIZE, SIZE), borderMode=cv2.BORDER_CONSTANT,
                              borderValue=(128, 128, 128))

    with Landmarker(static_image_mode=True) as landmarker:
        usual = landmarker.detect(Frame(t=0.0, index=0, image=framed(1.8, 90)))
        nearer = landmarker.detect(Frame(t=0.0, index=1, image=framed(2.2, 110)))
    return usual, nearer


def at(obs: Observation, t_s: float, index: int) -> Observation:
    return dataclasses.replace(obs, t=t_s, frame_index=index)


# --- pure: the habit and how it is applied ------------------------------------------------


def test_the_habit_takes_each_measure_on_its_upright_side():
    samples = [{"chin_gap": gap, "eye_line": 0.3 + gap / 10, "face_share": 0.3 + gap / 5,
                "face_pitch_deg": 20 * gap, "head_roll_deg": 10 * gap - 3}
               for gap in np.linspace(0.2, 0.6, 41)]
    habit = habitual_baseline(samples)
    assert habit.view == "front" and habit.samples == 41
    assert habit.chin_gap == pytest.approx(0.5)  # upper quartile: the chin higher above the shoulders
    assert habit.face_pitch_deg == pytest.approx(10.0)  # upper quartile: head more up
    assert habit.eye_line == pytest.approx(0.33)  # lower quartile: eyes higher in the frame
    assert habit.face_share == pytest.approx(0.36)  # lower quartile: face farther
    assert habit.head_roll_deg is None  # the same from any level camera: never excused by habit
    assert habit.shoulder_line is None
    assert habitual_baseline([]) is None
    assert habitual_baseline([{"chin_gap": 0.5}]) is None  # no face measures: nothing to judge against


def test_the_habit_only_ever_lowers_a_fault_level():
    prior = PostureReading(mode="upper_body", view="front", reference="population",
                           levels={"hunched": 1.4, "head_down": 0.5, "head_tilted": 1.2},
                           issues=("hunched", "head_tilted"))
    own = PostureReading(mode="upper_body", view="front", reference="baseline",
                         levels={"hunched": 0.6, "head_down": 0.9, "head_tilted": 1.5,
                                 "shoulders_raised": 3.0},
                         issues=("head_down", "head_tilted", "shoulders_raised"))
    judged = with_habit(prior, own)
    assert judged.levels == {"hunched": 0.6, "head_down": 0.5, "head_tilted": 1.2}
    assert judged.issues == ("head_tilted",) and judged.reference == "habit"


def test_a_calibration_or_a_side_view_is_never_judged_against_the_habit(near_camera):
    usual, _ = near_camera
    habit = habitual_baseline([baseline_measures(usual.body, usual.face)[1]] * 10)
    settings = PostureSettings()
    assert observe_with_habit(usual, settings, None, habit).reference == "habit"
    calibration = PostureBaseline.from_observations([usual] * 5)
    assert observe_with_habit(usual, settings, calibration, habit).reference == "baseline"
    assert observe_with_habit(usual, settings, None, None) == observe_posture(usual)


# --- the tracker's times ------------------------------------------------------------------


def sample(gap: float) -> tuple[str, dict[str, float]]:
    return "front", {"chin_gap": gap, "eye_line": 0.33, "face_share": 0.33, "face_pitch_deg": 10.0}


def test_the_habit_needs_five_seconds_of_front_view_frames():
    habit = PostureHabit()
    for i in range(25):  # 30 fps for 0.8 s: sampled at most every 0.2 s
        habit.add(i / 30, sample(0.5))
    assert habit.samples == 5 and habit.baseline(0.8) is None
    for i in range(30):
        habit.add(i / 10 + 1.0, ("side", {"torso_deg": 5.0}))  # a side view teaches nothing
    assert habit.samples == 5
    for t_s in np.arange(1.0, 5.4, 0.2):
        habit.add(float(t_s), sample(0.5))
    assert habit.baseline(5.4) is not None and habit.baseline(5.4).chin_gap == pytest.approx(0.5)


def test_after_a_minute_without_the_person_the_habit_is_learned_afresh():
    habit = PostureHabit()
    for t_s in np.arange(0.0, 10.0, 0.2):
        habit.add(float(t_s), sample(0.6))
    assert habit.baseline(10.0).chin_gap == pytest.approx(0.6)
    assert habit.baseline(75.0) is None  # nobody in front of the camera for over a minute
    for t_s in np.arange(80.0, 86.0, 0.2):  # someone else, sitting lower
        habit.add(float(t_s), sample(0.3))
    assert habit.samples == 30 and habit.baseline(86.0).chin_gap == pytest.approx(0.3)


def test_a_slump_must_fill_most_of_the_ten_minute_window_before_the_habit_follows_it():
    habit = PostureHabit()
    t_s = 0.0
    for _ in range(600):  # two minutes upright
        habit.add(t_s, sample(0.6))
        t_s += 0.2
    for _ in range(1500):  # then five minutes slumped
        habit.add(t_s, sample(0.2))
        t_s += 0.2
    assert habit.baseline(t_s).chin_gap == pytest.approx(0.6)  # the upright quarter still sets it
    for _ in range(1500):  # five more: the upright minutes have left the window
        habit.add(t_s, sample(0.2))
        t_s += 0.2
    assert habit.baseline(t_s + 1.0).chin_gap == pytest.approx(0.2)


# --- the engine on real landmarks ---------------------------------------------------------


def test_a_near_camera_stops_reading_an_upright_person_as_hunched_once_the_habit_is_known(near_camera):
    usual, nearer = near_camera
    assert "hunched" in observe_posture(usual).issues  # the prior alone: a false alarm every frame
    engine = Engine()
    alerts, readings = [], {}
    for index in range(300):  # 5 fps: 30 s as usual, then 30 s with the head come nearer
        t_s = index * 0.2
        step = engine.step(at(usual if t_s < 30 else nearer, t_s, index))
        readings[round(t_s, 1)] = step.record.posture
        alerts += [(event.kind, event.start) for event in step.events if event.kind.startswith("posture:")]
    assert readings[2.0].reference == "population" and "hunched" in readings[2.0].issues
    assert all(readings[round(s, 1)].ok and readings[round(s, 1)].reference == "habit"
               for s in np.arange(6.0, 30.0, 0.2))
    assert "hunched" in readings[40.0].issues  # 22% nearer than the habit: a forward head
    assert [kind for kind, _ in alerts] == ["posture:hunched"] and alerts[0][1] >= 30.0
    assert t("posture.habit.note") in posture_text(readings[20.0])  # the panel says what it judged by


def test_a_calibrated_engine_keeps_no_habit(near_camera):
    usual, _ = near_camera
    engine = Engine(posture_baseline=PostureBaseline.from_observations([usual] * 5))
    step = None
    for index in range(50):
        step = engine.step(at(usual, index * 0.2, index))
    assert step.record.posture.reference == "baseline" and step.record.posture.ok
