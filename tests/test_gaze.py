"""Gaze rules: head yaw/pitch, iris rotation and the eye-contact cone on synthetic faces, and
real MediaPipe landmarks on skimage's astronaut (who faces the camera)."""

from __future__ import annotations

import json
import math

import pytest
from smile_faces import synthetic_face, transformed

from coach.rules.gaze import NOSE_DEPTH_RATIO, GazeSettings, measure_angles, measure_gaze
from coach.rules.smile import SettingRangeError

HALF_FACE = 60.0  # synthetic face edges are 60 px either side of the centre


def nose_shift_for(yaw_deg: float) -> float:
    """The sideways nose-tip shift that the yaw model maps to `yaw_deg`."""
    return HALF_FACE * NOSE_DEPTH_RATIO * math.tan(math.radians(yaw_deg))


def test_frontal_face_makes_eye_contact():
    reading = measure_gaze(synthetic_face())
    assert reading.eye_contact
    assert reading.yaw_deg == pytest.approx(0.0, abs=1.0)
    assert reading.pitch_deg == pytest.approx(0.0, abs=1.0)


@pytest.mark.parametrize("yaw", [-35.0, 30.0])
def test_turned_head_loses_eye_contact(yaw):
    reading = measure_gaze(synthetic_face(nose_shift=nose_shift_for(yaw)))
    assert reading.yaw_deg == pytest.approx(yaw, abs=1.0)
    assert not reading.eye_contact


def test_eyes_turned_back_to_the_camera_restore_contact():
    turned = synthetic_face(nose_shift=nose_shift_for(30.0), iris_shift=-0.4)
    angles = measure_angles(turned)
    assert angles.head_yaw_deg == pytest.approx(30.0, abs=1.0)
    assert angles.eye_yaw_deg < -20.0
    assert measure_gaze(turned).eye_contact
    assert not measure_gaze(turned, GazeSettings(use_eyes=False)).eye_contact


def test_pitch_follows_the_nose_line_depth():
    up = measure_angles(synthetic_face(nose_depth_tilt=30.0))
    down = measure_angles(synthetic_face(nose_depth_tilt=-30.0))
    assert up.head_pitch_deg > 25.0
    assert down.head_pitch_deg < -25.0
    assert not measure_gaze(synthetic_face(nose_depth_tilt=-30.0)).eye_contact


def test_gaze_is_roll_and_scale_invariant():
    face = synthetic_face(nose_shift=nose_shift_for(12.0), iris_shift=0.1)
    upright = measure_gaze(face)
    moved = measure_gaze(transformed(face, rotate_deg=-20.0, scale=2.0, shift=(30.0, 10.0)))
    assert moved.yaw_deg == pytest.approx(upright.yaw_deg, abs=0.5)
    assert moved.pitch_deg == pytest.approx(upright.pitch_deg, abs=0.5)
    assert moved.eye_contact == upright.eye_contact


def test_customer_direction_moves_the_cone():
    turned = synthetic_face(nose_shift=nose_shift_for(30.0))
    assert not measure_gaze(turned).eye_contact
    assert measure_gaze(turned, GazeSettings(target_yaw_deg=30.0)).eye_contact
    assert not measure_gaze(synthetic_face(), GazeSettings(target_yaw_deg=30.0)).eye_contact


def test_settings_are_validated_and_round_trip():
    with pytest.raises(SettingRangeError, match="yaw_tolerance_deg must be a number from 2 to 60"):
        GazeSettings(yaw_tolerance_deg=0.5)
    with pytest.raises(ValueError, match="use_eyes"):
        GazeSettings(use_eyes="yes")
    with pytest.raises(ValueError, match="unknown"):
        GazeSettings.from_dict({"cone": 3})
    settings = GazeSettings(yaw_tolerance_deg=25.0, target_pitch_deg=-10.0, use_eyes=False)
    assert GazeSettings.from_dict(json.loads(json.dumps(settings.to_dict()))) == settings


def test_astronaut_faces_the_camera():
    pytest.importorskip("mediapipe")
    skimage_data = pytest.importorskip("skimage.data")
    import cv2

    from coach.types import Frame
    from coach.vision.landmarker import Landmarker

    image = cv2.cvtColor(skimage_data.astronaut(), cv2.COLOR_RGB2BGR)
    with Landmarker(static_image_mode=True, pose=False) as landmarker:
        face = landmarker.detect(Frame(t=0.0, index=0, image=image)).face
    assert face is not None
    reading = measure_gaze(face)
    assert reading.eye_contact
    assert abs(reading.yaw_deg) < 10.0
    assert abs(reading.pitch_deg) < 10.0
