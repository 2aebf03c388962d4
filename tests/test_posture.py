"""Posture rules: geometry helpers, synthetic skeletons with known angles, real MediaPipe Pose."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest
from posture_bodies import (
    HEAD,
    LEVEL_PITCH_DEG,
    SHOULDER_WIDTH,
    UPPER_BODY,
    chin_on_hand,
    crossed_arms,
    front_body,
    hands_on_desk,
    head_down,
    hip_mid,
    moved,
    placed,
    rotated,
    shoulder_mid,
    side_body,
    with_visibility,
)

from coach.readings import PostureReading
from coach.rules import geometry as g
from coach.rules.posture import FAULTS, PostureBaseline, PostureSettings, measure_posture
from coach.types import FACE_POINT_COUNT, Body, Face, Observation
from coach.types import PoseLandmark as P

SHOULDERS = (P.LEFT_SHOULDER, P.RIGHT_SHOULDER)


# --- geometry -----------------------------------------------------------------------------


def test_angle_at_a_right_angle_and_a_straight_line():
    assert g.angle_at((0, 0), (10, 0), (10, 10)) == pytest.approx(90.0)
    assert g.angle_at((0, 0), (5, 5), (10, 10)) == pytest.approx(180.0)
    with pytest.raises(ValueError):
        g.angle_at((1, 1), (1, 1), (2, 2))


def test_angle_from_vertical_is_signed_toward_the_image_right():
    assert g.angle_from_vertical((0, 100), (0, 0)) == pytest.approx(0.0)
    assert g.angle_from_vertical((0, 100), (100, 0)) == pytest.approx(45.0)
    assert g.angle_from_vertical((0, 100), (-100, 0)) == pytest.approx(-45.0)


def test_line_tilt_ignores_point_order_and_is_positive_when_the_right_end_is_higher():
    a, b = (0.0, 100.0), (100.0, 100.0 - 100.0 * math.tan(math.radians(12)))
    assert g.line_tilt(a, b) == pytest.approx(12.0)
    assert g.line_tilt(b, a) == pytest.approx(12.0)
    assert g.line_tilt((0, 0), (100, 10)) < 0
    assert g.line_tilt((5, 0), (5, 10)) == pytest.approx(90.0)


def test_below_horizontal_and_distances():
    assert g.below_horizontal((0, 0), (10, 10)) == pytest.approx(45.0)
    assert g.below_horizontal((0, 0), (-10, 10)) == pytest.approx(45.0)
    assert g.distance((0, 0), (3, 4)) == pytest.approx(5.0)
    assert g.midpoint((0, 0), (4, 2)) == pytest.approx([2, 1])


def test_body_frame_does_not_change_when_everything_rotates():
    origin, across, point = np.array([50.0, 50.0]), np.array([100.0, 0.0]), np.array([80.0, 90.0])
    before = g.body_frame(point, origin, across, 100.0)
    a = math.radians(25)
    m = np.array([[math.cos(a), math.sin(a)], [-math.sin(a), math.cos(a)]])
    after = g.body_frame(m @ point, m @ origin, m @ across, 100.0)
    assert after == pytest.approx(before)
    assert before == pytest.approx([0.3, 0.4])


# --- the upright skeleton and each fault on its own ---------------------------------------


def test_upright_standing_person_has_level_measures_and_no_fault():
    r = measure_posture(front_body())
    assert (r.view, r.mode) == ("front", "standing")
    assert r.shoulder_tilt_deg == pytest.approx(0.0, abs=1e-3)
    assert r.head_roll_deg == pytest.approx(0.0, abs=1e-3)
    assert r.neck_flex_deg == pytest.approx(0.0, abs=1e-3)
    assert r.lean_sideways_deg == pytest.approx(0.0, abs=1e-3)
    assert r.forward_head == pytest.approx(0.0, abs=1e-3)
    assert r.feet_width_ratio == pytest.approx(1.0, abs=0.01)
    assert r.hands_visible is True
    assert r.issues == () and r.ok
    # below every alert's exit level (0.7 of its threshold), so an alert would end
    assert set(r.levels) <= set(FAULTS) and max(r.levels.values()) < 0.7


def test_seated_person_seen_from_the_front_is_sitting():
    r = measure_posture(front_body(standing=False))
    assert (r.view, r.mode, r.issues) == ("front", "sitting", ())


@pytest.mark.parametrize("degrees", [-20.0, -10.0, 10.0, 20.0])
def test_whole_picture_rotated_shoulder_tilt_and_head_roll_follow_within_1_degree(degrees):
    body = rotated(front_body(), degrees, (640.0, 500.0))
    r = measure_posture(body)
    assert r.shoulder_tilt_deg == pytest.approx(degrees, abs=1.0)
    assert r.head_roll_deg == pytest.approx(degrees, abs=1.0)
    assert {"shoulders_sloped", "head_tilted", "leaning_sideways"} <= set(r.issues)


@pytest.mark.parametrize(("degrees", "fault"), [(4.0, False), (-15.0, True), (15.0, True)])
def test_sideways_lean_of_the_trunk(degrees, fault):
    body = front_body()
    r = measure_posture(rotated(body, degrees, hip_mid(body), UPPER_BODY))
    assert r.lean_sideways_deg == pytest.approx(-degrees, abs=1.0)  # counter-clockwise = toward image left
    assert ("leaning_sideways" in r.issues) is fault


@pytest.mark.parametrize(("degrees", "fault"), [(6.0, False), (14.0, True), (-14.0, True)])
def test_head_roll_alone_tilts_the_head_not_the_shoulders(degrees, fault):
    body = front_body()
    r = measure_posture(rotated(body, degrees, shoulder_mid(body), HEAD))
    assert r.head_roll_deg == pytest.approx(degrees, abs=1.0)
    assert r.shoulder_tilt_deg == pytest.approx(0.0, abs=1e-3)
    assert ("head_tilted" in r.issues) is fault
    assert "shoulders_sloped" not in r.issues


def test_head_roll_comes_from_the_face_mesh_eye_line_when_there_is_a_face():
    points = np.zeros((FACE_POINT_COUNT, 3), np.float32)
    points[:, :2] = (640, 280)
    points[33, :2] = (600, 280 + 40 * math.tan(math.radians(8)))  # right eye outer, image left
    points[263, :2] = (680, 280 - 40 * math.tan(math.radians(8)))  # left eye outer, image right
    r = measure_posture(front_body(), Face(points=points))
    assert r.head_roll_deg == pytest.approx(8.0, abs=0.5)


@pytest.mark.parametrize(("raise_px", "fault"), [(10.0, False), (40.0, True)])
def test_one_shoulder_higher_slopes_the_shoulder_line(raise_px, fault):
    r = measure_posture(moved(front_body(), (P.LEFT_SHOULDER,), dy=-raise_px))
    expected = math.degrees(math.atan2(raise_px, SHOULDER_WIDTH))
    assert r.shoulder_tilt_deg == pytest.approx(expected, abs=1.0)
    assert ("shoulders_sloped" in r.issues) is fault


@pytest.mark.parametrize(("pitch", "fault"), [(10.0, False), (18.0, False), (25.0, True), (35.0, True)])
def test_head_pitched_down_from_the_front(pitch, fault):
    r = measure_posture(head_down(front_body(), pitch))
    assert r.neck_flex_deg == pytest.approx(pitch, abs=1.0)
    assert ("head_down" in r.issues) is fault


def test_shrug_with_a_level_head_is_shoulders_raised_not_hunched():
    r = measure_posture(moved(front_body(), SHOULDERS, dy=-40))
    assert r.shoulders_raised == pytest.approx(40 / 120, abs=0.01)
    assert "shoulders_raised" in r.issues and "hunched" not in r.issues


def test_head_dropped_forward_and_down_is_hunched_not_shoulders_raised():
    r = measure_posture(head_down(moved(front_body(), HEAD, dy=50), 15))
    # the ears' height above the shoulders fell from 0.60 to 0.35 shoulder widths
    assert r.forward_head == pytest.approx(math.sqrt(1 - (0.35 / 0.6) ** 2), abs=0.01)
    assert "hunched" in r.issues and "shoulders_raised" not in r.issues


def test_with_a_baseline_what_moved_decides_shrug_or_slump_even_with_a_level_head():
    base = PostureBaseline.from_bodies([front_body()] * 5)
    shrug = measure_posture(moved(front_body(), SHOULDERS, dy=-40), baseline=base)
    slump = measure_posture(moved(front_body(), HEAD, dy=40), baseline=base)
    assert "shoulders_raised" in shrug.issues and "hunched" not in shrug.issues
    assert "hunched" in slump.issues and "shoulders_raised" not in slump.issues
    everything = tuple(range(len(P)))
    sitting_lower = measure_posture(moved(front_body(), everything, dy=60), baseline=base)
    assert sitting_lower.issues == ()


def _leaning_toward_the_camera(body: Body, degrees: float) -> Body:
    """The trunk tips toward a front camera: it looks shorter, the shoulders a little wider."""
    trunk = 1.3 * SHOULDER_WIDTH
    drop = trunk * (1 - math.cos(math.radians(degrees)))
    p = moved(body, UPPER_BODY, dy=drop).points.copy()
    upper = [int(i) for i in UPPER_BODY]
    p[upper, 0] = 640.0 + (p[upper, 0] - 640.0) * (1 + 0.1 * math.sin(math.radians(degrees)))
    return Body(points=p, visibility=body.visibility.copy())


@pytest.mark.parametrize(("degrees", "fault"), [(8.0, False), (15.0, False), (30.0, True)])
def test_front_view_forward_lean_against_a_baseline_slight_is_fine_large_is_hunched(degrees, fault):
    base = PostureBaseline.from_bodies([front_body(standing=False)] * 5)
    r = measure_posture(_leaning_toward_the_camera(front_body(standing=False), degrees), baseline=base)
    assert r.torso_incline_deg == pytest.approx(degrees, abs=1.0)
    assert ("hunched" in r.issues) is fault
    assert measure_posture(front_body(standing=False)).torso_incline_deg is None  # not without one


def test_baseline_absorbs_a_persons_habitual_tilt_and_camera_roll():
    habitual = rotated(front_body(), 9.0, (640.0, 500.0))
    assert "shoulders_sloped" in measure_posture(habitual).issues
    base = PostureBaseline.from_bodies([habitual] * 6)
    assert base.view == "front" and base.samples == 6
    assert base.shoulder_tilt_deg == pytest.approx(9.0, abs=0.5)
    assert measure_posture(habitual, baseline=base).issues == ()


def test_crossed_arms_but_not_hands_resting_in_front():
    assert measure_posture(crossed_arms(front_body(standing=False))).arms_crossed
    assert "arms_crossed" in measure_posture(crossed_arms(front_body())).issues
    resting = measure_posture(hands_on_desk(front_body(standing=False)))
    assert not resting.arms_crossed and resting.issues == ()


def test_one_forearm_across_the_waist_is_not_crossed_arms():
    body = crossed_arms(front_body())
    hanging = front_body()
    for point in (P.RIGHT_ELBOW, P.RIGHT_WRIST, P.RIGHT_INDEX, P.RIGHT_PINKY, P.RIGHT_THUMB):
        body = placed(body, {point: tuple(hanging.xy(point))})
    assert not measure_posture(body).arms_crossed


def test_crossed_arms_still_seen_when_the_camera_is_rolled():
    assert measure_posture(rotated(crossed_arms(front_body()), 20.0, (640.0, 500.0))).arms_crossed


def test_chin_resting_on_a_hand():
    r = measure_posture(chin_on_hand(front_body(standing=False)))
    assert r.chin_on_hand and "chin_on_hand" in r.issues
    assert not measure_posture(hands_on_desk(front_body())).chin_on_hand


def test_legs_crossed_when_the_knees_swap_sides():
    body = front_body(standing=False)
    left, right = body.xy(P.LEFT_KNEE), body.xy(P.RIGHT_KNEE)
    crossed = placed(body, {P.LEFT_KNEE: (right[0] - 20, left[1]), P.RIGHT_KNEE: (left[0] - 60, right[1])})
    assert "legs_crossed" in measure_posture(crossed).issues
    assert not measure_posture(body).legs_crossed


@pytest.mark.parametrize(("apart", "fault"), [(0.3, True), (0.8, False), (1.2, False), (1.9, True)])
def test_feet_shoulder_width_apart_when_standing(apart, fault):
    r = measure_posture(front_body(feet_apart=apart))
    assert r.feet_width_ratio == pytest.approx(apart, abs=0.01)
    assert ("feet_not_shoulder_width" in r.issues) is fault


def test_feet_together_while_sitting_is_not_a_standing_fault():
    r = measure_posture(front_body(standing=False, feet_apart=0.2))
    assert r.mode == "sitting" and "feet_not_shoulder_width" not in r.issues


def test_hands_behind_the_back_or_in_pockets_when_standing():
    behind = with_visibility(front_body(), (P.LEFT_WRIST, P.LEFT_INDEX, P.LEFT_PINKY, P.LEFT_THUMB), 0.05)
    assert "hands_hidden" in measure_posture(behind).issues
    body = front_body()
    hip = body.xy(P.RIGHT_HIP)
    in_pocket = placed(body, {P.RIGHT_WRIST: (hip[0] - 10, hip[1] + 5)})
    pocket = with_visibility(in_pocket, (P.RIGHT_INDEX, P.RIGHT_PINKY, P.RIGHT_THUMB), 0.1)
    assert measure_posture(pocket).hands_visible is False
    assert measure_posture(body).hands_visible is True


# --- side view ----------------------------------------------------------------------------


@pytest.mark.parametrize("facing", [1, -1])
@pytest.mark.parametrize(("forward", "issue"), [(0.0, None), (10.0, None), (15.0, None),
                                                (30.0, "hunched"), (-35.0, "reclined")])
def test_side_view_trunk_lean_slight_forward_is_fine_a_large_one_is_not(facing, forward, issue):
    r = measure_posture(side_body(facing=facing, trunk_forward_deg=forward))
    assert (r.view, r.mode) == ("side", "sitting")
    assert r.torso_incline_deg == pytest.approx(forward, abs=1.0)
    assert r.issues == (() if issue is None else (issue,))
    assert r.shoulder_tilt_deg is None and r.head_roll_deg is None  # not measurable from the side


def test_side_view_forward_head_and_head_pitch():
    forward = measure_posture(side_body(neck_forward_deg=45.0))
    assert forward.forward_head == pytest.approx(math.sin(math.radians(45.0)), abs=0.01)
    assert "hunched" in forward.issues
    down = measure_posture(side_body(pitch_deg=30.0, facing=-1))
    assert down.neck_flex_deg == pytest.approx(30.0, abs=1.0)
    assert down.issues == ("head_down",)


def test_side_view_plumb_line_adds_up_a_trunk_lean_and_a_forward_head_neither_enough_alone():
    """Ear over hip: 12° of trunk lean and the ears 6° further ahead put the ear ~14° ahead of the
    hip: a fault standing (no lean allowed), not seated (the attentive 15° lean passes)."""
    for facing in (1, -1):
        standing = measure_posture(side_body(facing=facing, trunk_forward_deg=12.0, neck_forward_deg=6.0,
                                             standing=True))
        assert (standing.view, standing.mode) == ("side", "standing")
        assert standing.forward_head < PostureSettings().standing_forward_head_max  # the neck alone passes
        assert standing.torso_incline_deg < PostureSettings().torso_forward_max_deg  # so does the trunk
        assert standing.issues == ("hunched",), standing.levels
        seated = measure_posture(side_body(facing=facing, trunk_forward_deg=12.0, neck_forward_deg=6.0))
        assert seated.mode == "sitting" and seated.issues == (), seated.levels
        slumped = measure_posture(side_body(facing=facing, trunk_forward_deg=16.0, neck_forward_deg=12.0))
        assert slumped.forward_head < PostureSettings().forward_head_max
        assert slumped.issues == ("hunched",), slumped.levels  # ear ~20° ahead of the hip seated
    upright = measure_posture(side_body(standing=True, neck_forward_deg=10.0))
    assert upright.mode == "standing" and upright.issues == (), upright.levels


def test_side_view_plumb_line_is_judged_against_a_calibrated_lean():
    habitual = side_body(trunk_forward_deg=12.0, neck_forward_deg=6.0, standing=True)
    base = PostureBaseline.from_bodies([habitual] * 5)
    assert base.view == "side" and base.plumb_deg == pytest.approx(13.9, abs=0.5)
    assert measure_posture(habitual, baseline=base).issues == ()


# --- nothing to judge ---------------------------------------------------------------------


def test_no_body_or_hidden_shoulders_give_an_unknown_reading_with_the_reason():
    assert measure_posture(None) == PostureReading(mode="unknown", reason="no_person")
    hidden = with_visibility(front_body(), SHOULDERS, 0.1)
    r = measure_posture(hidden)
    assert r.mode == "unknown" and r.issues == () and r.view == "unknown"
    assert r.reason == "shoulders_hidden" and not r.judged


def test_mode_is_upper_body_without_hips_or_knees_and_it_is_judged():
    upper_only = with_visibility(front_body(), (P.LEFT_HIP, P.RIGHT_HIP, P.LEFT_KNEE, P.RIGHT_KNEE), 0.05)
    r = measure_posture(upper_only)
    assert r.mode == "upper_body" and r.view == "front" and r.judged and r.reason == ""
    assert r.lean_sideways_deg is None and r.hands_visible is None
    assert "hunched" in measure_posture(head_down(moved(upper_only, HEAD, dy=50), 15)).issues


# --- settings and baseline ----------------------------------------------------------------


def test_settings_reject_values_outside_their_range_and_say_the_range():
    with pytest.raises(ValueError, match=r"posture\.head_down_max_deg.*10.*45"):
        PostureSettings(head_down_max_deg=60.0)
    with pytest.raises(ValueError, match="feet_width_min"):
        PostureSettings(feet_width_min=1.0, feet_width_max=1.0)
    with pytest.raises(ValueError):
        PostureSettings(torso_forward_max_deg=float("nan"))


def test_stricter_threshold_turns_a_slight_lean_into_a_fault():
    body = side_body(trunk_forward_deg=15.0)
    assert measure_posture(body).issues == ()
    assert measure_posture(body, settings=PostureSettings(torso_forward_max_deg=12.0)).issues == ("hunched",)


def test_baseline_needs_enough_frames_and_round_trips_through_a_dict():
    with pytest.raises(ValueError, match="5"):
        PostureBaseline.from_bodies([front_body(), None, with_visibility(front_body(), SHOULDERS, 0.0)])
    observations = [Observation(t=i * 0.1, frame_index=i, width=1280, height=1400, body=front_body())
                    for i in range(5)]
    base = PostureBaseline.from_observations(observations)
    assert base.head_height == pytest.approx(0.6, abs=1e-3)
    assert base.head_pitch_deg == pytest.approx(LEVEL_PITCH_DEG, abs=0.1)
    assert PostureBaseline.from_dict(base.to_dict()) == base
    with pytest.raises(ValueError):
        PostureBaseline.from_dict({**base.to_dict(), "bogus": 1})


def test_a_baseline_from_another_view_is_ignored():
    side_base = PostureBaseline.from_bodies([side_body(trunk_forward_deg=25.0)] * 5)
    assert side_base.view == "side"
    assert measure_posture(side_body(trunk_forward_deg=30.0), baseline=side_base).issues == ()
    front = rotated(front_body(), 15.0, (640.0, 500.0))
    assert measure_posture(front, baseline=side_base).issues == measure_posture(front).issues


# --- real MediaPipe Pose on real pictures -------------------------------------------------

mp = pytest.importorskip("mediapipe")
cv2 = pytest.importorskip("cv2")
GREY = (127, 127, 127)


def _pose_body(pose, image_bgr: np.ndarray) -> Body | None:
    result = pose.process(cv2.cvtColor(image_bgr, cv2.COLOR_BGR2RGB))
    if result.pose_landmarks is None:
        return None
    h, w = image_bgr.shape[:2]
    marks = result.pose_landmarks.landmark
    points = np.array([[m.x * w, m.y * h, m.z * w] for m in marks], np.float32)
    return Body(points=points, visibility=np.array([m.visibility for m in marks], np.float32))


def _rotated_canvas(image: np.ndarray, degrees: float, pad: int) -> np.ndarray:
    canvas = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=GREY)
    h, w = canvas.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(canvas, turn, (w, h), borderMode=cv2.BORDER_CONSTANT, borderValue=GREY)


@pytest.fixture(scope="module")
def astronaut() -> np.ndarray:
    from skimage import data

    return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)


@pytest.fixture(scope="module")
def pose():
    with mp.solutions.pose.Pose(static_image_mode=True, model_complexity=1) as model:
        yield model


def test_real_pose_finds_the_astronauts_shoulders(pose, astronaut):
    body = _pose_body(pose, astronaut)
    assert body is not None and body.visible(*SHOULDERS)
    r = measure_posture(body)
    assert r.view == "front"
    assert body.xy(P.LEFT_SHOULDER)[0] > body.xy(P.NOSE)[0] > body.xy(P.RIGHT_SHOULDER)[0]
    assert abs(r.shoulder_tilt_deg) < 20.0
    assert g.height_above_line(body.xy(P.NOSE), *[body.xy(s) for s in SHOULDERS]) > 0


@pytest.mark.parametrize("degrees", [-20.0, -10.0, 10.0, 20.0])
def test_real_pose_shoulder_tilt_follows_a_rotated_picture_within_3_degrees(pose, astronaut, degrees):
    """Pose puts the astronaut's shoulders on her spacesuit's neck ring, and exactly where
    depends on the framing (measured: the upright tilt reads -5° to -17° with 0-256 px of
    border, and a single framing can miss a 10° turn by up to 10°). The median over three
    framings removes that framing noise, so this checks that the tilt measured from real
    landmarks follows the picture's rotation."""

    def tilt(turn: float) -> float:
        tilts = []
        for pad in (0, 128, 256):
            body = _pose_body(pose, _rotated_canvas(astronaut, turn, pad))
            assert body is not None
            tilts.append(measure_posture(body).shoulder_tilt_deg)
        return float(np.median(tilts))

    assert tilt(degrees) - tilt(0.0) == pytest.approx(degrees, abs=3.0)


