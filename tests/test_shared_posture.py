"""Acceptance: posture on the team's labelled real photos (../shared/data), per camera view.

Not in the repository (third-party images, internal use only): skips with the reason on a
clone without them. Targets of issue 15: at least 95% of the photos judged; precision and
recall at least 0.90 on what is judged, overall and for the front-webcam frames on their own
(also held per view for the seated side views; standing recall is held to the 0.80 the rules
reach: one subtle forward head and an ambiguous half-crossed arm pose are missed, see README).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.evaluation import POSTURE_CATEGORIES, read_manifest, run_images
from coach.evaluation_posture import PhotoPosture, by_view
from coach.rules.smile import SmileSettings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MANIFEST = DATA / "MANIFEST.csv"

needs_data = pytest.mark.skipif(not MANIFEST.is_file(), reason=f"labeled data not present at {DATA}")


@pytest.fixture(scope="module")
def views():
    rows, _ = read_manifest(MANIFEST)
    wanted = [row for row in rows if row.category in POSTURE_CATEGORIES]
    results = run_images(wanted, SmileSettings(), with_haar=False)
    photos = [PhotoPosture(r.row.file, r.row.category, r.row.details, r.posture) for r in results]
    return {stats.group: stats for stats in by_view(photos)}


@needs_data
def test_nearly_every_posture_photo_is_judged_or_says_why_not(views):
    everything = views["all"]
    assert everything.share_judged >= 0.95, f"{len(everything.judged)} of {len(everything.photos)} judged"
    for photo in everything.photos:
        assert photo.judged or photo.reason, photo.file


@needs_data
def test_front_webcam_frames_meet_the_targets(views):
    webcam = views["front_webcam"]
    matrix = webcam.matrix()
    assert len(webcam.photos) >= 40 and webcam.share_judged >= 0.95
    assert matrix.precision >= 0.90 and matrix.recall >= 0.90, matrix


@needs_data
def test_overall_precision_and_recall_meet_the_targets(views):
    matrix = views["all"].matrix()
    assert matrix.precision >= 0.90 and matrix.recall >= 0.90, matrix


@needs_data
def test_standing_side_views_are_judged_by_the_plumb_line(views):
    standing = views["standing"]
    matrix = standing.matrix()
    assert standing.share_judged >= 0.95 and matrix.precision >= 0.90 and matrix.recall >= 0.80, matrix
    profiles = [p for p in standing.judged if "side view" in p.details]
    assert len(profiles) >= 18 and all(p.reading.view in ("side", "oblique") for p in profiles)


@needs_data
def test_seated_side_views_are_judged_with_their_own_measures(views):
    side = views["side"]
    matrix = side.matrix()
    assert side.share_judged >= 0.95 and matrix.precision >= 0.90 and matrix.recall >= 0.90, matrix
    assert all(p.reading.view in ("side", "oblique") for p in side.judged if "side view" in p.details)


CLIP_LABELS = DATA / "CLIP_LABELS.csv"
# Talking-head clips labelled upright throughout: the camera is nearer than a desk webcam (the
# shoulders leave the frame below or past its sides). Without a calibration the population
# prior must not read them as hunched (fer__woman2.mp4, shoulders inside the frame, still is:
# see README).
NEAR_CAMERA_UPRIGHT = ("video_face/pyfeat__single_face.mp4", "video_face/liveportrait__d13.mp4")


@pytest.mark.skipif(not CLIP_LABELS.is_file(), reason=f"clip labels not present at {DATA}")
def test_near_talking_head_cameras_are_not_read_as_hunched_without_calibration(tmp_path):
    from coach.clip_evaluation.clips import read_clip_labels
    from coach.clip_evaluation.observations import clip_observations
    from coach.clip_evaluation.posture_check import tally_posture

    labels = read_clip_labels(CLIP_LABELS)
    for name in NEAR_CAMERA_UPRIGHT:
        assert {s.posture for s in labels[name]} == {"upright"}
        observations = clip_observations(DATA / name, cache_dir=tmp_path)  # cached: frame sizes kept
        upright = tally_posture(clip_observations(DATA / name, cache_dir=tmp_path), labels[name])["upright"]
        assert len(observations) > 50 and upright.judged > 50
        assert upright.issues["hunched"] <= 0.05 * upright.judged, (name, upright)


# Every clip with a labelled posture on high/medium-confidence segments, upright or not.
POSTURE_CLIPS = (
    "video_face/fer__woman2.mp4", "video_face/ninakira__dude_sm.mp4", "video_face/liveportrait__d13.mp4",
    "video_face/pyfeat__single_face.mp4", "video_face/pyfeat__face_noface.mov",
    "video_face/liveportrait__d3.mp4", "video_face/pyfeat__WolfgangLanger_Pexels.mp4",
    "video_body/sitwell__SitWell.mp4", "video_body/ivan__video.mp4",
)


@pytest.mark.skipif(not CLIP_LABELS.is_file(), reason=f"clip labels not present at {DATA}")
def test_the_session_habit_cuts_false_alarms_on_upright_video_and_keeps_real_faults():
    """Without a calibration, frames of labelled-upright segments read as a fault: 39% by the
    prior alone (fer__woman2 100%, a camera level with her face); the engine's way, the prior
    checked against the habit learned from the clip so far, must stay under 30% overall and under
    half on fer__woman2, while slouched and tilted segments stay flagged."""
    from coach.clip_evaluation.clips import read_clip_labels
    from coach.clip_evaluation.observations import clip_observations
    from coach.clip_evaluation.posture_check import PostureTally, tally_posture
    from coach.clip_evaluation.report import DEFAULT_CACHE

    labels = read_clip_labels(CLIP_LABELS)
    totals: dict[str, PostureTally] = {}
    per_clip = {}
    for name in POSTURE_CLIPS:
        per_clip[name] = tally_posture(clip_observations(DATA / name, cache_dir=DEFAULT_CACHE), labels[name])
        for label, tally in per_clip[name].items():
            totals.setdefault(label, PostureTally()).add(tally)
    upright = totals["upright"]
    assert upright.judged > 1000
    assert upright.flagged_with_habit_share <= 0.30 < upright.flagged_share, upright
    woman = per_clip["video_face/fer__woman2.mp4"]["upright"]
    assert woman.flagged_share > 0.9 and woman.flagged_with_habit_share < 0.5, woman
    for label in ("slouched/hunched", "head_tilted"):
        assert totals[label].flagged_with_habit_share >= 0.90, (label, totals[label])
