"""Smile episodes in time: hysteresis in seconds, kind over the episode against a neutral,
talking and negative faces are not smiles, the same verdict at 10 fps and at 30 fps."""

from __future__ import annotations

import math

import numpy as np
import pytest

from coach.rules.expression import BrowGeometry
from coach.rules.smile import SmileBaseline, SmileGeometry
from coach.rules.smile_episode import MouthMotion, brows_negative, eyes_squeezed_lips_closed, is_talking
from coach.trackers.smile_episodes import SmileEpisodes

NEUTRAL_BROWS = BrowGeometry(brow_height=0.42, inner_brow_height=0.33, brow_gap=0.45)


def geometry(*, corner=0.0, lip_gap=0.0, aperture=0.30, lower_lid=0.10, width=0.79) -> SmileGeometry:
    return SmileGeometry(corner, corner, 0.0, 0.0, width, lip_gap, aperture, lower_lid)


def play(tracker: SmileEpisodes, fps: float, seconds: float, frame, t0: float = 0.0):
    """Feed `frame(t) -> (geometry, brows, score)` at `fps` for `seconds`; return events, last t."""
    events = []
    t = t0
    for i in range(int(round(seconds * fps))):
        t = t0 + i / fps
        g, b, s = frame(t)
        events += tracker.update(t, g, b, s)
    return events, t


def calm(_t):
    return geometry(), NEUTRAL_BROWS, 5.0


def smile_with_eyes(eyes_narrowed: bool):
    def frame(_t):
        g = geometry(corner=15, lip_gap=0.2, width=1.0,
                     aperture=0.22 if eyes_narrowed else 0.30, lower_lid=0.06 if eyes_narrowed else 0.10)
        return g, NEUTRAL_BROWS, 95.0
    return frame


def scripted(fps: float, smile_frame, smile_from=2.0, smile_to=5.0, total=7.0):
    tracker = SmileEpisodes()

    def frame(t):
        return smile_frame(t) if smile_from <= t < smile_to else calm(t)

    events, last = play(tracker, fps, total, frame)
    return events + tracker.finish(last), tracker


@pytest.mark.parametrize("fps", [5.0, 10.0, 30.0])
def test_one_episode_whatever_the_frame_rate(fps):
    events, tracker = scripted(fps, smile_with_eyes(True))
    assert [e.kind for e in events] == ["smile"] and tracker.count == 1
    episode = events[0]
    assert episode.detail == "genuine"
    assert episode.start == pytest.approx(2.0, abs=1.0 / fps + 1e-6)
    assert episode.end == pytest.approx(5.0, abs=2.0 / fps + 1e-6)


def test_kind_is_decided_over_the_episode_not_frame_by_frame():
    """Eyes narrowed on every other frame: one episode, one kind, and the live kind never flips."""
    tracker = SmileEpisodes()
    narrowed, open_eyes = smile_with_eyes(True), smile_with_eyes(False)
    kinds = []

    def frame(t):
        if t < 2.0:
            return calm(t)
        return (narrowed if int(round(t * 30)) % 2 else open_eyes)(t)

    for i in range(int(6 * 30)):
        t = i / 30
        tracker.update(t, *frame(t))
        if tracker.in_smile:
            kinds.append(tracker.kind)
    events = tracker.finish(6.0)
    assert len(events) == 1
    assert len(set(kinds[5:])) == 1, "the running kind flipped inside one episode"


def test_short_dips_do_not_split_an_episode_and_a_flash_is_no_episode():
    tracker = SmileEpisodes()
    smile = smile_with_eyes(False)

    def frame(t):
        if 1.0 <= t < 1.15:  # a 0.15 s flash: below the onset time
            return smile(t)
        if 3.0 <= t < 6.0 and not 4.0 <= t < 4.2:  # a 0.2 s dip inside a smile
            return smile(t)
        return calm(t)

    events, last = play(tracker, 30.0, 8.0, frame)
    events += tracker.finish(last)
    assert len(events) == 1 and events[0].detail == "mouth_only"
    assert events[0].start == pytest.approx(3.0, abs=0.05)


def test_eyes_are_judged_against_the_learned_neutral():
    """Someone whose eyes are wide at rest: narrowing to an average aperture is a genuine smile
    once the session has seen their neutral, but not against the population average."""
    wide = 0.40

    def person(t):
        if t < 2.0:
            return geometry(aperture=wide, lower_lid=0.13), NEUTRAL_BROWS, 5.0
        return geometry(corner=15, lip_gap=0.2, width=1.0, aperture=0.30, lower_lid=0.09), NEUTRAL_BROWS, 95.0

    tracker = SmileEpisodes()
    events, last = play(tracker, 30.0, 5.0, person)
    events += tracker.finish(last)
    assert [e.detail for e in events] == ["genuine"]
    assert tracker.cues.neutral == "learned"

    tracker = SmileEpisodes()
    events, last = play(tracker, 30.0, 3.0, person, t0=2.0)  # the smile only, no neutral seen
    events += tracker.finish(last)
    assert [e.detail for e in events] == ["mouth_only"]


