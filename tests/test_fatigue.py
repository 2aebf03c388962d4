"""Fatigue: eye openness, PERCLOS, long blinks, yawns, the eyes-closed alert and an earlier break.

Time is passed in: minutes of a shift run in milliseconds. Openness is checked on real MediaPipe
landmarks of `skimage.data.astronaut()` (open eyes) with a synthetic closure (the upper lids laid
on the lower lids); the trackers on eye apertures fed frame by frame; the engine on synthetic
faces whose lids are placed (tests/smile_faces.py).
"""

from __future__ import annotations

import cv2
import pytest
from smile_faces import synthetic_face, transformed

from coach.engine import Engine
from coach.rules.fatigue import (
    CLOSED_APERTURE,
    FatigueSettings,
    eye_openness,
    eyes_closed,
    tired_reason,
)
from coach.rules.smile import (
    LEFT_EYE_LOWER_LID,
    LEFT_EYE_UPPER_LID,
    RIGHT_EYE_LOWER_LID,
    RIGHT_EYE_UPPER_LID,
    measure_geometry,
)
from coach.trackers.breaks import EARLY_BREAK_MIN_WORK_S, BreakTimer
from coach.trackers.fatigue import FatigueTracker
from coach.types import Face, Frame, Observation

OPEN = 0.30
SHUT = CLOSED_APERTURE  # what FaceMesh reads for a shut eye
FPS = 10.0


def feed(tracker: FatigueTracker, start: float, seconds: float, aperture: float | None,
         opening: float | None = 0.1) -> list:
    events = []
    n = int(round(seconds * FPS))
    for i in range(n):
        events += tracker.update(start + i / FPS, aperture, opening)
    return events


def closure(tracker: FatigueTracker, start: float, closed_s: float, after_s: float = 2.0) -> list:
    """Eyes open 2 s, shut for `closed_s`, open again for `after_s`; returns the events."""
    events = feed(tracker, start, 2.0, OPEN)
    events += feed(tracker, start + 2.0, closed_s, SHUT)
    events += feed(tracker, start + 2.0 + closed_s, after_s, OPEN)
    return events


def kinds(events) -> list[tuple[str, bool]]:
    return [(e.kind, e.end is not None) for e in events]


# --- eye openness on real landmarks -------------------------------------------------------------


@pytest.fixture(scope="module")
def astronaut_face() -> Face:
    from skimage import data

    from coach.vision.landmarker import Landmarker

    image = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    with Landmarker(static_image_mode=True) as landmarker:
        observation = landmarker.detect(Frame(t=0.0, index=0, image=image))
    assert observation.face is not None
    return observation.face


def shut(face: Face) -> Face:
    """The same landmarks with each upper lid laid onto its lower lid (a synthetic closure)."""
    points = face.points.copy()
    lids = ((RIGHT_EYE_UPPER_LID, RIGHT_EYE_LOWER_LID), (LEFT_EYE_UPPER_LID, LEFT_EYE_LOWER_LID))
    for uppers, lowers in lids:
        for up, low in zip(uppers, lowers, strict=True):
            points[int(up), :2] = points[int(low), :2] - 0.03 * (points[int(low), :2] - points[int(up), :2])
    return Face(points=points, frame_size=face.frame_size)


def test_the_astronauts_open_eyes_read_open_and_laid_shut_read_closed(astronaut_face):
    aperture = measure_geometry(astronaut_face).eye_aperture
    openness = eye_openness(aperture, OPEN)
    assert 0.6 < openness < 1.4 and not eyes_closed(openness)  # smiling eyes narrow a little
    closed = eye_openness(measure_geometry(shut(astronaut_face)).eye_aperture, aperture)
    assert closed <= 0.2 and eyes_closed(closed)
    assert eye_openness(aperture, aperture) == pytest.approx(1.0)  # against her own neutral


# --- the eyes-closed alert ----------------------------------------------------------------------


def test_eyes_closed_for_five_seconds_raise_one_alert_opened_then_closed():
    tracker = FatigueTracker()
    events = closure(tracker, 0.0, 6.0)
    alerts = [e for e in events if e.kind == "eyes_closed"]
    assert kinds(alerts) == [("eyes_closed", False), ("eyes_closed", True)]
    assert alerts[0].start == pytest.approx(2.0) and alerts[1].end == pytest.approx(8.0)
    assert tracker.alerts == 1


def test_eyes_closed_for_three_seconds_raise_no_alert_but_count_a_long_blink():
    tracker = FatigueTracker()
    events = closure(tracker, 0.0, 3.0)
    assert not [e for e in events if e.kind == "eyes_closed"]
    assert tracker.blinks == 1 and tracker.long_blinks == 1


