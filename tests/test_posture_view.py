"""The upper-body front view (a desk webcam's picture), judged on real MediaPipe landmarks.

The person is `skimage.data.astronaut()` (a package-shipped photo of an upright person, head
and shoulders). The webcam's picture of a slump or a forward head is made from her photo by
the geometric change a camera sees: the whole picture shifted down in the frame (the head
sinks) or enlarged (the person came closer). The landmarker runs on every such picture.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from coach.engine import Engine
from coach.evaluation_posture import PhotoPosture, by_view, report, view_group
from coach.i18n import t
from coach.panel.view import posture_text
from coach.readings import PostureReading
from coach.rules.posture import PostureBaseline, measure_posture, observe_posture
from coach.types import Frame, Observation
from coach.vision.landmarker import Landmarker

GREY = (128, 128, 128)
HEIGHT, WIDTH = 512, 512  # the photo's own frame: sliding it down pushes the shoulders out below


@pytest.fixture(scope="module")
def astronaut() -> np.ndarray:
    from skimage import data

    return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)


@pytest.fixture(scope="module")
def landmarker():
    with Landmarker(static_image_mode=True) as model:
        yield model


def webcam_picture(photo: np.ndarray, *, down: float = 0.0, closer: float = 1.0,
                   nudge: float = 0.0) -> np.ndarray:
    """The photo in its frame: `down` shifts it by that share of the frame height,
    `closer` enlarges it about the top centre (a person nearer the camera), `nudge` pixels right."""
    move = np.float32([[closer, 0, (1 - closer) * WIDTH / 2 + nudge], [0, closer, down * HEIGHT]])
    return cv2.warpAffine(photo, move, (WIDTH, HEIGHT), borderMode=cv2.BORDER_CONSTANT, borderValue=GREY)


def observe(landmarker: Landmarker, image: np.ndarray, t: float = 0.0) -> Observation:
    return landmarker.detect(Frame(t=t, index=int(t * 10), image=image))


@pytest.fixture(scope="module")
def upright(landmarker, astronaut) -> Observation:
    return observe(landmarker, webcam_picture(astronaut))


@pytest.fixture(scope="module")
def baseline(landmarker, astronaut) -> PostureBaseline:
    frames = [observe(landmarker, webcam_picture(astronaut, nudge=dx), t=i * 0.2)
              for i, dx in enumerate((-4, -2, 0, 2, 4))]
    return PostureBaseline.from_observations(frames)


def test_the_upright_astronaut_is_judged_good_from_the_front_without_calibration(upright):
    reading = observe_posture(upright)
    assert reading.mode == "upper_body" and reading.view == "front" and reading.judged
    assert reading.ok, reading.levels
    assert reading.reference == "population" and reading.reason == ""
    assert upright.face.frame_size == (WIDTH, HEIGHT) and upright.body.frame_size == (WIDTH, HEIGHT)


def test_shoulders_cut_by_the_frame_edge_are_not_a_reason_to_give_up(landmarker, astronaut):
    low = observe(landmarker, webcam_picture(astronaut, down=0.55))
    assert low.body is not None and low.face is not None
    assert min(low.body.xy(11)[1], low.body.xy(12)[1]) > 0.85 * HEIGHT  # shoulders at or past the edge
    reading = observe_posture(low)
    assert reading.judged and reading.view == "front"
    assert "hunched" in reading.issues, reading.levels  # the head sank far below a typical eye line


def test_shoulders_cut_below_make_the_chin_gap_a_lower_bound_not_a_forward_head(landmarker, astronaut):
    near = webcam_picture(astronaut, closer=1.8, nudge=90)  # the face near: chin close to the shoulder line
    whole = observe_posture(observe(landmarker, near))
    assert "hunched" in whole.issues and whole.forward_head is not None, whole.levels
    cut = observe(landmarker, near[:370].copy())  # the same picture, its lower edge through the shoulders
    assert max(cut.body.xy(11)[1], cut.body.xy(12)[1]) >= 0.97 * 370
    reading = observe_posture(cut)
    assert reading.judged and reading.forward_head is None, reading
    assert "hunched" not in reading.issues, reading.levels


def test_shoulders_past_a_side_edge_keep_the_prior_from_reading_a_near_camera_as_a_forward_head(
        landmarker, astronaut):
    inside = observe(landmarker, webcam_picture(astronaut, closer=1.8, nudge=90))
    past = observe(landmarker, webcam_picture(astronaut, closer=1.8, nudge=-90))
    leftmost = [min(obs.body.xy(11)[0], obs.body.xy(12)[0]) for obs in (past, inside)]
    assert leftmost[0] < 0 <= leftmost[1]
    assert "hunched" in observe_posture(inside).issues
    reading = observe_posture(past)
    assert reading.judged and reading.reference == "population"
    assert "hunched" not in reading.issues, reading.levels


def test_a_baseline_catches_a_slump_the_population_prior_lets_pass(landmarker, astronaut, baseline):
    sunk = observe(landmarker, webcam_picture(astronaut, down=0.15))
    prior = observe_posture(sunk)
    calibrated = observe_posture(sunk, baseline=baseline)
    assert prior.ok and prior.reference == "population", prior.levels
    assert "hunched" in calibrated.issues and calibrated.reference == "baseline", calibrated.levels


def test_a_baseline_reads_a_face_grown_nearer_as_a_forward_head(landmarker, astronaut, baseline, upright):
    near = observe(landmarker, webcam_picture(astronaut, closer=1.3))
    assert near.face.size > 1.25 * upright.face.size
    assert "hunched" in observe_posture(near, baseline=baseline).issues
    assert observe_posture(upright, baseline=baseline).ok  # the upright frame against its own baseline


def test_baseline_keeps_the_upper_body_measures_and_round_trips(baseline):
    assert baseline.view == "front" and baseline.samples == 5
    assert 0.1 < baseline.eye_line < 0.5 and baseline.face_share > 0.1 and baseline.chin_gap > 0.3
    assert PostureBaseline.from_dict(baseline.to_dict()) == baseline


def test_nobody_in_a_dark_frame_is_too_dark_and_nobody_in_a_lit_frame_is_no_reading(landmarker):
    dark = observe(landmarker, np.full((HEIGHT, WIDTH, 3), 12, np.uint8))
    assert dark.empty and dark.brightness < 40
    assert observe_posture(dark) == PostureReading(mode="unknown", reason="too_dark")
    lit = observe(landmarker, np.full((HEIGHT, WIDTH, 3), 128, np.uint8))
    assert lit.empty and observe_posture(lit) is None


def test_a_face_without_a_body_says_only_the_face_is_visible(upright):
    alone = Observation(t=0.0, frame_index=0, width=WIDTH, height=HEIGHT, face=upright.face)
    reading = observe_posture(alone)
    assert not reading.judged and reading.reason == "face_only"


def test_engine_counts_the_upper_body_in_the_good_posture_share_and_says_what_was_not_judged(upright):
    engine = Engine()
    face_only = Observation(t=0.0, frame_index=0, width=WIDTH, height=HEIGHT, face=upright.face)
    steps = []
    for i in range(10):
        t = i * 0.5
        seen = face_only if i >= 8 else upright
        steps.append(engine.step(Observation(t=t, frame_index=i, width=WIDTH, height=HEIGHT,
                                             face=seen.face, body=seen.body)))
    summary = engine.summary()
    assert summary["shares"]["good_posture"]["upper_body"] == pytest.approx(1.0)
    assert summary["posture"]["seconds_by_mode"]["upper_body"] == pytest.approx(4.0)  # 8 frames x 0.5 s
    assert summary["posture"]["not_judged_seconds"] == {"face_only": 0.5}
    assert steps[0].record.as_row()["posture_view"] == "front"
    assert steps[-1].record.as_row()["posture_reason"] == "face_only" and steps[-1].state.posture_ok is None


def test_panel_line_says_why_nothing_is_judged_and_asks_to_calibrate(monkeypatch):
    monkeypatch.setenv("COACH_LANG", "en")
    unjudged = posture_text(PostureReading(mode="unknown", reason="too_dark"))
    assert unjudged == t("posture.view.not_judged", "en", reason=t("posture.reason.too_dark", "en"))
    prior = posture_text(PostureReading(mode="upper_body", view="front", reference="population"))
    assert t("posture.mode.upper_body", "en") in prior and t("posture.view.population_note", "en") in prior
    calibrated = posture_text(PostureReading(mode="upper_body", view="front", reference="baseline"))
    assert t("posture.view.population_note", "en") not in calibrated


def test_view_groups_come_from_what_the_label_says():
    assert view_group("front laptop webcam (low angle), seated, upright") == "front_webcam"
    assert view_group("standing, side view (profile), legs hidden") == "standing"
    assert view_group("woman in business suit standing, studio white background") == "standing"
    assert view_group("sitting upright, side view (facing left): straight back") == "side"
    assert view_group("woman seated at table, cheek resting on hand") == "other"


def test_per_view_report_counts_judged_precision_recall_and_lists_the_misses():
    bad = PostureReading(mode="upper_body", view="front", issues=("hunched",))
    good = PostureReading(mode="upper_body", view="front")
    photos = [
        PhotoPosture("a.jpg", "posture_bad", "front laptop webcam, slumped", bad),
        PhotoPosture("b.jpg", "posture_good", "front laptop webcam, upright", good),
        PhotoPosture("c.jpg", "posture_good", "front laptop webcam, upright", bad),
        PhotoPosture("d.jpg", "posture_bad", "sitting, side view", None),
    ]
    stats = {s.group: s for s in by_view(photos)}
    assert set(stats) == {"front_webcam", "side", "all"}
    webcam = stats["front_webcam"].matrix()
    assert (webcam.tp, webcam.fp, webcam.tn, webcam.fn) == (1, 1, 1, 0)
    assert stats["side"].share_judged == 0.0 and stats["all"].share_judged == 0.75
    lines: list[str] = []
    report(photos, lambda key, **v: t(key, "en", **v), lines.append)
    assert any("c.jpg" in line and "misjudged" in line for line in lines)
    assert any("d.jpg" in line and t("posture.reason.no_person", "en") in line for line in lines)
    assert not any("a.jpg" in line or "b.jpg" in line for line in lines)


def test_measure_posture_without_a_frame_size_still_judges_the_face(upright):
    from dataclasses import replace

    face = replace(upright.face, frame_size=None)
    body = replace(upright.body, frame_size=None)
    reading = measure_posture(body, face)
    assert reading.judged and reading.mode == "upper_body"


def test_a_body_turned_between_front_and_profile_is_an_oblique_view():
    from posture_bodies import SHOULDER_WIDTH, front_body, hip_mid, placed, shoulder_mid

    from coach.types import PoseLandmark as P

    body = front_body(standing=False)
    mid = shoulder_mid(body)
    trunk = float(np.linalg.norm(mid - hip_mid(body)))
    half = 0.25 * trunk  # shoulder width half a trunk length: between side (< 0.4) and front (~0.8)
    turned = placed(body, {P.LEFT_SHOULDER: (mid[0] + half, mid[1]),
                           P.RIGHT_SHOULDER: (mid[0] - half, mid[1])})
    assert measure_posture(body).view == "front" and 2 * half < SHOULDER_WIDTH
    reading = measure_posture(turned)
    assert reading.view == "oblique" and reading.judged and reading.torso_incline_deg is not None


def test_clip_posture_check_counts_false_alarms_on_upright_segments(landmarker, astronaut):
    import dataclasses

    from coach.clip_evaluation.clips import Segment
    from coach.clip_evaluation.posture_check import report_posture, tally_posture

    upright = observe(landmarker, webcam_picture(astronaut))
    sunk = observe(landmarker, webcam_picture(astronaut, down=0.55))
    timed = ((upright, 0.0), (upright, 0.5), (sunk, 1.0), (sunk, 2.0))
    frames = [dataclasses.replace(obs, t=t) for obs, t in timed]
    segments = [Segment("c.mp4", 0.0, 1.0, "neutral", "high", "upright"),
                Segment("c.mp4", 1.0, 2.0, "neutral", "medium", "slouched/hunched"),
                Segment("c.mp4", 2.0, 3.0, "neutral", "low", "slouched/hunched")]  # low confidence: left out
    tallies = tally_posture(frames, segments)
    assert (tallies["upright"].frames, tallies["upright"].judged, tallies["upright"].flagged) == (2, 2, 0)
    slumped = tallies["slouched/hunched"]
    assert (slumped.frames, slumped.flagged) == (1, 1) and slumped.issues["hunched"] == 1
    lines: list[str] = []
    report_posture([("c.mp4", tallies)], lambda key, **values: t(key, "en", **values), lines.append)
    assert "upright: 2 frames, 2 judged, 0 read as a fault (0%); with habit 0 (0%); -" in lines, lines
    assert any(line.startswith("slouched/hunched: 1 frames, 1 judged, 1 read as a fault (100%); with habit 1 "
                               "(100%); hunched 1") for line in lines), lines
