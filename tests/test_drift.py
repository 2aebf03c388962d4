"""Drift: a moved camera or seat is told apart from the person's posture, and asks "recalibrate?"
after a sustained time instead of raising posture alerts. Synthetic seated person, time passed in."""

from __future__ import annotations

import pytest
from calibration_people import (
    PLAIN_NEUTRAL,
    PLAIN_SMILE,
    camera_moved,
    face_on_head,
    leaning,
    observe,
    person_scene,
    run_calibration,
    seated,
)
from posture_bodies import SHOULDER_WIDTH, crossed_arms, head_down, moved, with_visibility

from coach.calibrate import CalibrationStatus
from coach.rules.posture import measure_posture
from coach.trackers.drift import (
    MATCHING,
    MOVED,
    POSTURE,
    UNKNOWN,
    DriftDetector,
    DriftSettings,
    Placement,
    classify,
)
from coach.types import PoseLandmark as P

BODY = seated()
FACE = face_on_head(**PLAIN_NEUTRAL)
REFERENCE = Placement.of(FACE, BODY)
UPRIGHT = observe(0.0, FACE, BODY)


def verdict(obs) -> str:
    return classify(Placement.of(obs.face, obs.body), REFERENCE)


# --- what counts as a camera move --------------------------------------------------------------------


def test_placement_of_the_synthetic_person():
    assert REFERENCE.shoulder_width == pytest.approx(SHOULDER_WIDTH)
    assert REFERENCE.shoulder_tilt_deg == pytest.approx(0.0, abs=1e-6)
    assert REFERENCE.trunk_ratio == pytest.approx(1.3, abs=1e-3)
    assert Placement.of(None, BODY) is None and Placement.of(FACE, None) is None


@pytest.mark.parametrize("dx, dy, scale", [(0, 0, 1.0), (20, 10, 1.0), (0, 0, 1.08)])
def test_small_sway_still_matches(dx, dy, scale):
    assert verdict(camera_moved(UPRIGHT, dx, dy, scale)) == MATCHING


@pytest.mark.parametrize("move", [
    {"dx": 150}, {"dy": 90}, {"scale": 1.35}, {"dx": -80, "dy": 60, "scale": 0.8},
    {"roll_deg": 10.0}, {"roll_deg": -8.0, "dx": -50.0},  # rolled: shoulders and hips turn together
    {"squash": 0.8, "dy": 80.0},  # raised to look down: the head seems to sit lower on the shoulders
])
def test_the_whole_picture_shifted_zoomed_rolled_or_seen_from_higher_is_a_camera_move(move):
    assert verdict(camera_moved(UPRIGHT, **move)) == MOVED


def test_a_roll_without_the_hips_in_view_cannot_be_told_from_a_lean_and_counts_as_posture():
    hidden_hips = with_visibility(BODY, tuple(range(23, 33)), 0.1)
    reference = Placement.of(FACE, hidden_hips)
    rolled = camera_moved(observe(0.0, FACE, hidden_hips), roll_deg=10.0, dx=60.0)
    assert classify(Placement.of(rolled.face, rolled.body), reference) == POSTURE


def test_posture_changes_are_not_camera_moves():
    for degrees in (8.0, 15.0, -15.0):  # the hips stay level while the trunk leans
        leaned_body, leaned_face = leaning(BODY, FACE, degrees)
        assert verdict(observe(0.0, leaned_face, leaned_body)) == POSTURE
    shrug = moved(BODY, (P.LEFT_SHOULDER, P.RIGHT_SHOULDER), dy=-60)
    assert verdict(observe(0.0, FACE, shrug)) == POSTURE
    # Slumped: the shoulders sink, the head sinks further toward them.
    slumped_face = camera_moved(observe(0.0, FACE, BODY), 0, 130).face
    slumped_body = moved(BODY, tuple(range(11, 33)), dy=60)
    assert verdict(observe(0.0, slumped_face, slumped_body)) == POSTURE
    # Arms crossed or a head turned down with the shoulders in place: the set-up matches.
    assert verdict(observe(0.0, FACE, crossed_arms(BODY))) == MATCHING
    assert verdict(observe(0.0, FACE, head_down(BODY, 25.0))) == MATCHING


def test_no_face_or_no_shoulders_is_no_evidence():
    assert verdict(observe(0.0, None, BODY)) == UNKNOWN
    assert verdict(observe(0.0, FACE, None)) == UNKNOWN


# --- the detector over time ----------------------------------------------------------------------------


def feed(detector: DriftDetector, start: float, end: float, make, fps: float = 2.0) -> list[bool]:
    holds = []
    steps = int(round((end - start) * fps))
    for i in range(steps + 1):
        t = start + i / fps
        obs = make(t)
        holds.append(detector.update(obs.face, obs.body, t))
    return holds