def test_two_closures_past_the_cooldown_raise_two_alerts_within_it_one():
    settings = FatigueSettings(eyes_closed_cooldown_s=60.0)
    apart = FatigueTracker(settings)
    events = closure(apart, 0.0, 6.0, after_s=70.0) + closure(apart, 78.0, 6.0)
    assert [e.end is None for e in events if e.kind == "eyes_closed"] == [True, False, True, False]
    close = FatigueTracker(settings)
    events = closure(close, 0.0, 6.0, after_s=10.0) + closure(close, 18.0, 6.0)
    assert len([e for e in events if e.kind == "eyes_closed"]) == 2 and close.alerts == 1


def test_a_face_lost_mid_closure_is_no_alert_and_no_blink():
    tracker = FatigueTracker()
    events = feed(tracker, 0.0, 2.0, OPEN) + feed(tracker, 2.0, 3.0, SHUT)
    events += feed(tracker, 5.0, 3.0, None)  # face gone (or the measure paused): nobody knows
    events += feed(tracker, 8.0, 3.0, SHUT) + feed(tracker, 11.0, 1.0, OPEN)
    assert not [e for e in events if e.kind == "eyes_closed"]
    assert tracker.blinks == 1  # the closure seen after the gap, 3 s: a long blink, no alert


def test_ordinary_blinks_are_blinks_not_long_ones():
    tracker = FatigueTracker()
    t = 0.0
    for _ in range(5):
        feed(tracker, t, 3.0, OPEN)
        feed(tracker, t + 3.0, 0.2, SHUT)
        t += 3.2
    feed(tracker, t, 1.0, OPEN)
    assert tracker.blinks == 5 and tracker.long_blinks == 0


# --- PERCLOS and the tired trigger -------------------------------------------------------------


def blinking(tracker: FatigueTracker, start: float, seconds: float, closed_share: float) -> None:
    """Blink every second, shut for `closed_share` of it."""
    for i in range(int(seconds * FPS)):
        t = start + i / FPS
        tracker.update(t, SHUT if (i % FPS) < closed_share * FPS else OPEN, 0.1)


def test_perclos_is_the_closed_share_of_the_last_minute():
    tracker = FatigueTracker()
    blinking(tracker, 0.0, 20.0, 0.2)
    assert tracker.perclos is None  # under half a minute seen
    blinking(tracker, 20.0, 100.0, 0.2)
    assert tracker.perclos == pytest.approx(0.2, abs=0.02)
    assert tracker.tired(120.0) == "perclos"
    blinking(tracker, 120.0, 61.0, 0.0)
    assert tracker.perclos == pytest.approx(0.0, abs=0.01) and tracker.tired(181.0) is None
    assert tracker.perclos_peak == pytest.approx(0.2, abs=0.02)


def test_tired_reasons_in_order_with_stated_thresholds():
    assert tired_reason(0.15, 0, 0) == "perclos" and tired_reason(0.14, 0, 0) is None
    assert tired_reason(None, 5, 0) == "long_blinks" and tired_reason(None, 4, 2) is None
    assert tired_reason(0.05, 0, 3) == "yawns"
    with pytest.raises(ValueError, match="perclos_tired"):
        FatigueSettings(perclos_tired=0.9)


def test_a_yawn_is_a_long_gape_and_speech_is_not():
    tracker = FatigueTracker()
    events = feed(tracker, 0.0, 2.0, OPEN, opening=0.1) + feed(tracker, 2.0, 3.0, OPEN, opening=0.8)
    events += feed(tracker, 5.0, 1.0, OPEN, opening=0.1)
    assert [(e.kind, e.start, e.end) for e in events if e.kind == "yawn"] == [("yawn", 2.0, 5.0)]
    talking = FatigueTracker()
    for i in range(200):  # 20 s of syllables: the mouth opens wide and closes 4 times a second
        talking.update(i / FPS, OPEN, 0.7 if i % 3 else 0.1)
    assert talking.yawns == 0


def test_perclos_over_threshold_brings_the_break_forward_once():
    timer = BreakTimer()
    tracker = FatigueTracker()
    events = []
    for i in range(int(1500 * FPS)):  # 25 minutes: alert for 20, then eyes closed 30% of the time
        t = i / FPS
        closed = t >= 1200.0 and i % 10 < 3
        events += tracker.update(t, SHUT if closed else OPEN, 0.1)
        reason = tracker.tired(t)
        if reason:
            timer.bring_forward(t, reason)
        events += timer.update(t, present=True)
    early = [e for e in events if e.kind.startswith("break")]
    assert [(e.kind, e.detail) for e in early] == [("break_early", "perclos")]
    assert 1200.0 + 30.0 <= early[0].start < 1200.0 + 60.0  # once half a minute of closures is seen
    assert timer.phase == "due" and timer.stats.due == 1


