"""The rules' cheaper forms give the very same numbers as the forms they replaced (issue 14).

To bring the full pipeline near bare MediaPipe's cost, the rules stopped asking numpy for means
and norms of 2-vectors, do plane geometry on two numbers in Python floats, remember a frame's
face frame / head angles / raw posture measures for the other rules of the same step
(`coach.rules.last_call`), and the smile-episode tracker takes its medians from `statistics`.
None of that may change a result: here each new form is held against the numpy form it replaced
(kept below as the reference), bit for bit, on real landmarks — the bundled sample clips, the
astronaut photo from scikit-image (data the project makes or an installed package ships) — and
whole engine runs with and without the remembered answers must give identical steps.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from coach.rules import face_frame as face_frame_module
from coach.rules import geometry as g
from coach.rules.expression import (
    LEFT_BROW_INNER,
    LEFT_BROW_MIDDLE,
    RIGHT_BROW_INNER,
    RIGHT_BROW_MIDDLE,
    measure_brows,
)
from coach.rules.face_frame import LEFT_EYE_CORNERS, RIGHT_EYE_CORNERS, face_frame
from coach.rules.gaze import _eye_rotation, measure_angles
from coach.rules.last_call import remember_last_call
from coach.rules.smile import (
    LEFT_EYE_LOWER_LID,
    LEFT_EYE_UPPER_LID,
    RIGHT_EYE_LOWER_LID,
    RIGHT_EYE_UPPER_LID,
    _eye_measures,
    measure_geometry,
)
from coach.types import Face, FaceLandmark, Frame, Observation

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [ROOT / "sample_videos" / name for name in ("lean_slump.mp4", "head_tilt.mp4", "sway_smile.mp4")]
EYES = (
    (FaceLandmark.RIGHT_EYE_OUTER, FaceLandmark.RIGHT_EYE_INNER, RIGHT_EYE_UPPER_LID, RIGHT_EYE_LOWER_LID),
    (FaceLandmark.LEFT_EYE_OUTER, FaceLandmark.LEFT_EYE_INNER, LEFT_EYE_UPPER_LID, LEFT_EYE_LOWER_LID),
)


@pytest.fixture(scope="module")
def observations() -> list[Observation]:
    """Real landmarks: the project's sample clips at 10 frames a second and scikit-image's
    astronaut photo."""
    from coach.bench.memory import record_observations
    from coach.vision.landmarker import Landmarker

    missing = [path for path in SAMPLES if not path.is_file()]
    if missing:
        pytest.skip(f"sample clips missing: {missing}")
    observed = [obs for path in SAMPLES for obs in record_observations(path, 10.0, max_seconds=8.0)]
    skimage_data = pytest.importorskip("skimage.data", reason="scikit-image ships the astronaut photo")
    with Landmarker(static_image_mode=True) as landmarker:
        astronaut = np.ascontiguousarray(skimage_data.astronaut()[:, :, ::-1])
        observed.append(landmarker.detect(Frame(t=0.0, index=0, image=astronaut)))
    assert sum(obs.face is not None for obs in observed) >= 50
    assert sum(obs.body is not None for obs in observed) >= 50
    return observed


def faces_of(observations: list[Observation]) -> list[Face]:
    return [obs.face for obs in observations if obs.face is not None]


# --- the forms replaced, as they were ---------------------------------------------------------------

def numpy_eye_centres(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return (points[[int(i) for i in RIGHT_EYE_CORNERS], :2].mean(axis=0),
            points[[int(i) for i in LEFT_EYE_CORNERS], :2].mean(axis=0))


def numpy_eye_measures(frame, outer, inner, upper_lid, lower_lid) -> tuple[float, float]:
    outer_xy, inner_xy = frame.xy(outer), frame.xy(inner)
    axis = inner_xy - outer_xy
    width = float(np.linalg.norm(axis))
    gaps = [np.linalg.norm(frame.xy(u) - frame.xy(d)) for u, d in zip(upper_lid, lower_lid, strict=True)]
    normal = np.array([-axis[1], axis[0]]) / width
    if normal[1] < 0:
        normal = -normal
    middle = (outer_xy + inner_xy) / 2.0
    depth = float(np.mean([(frame.xy(d) - middle) @ normal for d in lower_lid]))
    return float(np.mean(gaps)) / width, depth / width


def numpy_brows(face: Face) -> tuple[float, float, float]:
    points = face_frame(face).points[:, :2]

    def height(indices) -> float:
        return float(-np.mean(points[list(indices), 1]))

    inner_right = points[list(RIGHT_BROW_INNER)].mean(axis=0)
    inner_left = points[list(LEFT_BROW_INNER)].mean(axis=0)
    return ((height(RIGHT_BROW_MIDDLE) + height(LEFT_BROW_MIDDLE)) / 2.0,
            (height(RIGHT_BROW_INNER) + height(LEFT_BROW_INNER)) / 2.0,
            float(np.linalg.norm(inner_left - inner_right)))


def numpy_eye_offsets(frame) -> tuple[float, float]:
    offsets = []
    for outer, inner, iris in (
        (FaceLandmark.RIGHT_EYE_OUTER, FaceLandmark.RIGHT_EYE_INNER, FaceLandmark.RIGHT_IRIS_CENTER),
        (FaceLandmark.LEFT_EYE_OUTER, FaceLandmark.LEFT_EYE_INNER, FaceLandmark.LEFT_IRIS_CENTER),
    ):
        a, b = frame.xy(outer), frame.xy(inner)
        half_width = max(float(np.linalg.norm(b - a)) / 2.0, 1e-6)
        offsets.append((frame.xy(iris) - (a + b) / 2.0) / half_width)
    x_off, y_off = np.mean(offsets, axis=0)
    return x_off, y_off


def _xy(point) -> np.ndarray:
    return np.asarray(point, dtype=float)[:2]


def numpy_midpoint(a, b) -> np.ndarray:
    return (_xy(a) + _xy(b)) / 2.0


def numpy_angle_from_vertical(lower, upper) -> float:
    dx, dy = _xy(upper) - _xy(lower)
    return math.degrees(math.atan2(dx, -dy))


def numpy_line_tilt(a, b) -> float:
    left, right = (_xy(a), _xy(b)) if _xy(a)[0] <= _xy(b)[0] else (_xy(b), _xy(a))
    dx, dy = right - left
    angle = math.degrees(math.atan2(-dy, dx))
    return 90.0 if angle <= -90.0 else angle


def numpy_below_horizontal(origin, target) -> float:
    dx, dy = _xy(target) - _xy(origin)
    return math.degrees(math.atan2(dy, abs(dx)))


def numpy_body_frame(point, origin, across, scale: float) -> np.ndarray:
    axis = _xy(across)
    length = float(np.hypot(*axis))
    u = axis / length
    normal = np.array([-u[1], u[0]])
    if normal[1] < 0:
        normal = -normal
    offset = _xy(point) - _xy(origin)
    return np.array([float(np.dot(offset, u)), float(np.dot(offset, normal))]) / scale


def numpy_height_above_line(point, a, b) -> float:
    return -float(numpy_body_frame(point, numpy_midpoint(a, b), _xy(b) - _xy(a), 1.0)[1])


# --- the written-out forms against them ----------------------------------------------------------

def test_face_measures_written_out_equal_the_numpy_forms_bit_for_bit(observations):
    faces = faces_of(observations)
    for face in faces:
        points = np.asarray(face.points, dtype=np.float64)
        for new, old in zip(face_frame_module.eye_centres_px(points), numpy_eye_centres(points), strict=True):
            assert np.array_equal(new, old)
        frame = face_frame(face)
        for outer, inner, upper_lid, lower_lid in EYES:
            assert _eye_measures(frame, outer, inner, upper_lid, lower_lid) \
                == numpy_eye_measures(frame, outer, inner, upper_lid, lower_lid)
        brows = measure_brows(face)
        assert (brows.brow_height, brows.inner_brow_height, brows.brow_gap) == numpy_brows(face)
        geometry = measure_geometry(face)
        corner_r = frame.xy(FaceLandmark.MOUTH_CORNER_RIGHT)
        corner_l = frame.xy(FaceLandmark.MOUTH_CORNER_LEFT)
        upper, lower = frame.xy(FaceLandmark.UPPER_LIP_INNER), frame.xy(FaceLandmark.LOWER_LIP_INNER)
        assert geometry.width_ratio == float(np.linalg.norm(corner_l - corner_r))
        assert geometry.lip_gap == float(np.linalg.norm(lower - upper))
    # The eye rotation: the same angles from the same offsets.
    from coach.rules.gaze import IRIS_REST_RAISE, _rotation_deg

    for face in faces:
        frame = face_frame(face)
        x_off, y_off = numpy_eye_offsets(frame)
        assert _eye_rotation(frame) == (_rotation_deg(x_off), -_rotation_deg(y_off + IRIS_REST_RAISE))


def test_plane_geometry_in_floats_equals_the_numpy_forms_bit_for_bit(observations):
    pairs = []
    for obs in observations:
        if obs.body is not None:
            pairs += [(obs.body.xy(a), obs.body.xy(b)) for a in range(0, 33, 3) for b in range(1, 33, 4)]
        if obs.face is not None:
            pairs += [(obs.face.xy(a), obs.face.xy(b))
                      for a in (1, 10, 33, 152, 263) for b in (61, 234, 291, 454)]
    pairs.append((np.array([3, 4]), np.array([3.0, 9.0])))  # integers too, and a vertical line
    assert len(pairs) > 5000
    for a, b in pairs:
        assert np.array_equal(g.midpoint(a, b), numpy_midpoint(a, b))
        assert g.angle_from_vertical(a, b) == numpy_angle_from_vertical(a, b)
        if not np.array_equal(_xy(a), _xy(b)):
            assert g.line_tilt(a, b) == numpy_line_tilt(a, b)
            assert g.below_horizontal(a, b) == numpy_below_horizontal(a, b)
            for point in (a, b, (a[0] + 7.0, a[1] - 11.0)):
                assert g.height_above_line(point, a, b) == numpy_height_above_line(point, a, b)
                new, old = g.body_frame(point, b, a - b, 1.7), numpy_body_frame(point, b, a - b, 1.7)
                assert np.array_equal(new, old)


def test_a_faces_cached_box_is_its_points_box(observations):
    for face in faces_of(observations):
        xs, ys = face.points[:, 0], face.points[:, 1]
        assert face.bbox == (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
        x0, y0, x1, y1 = face.bbox
        assert face.size == float(np.sqrt(max(x1 - x0, 1e-6) * max(y1 - y0, 1e-6)))


def clips_of(observations: list[Observation]) -> list[list[Observation]]:
    """The observations cut where time starts again (one list per clip or photo)."""
    clips: list[list[Observation]] = [[]]
    for obs in observations:
        if clips[-1] and obs.t < clips[-1][-1].t:
            clips.append([])
        clips[-1].append(obs)
    return clips


def test_smile_episodes_with_statistics_median_equal_numpy_median(observations, monkeypatch):
    from coach.rules.smile import SmileSettings, judge_smile
    from coach.trackers import smile_episodes
    from coach.trackers.smile_episodes import SmileEpisodes

    def run(clip: list[Observation]) -> list:
        tracker, out = SmileEpisodes(), []
        for obs in clip:
            if obs.face is None:
                out.append((tracker.update(obs.t, None, None, None), tracker.cues))
                continue
            geometry = measure_geometry(obs.face)
            score = judge_smile(geometry, SmileSettings()).score
            out.append((tracker.update(obs.t, geometry, measure_brows(obs.face), score), tracker.cues))
        return out + [tracker.finish(clip[-1].t + 1.0)]

    clips = clips_of(observations)
    fast = [run(clip) for clip in clips]
    monkeypatch.setattr(smile_episodes, "median", np.median)
    assert [run(clip) for clip in clips] == fast
    assert sum(cues.evidence is not None for clip in fast for _, cues in clip[:-1]) >= 50


# --- remembered answers ---------------------------------------------------------------------------

def test_a_remembered_answer_is_given_only_for_the_very_same_arguments(observations):
    calls = []

    @remember_last_call
    def measured(face: Face) -> float:
        calls.append(face)
        return float(face.points[:, 0].sum())

    first, second = faces_of(observations)[:2]
    twin = Face(points=first.points.copy(), frame_size=first.frame_size)  # equal, not the same
    assert measured(first) == measured(first) and len(calls) == 1
    assert measured(second) == float(second.points[:, 0].sum()) and len(calls) == 2
    assert measured(twin) == measured(first) and len(calls) == 4
    # The rules' own: a new face's angles are its own, not the last face's.
    assert measure_angles(second) == measure_angles.__wrapped__(second)
    assert measure_angles(first) == measure_angles.__wrapped__(first) != measure_angles(second)


def _forget_remembered(monkeypatch) -> int:
    """Put every remembered rule function back to its plain self, wherever it was imported."""
    remembered_code = remember_last_call(lambda: None).__code__
    patched = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("coach.") or module is None:
            continue
        for attribute, value in list(vars(module).items()):
            if getattr(value, "__code__", None) is remembered_code:
                monkeypatch.setattr(module, attribute, value.__wrapped__)
                patched += 1
    return patched


def test_engine_steps_are_the_same_without_remembered_answers(observations, monkeypatch):
    """Whole engine runs on real observations: every step (record, events, live state, credit),
    the closing events and the summary are identical with the remembered answers and without."""
    from coach.engine import Engine

    def run(clip: list[Observation]) -> tuple:
        engine = Engine(source="forms")
        steps = [repr(engine.step(obs)) for obs in clip]
        return steps, repr(engine.finish(clip[-1].t + 1.0)), repr(engine.summary())

    clips = clips_of(observations)
    remembered = [run(clip) for clip in clips]
    assert _forget_remembered(monkeypatch) >= 8  # face frame, angles, raw posture, posture's checks
    assert [run(clip) for clip in clips] == remembered
