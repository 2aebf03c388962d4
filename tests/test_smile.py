"""Smile rules: face frame invariances, the score and the kinds on synthetic faces, real
MediaPipe landmarks on skimage's astronaut (smiling) and cat (no face)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from smile_faces import synthetic_face, transformed

from coach.rules.face_frame import face_frame
from coach.rules.smile import (
    POPULATION_NEUTRAL,
    SettingRangeError,
    SmileBaseline,
    SmileSettings,
    corner_verdict,
    measure_geometry,
    measure_smile,
)
from coach.types import FACE_POINT_COUNT, Face

NEUTRAL = synthetic_face()
MOUTH_ONLY = synthetic_face(corner_lift_deg=18.0, widen=0.2)
GENUINE = synthetic_face(corner_lift_deg=18.0, widen=0.2, aperture=0.22, lower_lid=0.06)


# --- the face frame ------------------------------------------------------------------------------


def test_face_frame_puts_eyes_on_the_x_axis_one_unit_apart():
    frame = face_frame(transformed(NEUTRAL, rotate_deg=25.0, scale=3.0, shift=(40.0, -10.0)))
    right = frame.points[[33, 133], :2].mean(axis=0)
    left = frame.points[[263, 362], :2].mean(axis=0)
    assert right == pytest.approx([-0.5, 0.0], abs=1e-5)
    assert left == pytest.approx([0.5, 0.0], abs=1e-5)
    assert frame.roll_deg == pytest.approx(25.0, abs=1e-4)
    assert frame.inter_ocular_px == pytest.approx(180.0, rel=1e-5)
    assert frame.xy(152)[1] > 0  # the chin side is +y


@pytest.mark.parametrize("angle", [-20.0, -7.0, 7.0, 20.0])
def test_mouth_angle_is_roll_invariant(angle):
    upright = measure_smile(MOUTH_ONLY)
    rolled = measure_smile(transformed(MOUTH_ONLY, rotate_deg=angle))
    assert rolled.mouth_corner_deg == pytest.approx(upright.mouth_corner_deg, abs=1.0)
    assert rolled.score == pytest.approx(upright.score, abs=0.5)
    assert rolled.kind == upright.kind


@pytest.mark.parametrize("scale", [0.4, 2.5])
def test_measures_are_scale_invariant(scale):
    near = measure_smile(GENUINE)
    far = measure_smile(transformed(GENUINE, scale=scale, shift=(123.0, 45.0)))
    assert far.mouth_corner_deg == pytest.approx(near.mouth_corner_deg, abs=1e-3)
    assert far.mouth_width_ratio == pytest.approx(near.mouth_width_ratio, abs=1e-4)
    assert far.eye_aperture == pytest.approx(near.eye_aperture, abs=1e-4)
    assert far.score == pytest.approx(near.score, abs=1e-3)


def test_degenerate_faces_are_refused():
    with pytest.raises(ValueError, match="degenerate"):
        measure_smile(Face(points=np.zeros((FACE_POINT_COUNT, 3), np.float32)))
    broken = NEUTRAL.points.copy()
    broken[61, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        measure_smile(Face(points=broken))


# --- measures, score and kind --------------------------------------------------------------------


def test_corner_angle_is_measured_from_the_lip_centre():
    assert measure_geometry(NEUTRAL).corner_deg == pytest.approx(0.0, abs=0.5)
    assert measure_geometry(synthetic_face(corner_lift_deg=20.0)).corner_deg == pytest.approx(20.0, abs=0.5)
    assert measure_geometry(synthetic_face(corner_lift_deg=-10.0)).corner_deg == pytest.approx(-10.0, abs=0.5)


def test_neutral_face_is_no_smile():
    reading = measure_smile(NEUTRAL)
    assert reading.kind == "none"
    assert reading.score < 20
    assert reading.mouth_width_ratio == pytest.approx(0.8, abs=0.01)
    assert reading.eye_aperture == pytest.approx(0.30, abs=0.01)
    assert not reading.teeth_visible


def test_lifted_corners_score_higher_and_rise_with_the_lift():
    scores = [measure_smile(synthetic_face(corner_lift_deg=d, widen=d / 90)).score for d in (0, 5, 10, 20)]
    assert scores == sorted(scores)
    assert scores[-1] - scores[0] > 60


def test_corner_lift_alone_reads_mouth_only():
    reading = measure_smile(MOUTH_ONLY)
    assert reading.kind == "mouth_only"
    assert reading.eye_involvement < 0.2


def test_eye_narrowing_with_corner_lift_reads_genuine():
    reading = measure_smile(GENUINE)
    assert reading.kind == "genuine"
    assert reading.eye_involvement > 0.8
    assert reading.score > measure_smile(MOUTH_ONLY).score


def test_narrowed_eyes_without_a_smile_are_not_a_smile():
    squint = measure_smile(synthetic_face(aperture=0.15, lower_lid=0.05))
    assert squint.kind == "none"
    assert squint.eye_involvement > 0.8


def test_a_dropped_jaw_is_not_a_smile():
    agape = synthetic_face(corner_lift_deg=25.0, widen=0.1, lip_gap=40.0)
    assert measure_smile(agape).kind == "none"
    assert measure_smile(agape).teeth_visible


def test_symmetry_drops_when_one_corner_lifts():
    both = measure_smile(synthetic_face(corner_lift_deg=18.0, widen=0.2))
    one = measure_smile(synthetic_face(corner_lift_deg=18.0, widen=0.2, right_corner_only=True))
    assert both.symmetry > 0.95
    assert one.symmetry < 0.2


def test_baseline_judges_against_the_persons_own_neutral():
    # Naturally narrow eyes read as "involved" against the population average...
    narrow_neutral = synthetic_face(aperture=0.21, lower_lid=0.065)
    narrow_smile = synthetic_face(corner_lift_deg=18.0, widen=0.2, aperture=0.21, lower_lid=0.065)
    assert measure_smile(narrow_smile).kind == "genuine"
    # ...but against the person's own neutral the eyes did not change: a mouth-only smile.
    baseline = SmileBaseline.from_faces([narrow_neutral] * 3)
    assert baseline.samples == 3
    assert measure_smile(narrow_smile, baseline=baseline).kind == "mouth_only"
    assert measure_smile(narrow_neutral, baseline=baseline).kind == "none"


def test_baseline_from_a_wide_resting_mouth_needs_more_lift():
    wide_neutral = synthetic_face(widen=0.15, corner_lift_deg=6.0)
    baseline = SmileBaseline.from_faces([wide_neutral])
    assert measure_smile(wide_neutral).kind != "none"  # reads as a faint smile against the average
    assert measure_smile(wide_neutral, baseline=baseline).kind == "none"


def test_baseline_round_trips_through_json_and_rejects_nonsense():
    baseline = SmileBaseline.from_faces([NEUTRAL, synthetic_face(corner_lift_deg=2.0)])
    again = SmileBaseline.from_dict(json.loads(json.dumps(baseline.to_dict())))
    assert again == baseline
    with pytest.raises(ValueError, match="at least one"):
        SmileBaseline.from_faces([])
    with pytest.raises(ValueError, match="unknown"):
        SmileBaseline.from_dict({**baseline.to_dict(), "mood": 1.0})
    with pytest.raises(ValueError, match="finite"):
        SmileBaseline(**{**POPULATION_NEUTRAL.to_dict(), "corner_deg": math.nan})


def test_settings_are_validated_with_the_allowed_range():
    with pytest.raises(SettingRangeError, match="smile_threshold must be a number from 1 to 99") as caught:
        SmileSettings(smile_threshold=150)
    assert (caught.value.field, caught.value.low, caught.value.high) == ("smile_threshold", 1.0, 99.0)
    with pytest.raises(SettingRangeError, match="corner_norm_max_deg must be a number from 30 to 90"):
        SmileSettings(corner_norm_min_deg=30, corner_norm_max_deg=20)
    with pytest.raises(ValueError):
        SmileSettings(genuine_threshold=True)
    settings = SmileSettings(smile_threshold=60, teeth_gap=0.1)
    assert SmileSettings.from_dict(json.loads(json.dumps(settings.to_dict()))) == settings


def test_threshold_setting_moves_the_smile_boundary():
    faint = synthetic_face(corner_lift_deg=8.0, widen=0.1)
    score = measure_smile(faint).score
    assert measure_smile(faint, SmileSettings(smile_threshold=max(1.0, score - 5))).kind != "none"
    assert measure_smile(faint, SmileSettings(smile_threshold=min(99.0, score + 5))).kind == "none"


def test_corner_verdict_follows_the_norm():
    assert corner_verdict(10.0) == "faint"
    assert corner_verdict(20.0) == "ok"
    assert corner_verdict(35.0) == "exaggerated"
    assert corner_verdict(10.0, SmileSettings(corner_norm_min_deg=8.0, corner_norm_max_deg=12.0)) == "ok"


# --- real landmarks ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def detect_face():
    pytest.importorskip("mediapipe")
    skimage_data = pytest.importorskip("skimage.data")
    import cv2

    from coach.types import Frame
    from coach.vision.landmarker import Landmarker

    with Landmarker(static_image_mode=True, pose=False) as landmarker:
        def detect(name: str):
            rgb = getattr(skimage_data, name)()
            return landmarker.detect(Frame(t=0.0, index=0, image=cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))).face

        yield detect


def test_astronaut_smiles_with_real_landmarks(detect_face):
    face = detect_face("astronaut")
    assert face is not None
    reading = measure_smile(face)
    assert reading.kind != "none"
    assert reading.score >= 70
    assert reading.mouth_corner_deg > 5
    assert reading.teeth_visible


def test_astronaut_rolled_keeps_its_reading(detect_face):
    face = detect_face("astronaut")
    x0, y0, x1, y1 = face.bbox
    centre = ((x0 + x1) / 2, (y0 + y1) / 2)
    a = math.radians(20.0)
    rotation = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    points = face.points.astype(np.float64).copy()
    points[:, :2] = (points[:, :2] - centre) @ rotation.T + centre
    rolled = measure_smile(Face(points=points.astype(np.float32)))
    assert rolled.mouth_corner_deg == pytest.approx(measure_smile(face).mouth_corner_deg, abs=1.0)


def test_a_cat_has_no_face(detect_face):
    assert detect_face("chelsea") is None