def test_a_calibrated_neutral_wins_over_the_population():
    baseline = SmileBaseline(corner_deg=0.0, corner_rise_right=0.0, corner_rise_left=0.0, width_ratio=0.79,
                             eye_aperture=0.40, lower_lid=0.13)
    tracker = SmileEpisodes(baseline=baseline)
    smile = geometry(corner=15, lip_gap=0.2, width=1.0, aperture=0.30, lower_lid=0.09)
    events, last = play(tracker, 30.0, 2.0, lambda t: (smile, NEUTRAL_BROWS, 95.0))
    events += tracker.finish(last)
    assert [e.detail for e in events] == ["genuine"] and tracker.cues.neutral == "calibrated"


def test_talking_with_wide_vowels_is_not_a_smile():
    """Speech: the lip gap oscillates at 4 Hz and a third of the frames (wide vowels) score high."""
    def speaking(t):
        gap = 0.1 + 0.1 * math.sin(2 * math.pi * 4.0 * t)
        vowel = math.sin(2 * math.pi * 4.0 * t) > 0.5
        mouth = geometry(corner=2, lip_gap=gap, width=0.9 if vowel else 0.78)
        return mouth, NEUTRAL_BROWS, 90.0 if vowel else 10.0

    for fps in (10.0, 30.0):
        tracker = SmileEpisodes()
        events, last = play(tracker, fps, 8.0, speaking)
        assert events + tracker.finish(last) == [], fps
        assert tracker.cues.talking or fps == 10.0


def test_talking_while_smiling_still_counts():
    def speaking_smiling(t):
        gap = 0.15 + 0.1 * math.sin(2 * math.pi * 4.0 * t)
        return geometry(corner=12, lip_gap=gap, width=1.0), NEUTRAL_BROWS, 90.0

    tracker = SmileEpisodes()
    events, last = play(tracker, 30.0, 4.0, speaking_smiling)
    assert len(events + tracker.finish(last)) == 1


def test_crying_with_a_high_score_is_not_a_smile():
    """Eyes squeezed shut, lips pressed: the frame score may say 95 (landmarks see corners up)."""
    def crying(_t):
        face = geometry(corner=11, lip_gap=0.0, width=0.95, aperture=0.04, lower_lid=0.07)
        return face, NEUTRAL_BROWS, 95.0

    tracker = SmileEpisodes()
    events, last = play(tracker, 30.0, 4.0, crying)
    assert events + tracker.finish(last) == [] and tracker.cues.negative


def test_a_laugh_with_shut_eyes_and_open_mouth_is_a_smile():
    def laughing(_t):
        face = geometry(corner=15, lip_gap=0.25, width=1.05, aperture=0.05, lower_lid=0.07)
        return face, NEUTRAL_BROWS, 99.0

    tracker = SmileEpisodes()
    events, last = play(tracker, 30.0, 3.0, laughing)
    assert [e.detail for e in events + tracker.finish(last)] == ["genuine"]


def test_lowered_brows_without_lifted_corners_are_negative():
    tracker = SmileEpisodes()
    events, last = play(tracker, 30.0, 2.0, calm)
    frowning = BrowGeometry(brow_height=0.34, inner_brow_height=0.25, brow_gap=0.40)
    grimace = geometry(corner=3, lip_gap=0.15, width=1.0)
    events += play(tracker, 30.0, 3.0, lambda t: (grimace, frowning, 80.0), t0=2.0)[0]
    assert events + tracker.finish(5.0) == [] and tracker.cues.negative


def test_no_face_ends_an_episode_after_the_exit_time():
    tracker = SmileEpisodes()
    events, last = play(tracker, 30.0, 2.0, smile_with_eyes(False))
    assert tracker.in_smile
    events += tracker.update(last + 0.2, None, None, None)
    assert tracker.in_smile
    events += tracker.update(last + 0.8, None, None, None)
    assert not tracker.in_smile and len(events) == 1


def test_pure_rules():
    assert is_talking(MouthMotion(travel=0.6, span=0.2))
    assert not is_talking(MouthMotion(travel=0.2, span=0.2))  # opened once into a smile
    assert not is_talking(MouthMotion(travel=0.1, span=0.02))  # jitter
    assert eyes_squeezed_lips_closed(0.05, 0.30, 0.0)
    assert not eyes_squeezed_lips_closed(0.05, 0.30, 0.2)  # a laugh
    assert not eyes_squeezed_lips_closed(0.24, 0.30, 0.0)  # a smile narrows, does not shut
    assert brows_negative(0.06, 0.0, 2.0) and brows_negative(0.0, 0.06, 2.0)
    assert not brows_negative(0.06, 0.0, 12.0)  # corners clearly up: a smile with brows down


def test_settings_are_checked():
    with pytest.raises(ValueError):
        SmileEpisodes(onset_s=-1)
    with pytest.raises(ValueError):
        SmileEpisodes(exit_ratio=2.0)
    assert np.isfinite(SmileEpisodes().onset_s)
