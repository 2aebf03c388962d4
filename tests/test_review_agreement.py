"""The review's default (coach.review_defaults) against every-frame analysis, by the rule it was
chosen with (coach.bench.agreement): on the project's sample clips the same smiles, the same
events (posture alerts included) with onsets within 1 s and the face's shares within 2 points;
on a real labelled clip (../shared/data, skipped when absent) postures no less right than
every-frame analysis against the human labels. And the rule's own parts, on figures made up to
differ in one way each. Speed is the bench's business, not these tests'."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.bench.agreement import (
    EVERY_FRAME,
    RateAgreement,
    RunFigures,
    cheapest_passing,
    clip_labels,
    compare,
    face_visible,
    gaze_assessable,
    review_figures,
)
from coach.clip_evaluation.clips import Segment
from coach.review_defaults import ONSET_TOLERANCE_S, REVIEW_FPS, REVIEW_POSE_FPS, SHARE_TOLERANCE

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_videos"
DATA = ROOT.parent / "shared" / "data"
DEFAULT = (REVIEW_FPS, REVIEW_POSE_FPS)


@pytest.mark.parametrize("name", ["lean_slump.mp4", "leave_return.mp4", "head_tilt.mp4", "sway_smile.mp4",
                                  "customer_passes.mp4", "default_session.mp4"])
def test_the_default_tells_the_samples_story_as_every_frame_analysis_does(name):
    clip = SAMPLES / name
    if not clip.is_file():
        pytest.skip(f"{clip} is missing (python -m coach.samples makes the sample clips)")
    reference, default = review_figures(clip, EVERY_FRAME), review_figures(clip, DEFAULT)
    agreement = compare(name, reference, default)
    assert agreement.agrees_but_posture_shares(ONSET_TOLERANCE_S, SHARE_TOLERANCE), agreement
    assert default.frames == reference.frames  # every frame analysed (FaceMesh on each)
    if REVIEW_POSE_FPS is not None:
        assert default.cpu_s < reference.cpu_s  # Pose skipped on some frames (not a timing bound)


def test_on_a_labelled_real_clip_the_default_reads_posture_as_rightly_as_every_frame():
    clip = DATA / "video_body" / "ivan__video.mp4"
    labels = DATA / "CLIP_LABELS.csv"
    if not clip.is_file() or not labels.is_file():
        pytest.skip(f"the shared data set is absent ({clip}, {labels})")
    segments = clip_labels(labels, [clip])[str(clip)]
    # the gaze labels: a face turned away or in profile throughout, so eye contact is not judged
    gaze = gaze_assessable(DATA / "GAZE_LABELS.csv", [clip]).get(str(clip), True)
    assert gaze is False
    reference, default = review_figures(clip, EVERY_FRAME, segments), review_figures(clip, DEFAULT, segments)
    assert reference.upright[1] > 100 and default.upright[1] == reference.upright[1]  # the same frames judged
    alarms, alarms_reference = (default.upright[0] / default.upright[1],
                                reference.upright[0] / reference.upright[1])
    assert alarms <= alarms_reference + SHARE_TOLERANCE
    agreement = compare(clip.name, reference, default, face_visible(segments), gaze)
    assert agreement.agrees_but_posture_shares(ONSET_TOLERANCE_S, SHARE_TOLERANCE), agreement


# ---- the rule's parts -------------------------------------------------------------------------------

def _figures(smiles: int = 2, smile_at: tuple = (1.0, 5.0), posture_at: tuple = (3.0,), smiling: float = 0.3,
             good: float = 0.8, upright=(10, 100), not_upright=(90, 100)) -> RunFigures:
    return RunFigures(frames=300, cpu_s=1.0, smiles=smiles,
                      onsets={"smile": smile_at, "posture:hunched": posture_at},
                      shares={"face_found": 0.9, "smiling": smiling, "eye_contact": 0.5,
                              "good_posture.sitting": good, "good_posture.standing": None},
                      upright=upright, not_upright=not_upright)


def test_posture_shares_are_left_to_the_labels_everything_else_to_every_frame_analysis():
    reference = _figures()
    assert compare("c", reference, _figures(good=0.6)).agrees_but_posture_shares(1.0, 0.02)
    assert not compare("c", reference, _figures(good=0.6)).agrees(1.0, 0.02)
    for differing in (_figures(smiles=3, smile_at=(1.0, 5.0, 7.0)), _figures(smile_at=(1.0, 6.5)),
                      _figures(posture_at=(4.5,)), _figures(posture_at=()), _figures(smiling=0.33)):
        assert not compare("c", reference, differing).agrees_but_posture_shares(1.0, 0.02), differing


def test_a_clip_labelled_faceless_is_judged_on_the_events_not_from_the_face():
    reference, candidate = _figures(), _figures(smiles=1, smile_at=(1.0,), smiling=0.1)
    assert not compare("c", reference, candidate).agrees_but_posture_shares(1.0, 0.02)
    assert compare("c", reference, candidate, face_visible=False).agrees_but_posture_shares(1.0, 0.02)
    late_alert = _figures(smiles=1, smile_at=(1.0,), posture_at=(5.0,))
    assert not compare("c", reference, late_alert, face_visible=False).agrees_but_posture_shares(1.0, 0.02)
    masked = [Segment("c.mp4", 0.0, 5.0, "no_face", "high"), Segment("c.mp4", 5.0, 6.0, "neutral", "low")]
    assert not face_visible(masked)
    assert face_visible(masked + [Segment("c.mp4", 6.0, 7.0, "neutral", "medium")])
    assert face_visible([])  # no labels: judged in full


def test_eye_contact_is_not_judged_where_the_gaze_labels_say_it_cannot_be(tmp_path):
    reference, candidate = _figures(), _figures()
    candidate.shares["eye_contact"] = 0.55
    assert not compare("c", reference, candidate).agrees_but_posture_shares(1.0, 0.02)
    assert compare("c", reference, candidate, gaze_visible=False).agrees_but_posture_shares(1.0, 0.02)
    labels = tmp_path / "GAZE_LABELS.csv"
    labels.write_text("file,t_start_s,t_end_s,gaze,confidence,note\n"
                      "v/away.mp4,0,5,no_face,high,\nv/away.mp4,5,9,not_assessable,high,\n"
                      "v/seen.mp4,0,5,not_assessable,high,\nv/seen.mp4,5,9,camera,medium,\n"
                      "v/low.mp4,0,5,camera,low,\n", encoding="utf-8")
    clips = [tmp_path / "v" / name for name in ("away.mp4", "seen.mp4", "low.mp4", "other.mp4")]
    found = gaze_assessable(labels, clips)
    assert found == {str(clips[0]): False, str(clips[1]): True}  # low-confidence rows, unlabelled: none


def test_the_default_rule_wants_postures_no_less_right_than_every_frame_against_the_labels():
    reference = _figures()

    def candidate(rate, **changes) -> RateAgreement:
        result = RateAgreement(rate)
        result.clips.append(compare("c", reference, _figures(**changes)))
        return result

    as_right = candidate((None, 1.0), upright=(11, 100), not_upright=(89, 100))  # within 2 points
    more_alarms = candidate((5.0, None), upright=(20, 100))
    fewer_found = candidate((10.0, None), not_upright=(80, 100))
    assert as_right.posture_as_right(0.02)
    assert not more_alarms.posture_as_right(0.02) and not fewer_found.posture_as_right(0.02)
    assert cheapest_passing([more_alarms, fewer_found, as_right], 1.0, 0.02) is as_right
    assert cheapest_passing([more_alarms, fewer_found], 1.0, 0.02) is None