def test_a_sustained_camera_move_asks_to_recalibrate_after_hold_s_and_clears_when_it_matches_again():
    detector = DriftDetector(REFERENCE, DriftSettings(hold_s=20.0, clear_s=3.0))
    assert not any(feed(detector, 0.0, 10.0, lambda t: observe(t, FACE, BODY)))
    holds = feed(detector, 10.5, 29.5, lambda t: camera_moved(observe(t, FACE, BODY), 0, 100))
    assert all(holds), "posture alerts are held from the first moved frame"
    assert not detector.needs_recalibration  # 19 s: not yet
    detector.update(*_parts(camera_moved(observe(30.5, FACE, BODY), 0, 100)), 30.5)
    assert detector.needs_recalibration and detector.flagged_count == 1
    feed(detector, 31.0, 33.0, lambda t: observe(t, FACE, BODY))  # back for 2 s: still asking
    assert detector.needs_recalibration
    feed(detector, 33.5, 34.5, lambda t: observe(t, FACE, BODY))
    assert not detector.needs_recalibration and not detector.holds_alerts
    assert detector.flagged_s == pytest.approx(0.5, abs=1e-6)  # asked from 30.5 to 31.0, when it matched


def test_a_brief_move_does_not_ask_and_a_long_absence_restarts_the_wait():
    detector = DriftDetector(REFERENCE, DriftSettings(hold_s=20.0, max_gap_s=5.0))
    feed(detector, 0.0, 15.0, lambda t: camera_moved(observe(t, FACE, BODY), 150, 0))
    feed(detector, 15.5, 16.0, lambda t: observe(t, FACE, BODY))
    feed(detector, 16.5, 30.0, lambda t: camera_moved(observe(t, FACE, BODY), 150, 0))
    assert not detector.needs_recalibration  # the wait restarted at 16.5
    feed(detector, 30.5, 40.0, lambda t: observe(t, None, None))  # away 10 s
    feed(detector, 40.5, 55.0, lambda t: camera_moved(observe(t, FACE, BODY), 150, 0))
    assert not detector.needs_recalibration
    feed(detector, 55.5, 61.0, lambda t: camera_moved(observe(t, FACE, BODY), 150, 0))
    assert detector.needs_recalibration


def test_a_long_sideways_lean_never_asks_to_recalibrate():
    body, face = leaning(BODY, FACE, 15.0)
    detector = DriftDetector(REFERENCE)
    assert not any(feed(detector, 0.0, 60.0, lambda t: observe(t, face, body)))
    assert not detector.needs_recalibration


def test_drift_settings_say_the_allowed_range():
    with pytest.raises(ValueError, match="drift.hold_s"):
        DriftSettings(hold_s=0.0)


def test_placement_round_trips_and_rejects_unknown_fields():
    assert Placement.from_dict(REFERENCE.to_dict()) == REFERENCE
    with pytest.raises(ValueError, match="unknown"):
        Placement.from_dict({**REFERENCE.to_dict(), "zoom": 2})


def _parts(obs):
    return obs.face, obs.body


# --- in the engine -------------------------------------------------------------------------------------


def calibrated_profile():
    run = run_calibration(person_scene(PLAIN_NEUTRAL, PLAIN_SMILE))
    assert run.done, run.failure
    return run.profile("2026-11-29T09:00:00+08:00")


def engine_with(profile):
    engine_module = pytest.importorskip("coach.engine")
    if "profile" not in engine_module.Engine.__init__.__code__.co_varnames:
        pytest.skip("coach.engine.Engine does not take a calibration profile yet")
    return engine_module.Engine(profile=profile)


def test_a_simulated_camera_move_asks_to_recalibrate_and_raises_no_posture_alert():
    profile = calibrated_profile()
    engine = engine_with(profile)
    move = {"dx": 60.0, "dy": 40.0, "scale": 1.1, "roll_deg": 12.0}  # bumped: shifted, nearer, rolled
    bumped = camera_moved(observe(0.0, FACE, BODY), **move)
    # Judged against the calibrated baseline, the bumped camera's picture looks like a tilted,
    # leaning person: without the drift gate these faults would become alerts.
    moved_reading = measure_posture(bumped.body, bumped.face, baseline=profile.posture)
    assert {"shoulders_sloped", "head_tilted", "leaning_sideways"} <= set(moved_reading.issues)
    events, states = [], []
    for i in range(0, 200):  # 100 s at 2 fps: 10 s as calibrated, then moved
        t = i / 2
        obs = observe(t, FACE, BODY) if t < 10 else camera_moved(observe(t, FACE, BODY), **move)
        step = engine.step(obs)
        events += step.events
        states.append(step.state)
    events += engine.finish(99.5)
    assert not [e for e in events if e.kind.startswith("posture:")]
    assert not states[19].needs_recalibration  # t = 9.5
    assert not states[55].needs_recalibration  # t = 27.5: moved for 17.5 s
    assert states[-1].needs_recalibration and states[-1].profile == "test.person/sitting"
    summary = engine.summary()["calibration"]
    assert summary["baseline"] == "profile" and summary["recalibration_prompts"] == 1


def test_without_a_profile_the_engine_says_it_uses_population_defaults():
    engine = engine_with(None)
    state = engine.step(observe(0.0, FACE, BODY)).state
    assert state.needs_recalibration is False
    assert state.baseline == "population" and state.profile is None
    summary = engine.summary()["calibration"]
    assert summary["baseline"] == "population" and summary["profile"] is None
    assert CalibrationStatus(None).note("en") == "no profile: population defaults"