def test_real_face_mesh_head_roll_follows_a_rotated_picture_within_3_degrees(pose, astronaut):
    rolls = {}
    with mp.solutions.face_mesh.FaceMesh(static_image_mode=True, refine_landmarks=True) as mesh:
        for degrees in (0.0, -20.0, -10.0, 10.0, 20.0):
            image = _rotated_canvas(astronaut, degrees, 0)
            found = mesh.process(cv2.cvtColor(image, cv2.COLOR_BGR2RGB)).multi_face_landmarks
            assert found
            h, w = image.shape[:2]
            face = Face(points=np.array([[m.x * w, m.y * h, m.z * w] for m in found[0].landmark], np.float32))
            rolls[degrees] = measure_posture(_pose_body(pose, image), face).head_roll_deg
    for degrees in (-20.0, -10.0, 10.0, 20.0):
        assert rolls[degrees] - rolls[0.0] == pytest.approx(degrees, abs=3.0)


POSTURE_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.skipif(not (POSTURE_DATA / "MANIFEST.csv").exists(), reason="labeled posture photos not present")
def test_labeled_side_view_photos_good_have_no_trunk_fault_and_hunched_ones_are_flagged(pose):
    """The team's labeled photos (../shared/data, not in the repo): side views of upright,
    hunched and reclined sitting. Group-level check; single misjudged files are reported,
    not tuned for."""
    with open(POSTURE_DATA / "MANIFEST.csv", newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["category"].startswith("posture_")]
    verdicts = {}
    for row in rows:
        name = Path(row["file"]).name
        if not name.startswith(("nvsitting__straight", "nvsitting__hunchback", "nvsitting__recline")):
            continue
        body = _pose_body(pose, cv2.imread(str(POSTURE_DATA / row["file"])))
        verdicts[name] = measure_posture(body).issues
    assert len(verdicts) == 11
    for name, issues in verdicts.items():
        if "straight" in name:
            assert issues == (), name
        elif "hunchback" in name:
            assert "hunched" in issues, name
        else:
            assert "reclined" in issues, name