def test_no_early_break_right_after_a_break():
    timer = BreakTimer()

    def work(start: float, seconds: float, present: bool = True) -> list:
        return [e for second in range(int(seconds)) for e in timer.update(start + second, present)]

    work(0.0, EARLY_BREAK_MIN_WORK_S + 5.0)
    assert timer.bring_forward(EARLY_BREAK_MIN_WORK_S + 5.0, "yawns")
    assert not timer.bring_forward(EARLY_BREAK_MIN_WORK_S + 6.0, "yawns")  # already due, once
    events = work(EARLY_BREAK_MIN_WORK_S + 6.0, 240.0, present=False)  # away 4 min: the break
    back = EARLY_BREAK_MIN_WORK_S + 246.0
    events += work(back, 2.0)
    assert [e.kind for e in events] == ["break_early", "break_taken"]
    assert not timer.bring_forward(back + 2.0, "perclos")  # just rested: no new offer
    work(back + 2.0, EARLY_BREAK_MIN_WORK_S)
    assert timer.bring_forward(back + 2.0 + EARLY_BREAK_MIN_WORK_S, "perclos")


# --- in the engine ------------------------------------------------------------------------------


def face(aperture: float) -> Face:
    return transformed(synthetic_face(aperture=aperture, lip_gap=3.0), shift=(440.0, 80.0))


def observation(t: float, aperture: float | None) -> Observation:
    return Observation(t=t, frame_index=int(t * FPS), width=1280, height=720,
                       face=None if aperture is None else face(aperture),
                       face_luma=150.0, surround_luma=140.0)


def test_engine_alerts_once_on_eyes_closed_at_the_post_and_sums_fatigue():
    engine = Engine()
    events, states = [], []
    for i in range(int(30 * FPS)):
        t = i / FPS
        step = engine.step(observation(t, SHUT if 10.0 <= t < 17.0 else OPEN))
        events += step.events
        states.append(step.state)
    events += engine.finish(30.0)
    alerts = [e for e in events if e.kind == "eyes_closed"]
    assert [(e.start, e.end) for e in alerts] == [(10.0, None), (10.0, 17.0)]
    assert any(s.eyes_closed_alert for s in states) and not states[-1].eyes_closed_alert
    assert states[50].eyes_closed is False and states[120].eyes_closed is True
    summary = engine.summary()
    assert summary["fatigue"]["eyes_closed_alerts"] == 1 and summary["fatigue"]["long_blinks"] == 1
    assert summary["fatigue"]["eyes_closed_share"] == pytest.approx(7.0 / 30.0, abs=0.01)
    assert summary["events"]["eyes_closed"] == 1


def test_engine_judges_closure_against_the_persons_own_open_eyes():
    narrow, lowered = 0.16, 0.09  # open eyes far narrower than the population's 0.30; lids lowered
    engine = Engine()
    steps = [engine.step(observation(i / FPS, narrow if i < 200 else lowered)) for i in range(int(30 * FPS))]
    assert steps[150].state.eye_openness == pytest.approx(1.0, abs=0.05)
    assert not any(s.state.eyes_closed for s in steps)
    assert engine.summary()["fatigue"]["eyes_closed_alerts"] == 0
    assert engine.summary()["fatigue"]["neutral_aperture"] == pytest.approx(narrow, abs=0.005)
    population = FatigueTracker()  # the population's open eyes would read the lowered lids as shut
    events = feed(population, 0.0, 20.0, narrow) + feed(population, 20.0, 10.0, lowered)
    assert [e.kind for e in events] == ["eyes_closed"]


def test_a_calibrated_neutral_is_used_from_the_first_frame():
    tracker = FatigueTracker(neutral_aperture=0.16)
    tracker.update(0.0, 0.09)
    assert tracker.closed is False and tracker.neutral_aperture == 0.16


def test_the_bench_specs_time_each_measure_on_observations():
    from coach.bench.fatigue_costs import SPECS

    observations = [observation(i / FPS, OPEN if i % 20 else SHUT) for i in range(40)]
    for name, prepare, make in SPECS:
        inputs = prepare(observations)
        assert len(inputs) == 40, name
        run = make()
        results = [run(item) for item in inputs]
        assert len(results) == 40
