"""A chunk of a long video starts decoding at the keyframe before its warm-up instead of at the
file's beginning (coach.vision.sources): the frames it yields — indices, times, pictures — are
exactly those of decoding from the start, with B-frames, long keyframe intervals and variable frame
rates; a file whose packets do not line up with what the decoder gives is decoded from the start
as before; a chunked review gives the same timeline as the unchunked one. (Speed: the bench.)"""

from __future__ import annotations

import csv
from pathlib import Path

import av
import numpy as np
import pytest
from gop_clips import frame_times, packets, write_gop_clip

from coach.batch import BatchOptions, MediaFile, plan_chunks, run_batch
from coach.batch.work import Task, analyse_chunk, chunk_observations
from coach.review import ReviewOptions
from coach.vision.sources import open_source

ROOT = Path(__file__).resolve().parents[1]
SESSION = ROOT / "sample_videos" / "default_session.mp4"  # 20 s at 15 fps, keyframes at 0, 11.67, 15.07 s
FPS = 15
KEYINT = 30  # a keyframe every 2 s
SAMPLINGS = ({}, {"stride": 3}, {"target_fps": 3.3})


def _from_start(path: Path, from_t: float, **sampling) -> list[tuple[int, float, np.ndarray]]:
    """The reference: every frame decoded from the file's start, those stamped from `from_t` kept."""
    with open_source(path, **sampling) as source:
        return [(f.index, f.t, f.image) for f in source if f.t >= from_t]


def _chunk(path: Path, from_t: float, may_seek: bool = True, **sampling):
    source = open_source(path, **sampling)
    source.yield_from_t, source.may_seek = from_t, may_seek
    with source:
        frames = [(f.index, f.t, f.image) for f in source]
    return frames, source


def assert_same_frames(ours, reference) -> None:
    assert [(index, t) for index, t, _ in ours] == [(index, t) for index, t, _ in reference]
    for (index, _, mine), (_, _, theirs) in zip(ours, reference, strict=True):
        assert np.array_equal(mine, theirs), index


@pytest.fixture(scope="module")
def long_gop(tmp_path_factory) -> Path:
    """12 s at 15 fps, a keyframe every 2 s, pyramids of 3 B-frames."""
    return write_gop_clip(tmp_path_factory.mktemp("gop") / "gop.mp4", frame_times(12.0, FPS), keyint=KEYINT)


def test_the_clips_have_b_frames_and_keyframes_every_two_seconds(long_gop):
    stream = packets(long_gop)
    decode_order = [pts for pts, _, _ in stream]
    assert decode_order != sorted(decode_order)  # B-frames: shown in another order than decoded
    shown = sorted(decode_order)
    assert [shown.index(pts) for pts, _, key in stream if key] == list(range(0, 180, KEYINT))


@pytest.mark.parametrize("from_t", [4.5, 7.0, 11.4])
@pytest.mark.parametrize("sampling", SAMPLINGS, ids=["every", "stride3", "fps3.3"])
def test_a_chunk_starts_at_the_keyframe_before_and_yields_what_decoding_from_the_start_does(
        long_gop, from_t, sampling):
    frames, source = _chunk(long_gop, from_t, **sampling)
    assert source.first_decoded_index == int(from_t * FPS) // KEYINT * KEYINT > 0  # it did seek
    assert not source.ended_early and not source.seek_failed
    assert frames  # something to compare
    assert_same_frames(frames, _from_start(long_gop, from_t, **sampling))


def test_a_chunk_past_the_last_frame_yields_nothing_and_does_not_call_the_file_damaged(long_gop):
    frames, source = _chunk(long_gop, 30.0)
    assert frames == [] and source.first_decoded_index == 150 and not source.ended_early


def test_variable_frame_rate_keeps_each_frames_own_time_and_index(tmp_path):
    times, t = [], 0.0
    for index in range(160):  # 15 fps, with a stall of 0.7 s and a stretch at 25 fps
        times.append(round(t, 4))
        t += 0.7 if index == 40 else 0.04 if 80 <= index < 120 else 1 / 15
    path = write_gop_clip(tmp_path / "vfr.mp4", times, keyint=20)
    for from_t in (4.0, 6.3, 8.0):
        frames, source = _chunk(path, from_t)
        assert source.first_decoded_index > 0
        reference = _from_start(path, from_t)
        assert_same_frames(frames, reference)
        assert [round(t, 3) for _, t, _ in frames] == [round(t, 3) for t in times if t >= from_t - 1e-9]


def test_the_projects_own_sample_seeks_too(tmp_path):
    for sampling in SAMPLINGS:
        frames, source = _chunk(SESSION, 12.0, **sampling)
        assert source.first_decoded_index == 175  # the keyframe at 11.67 s
        assert_same_frames(frames, _from_start(SESSION, 12.0, **sampling))


# ---- files whose packets do not line up: decoded from the start ---------------------------------

def test_a_seek_that_lands_before_the_keyframe_asked_for_still_gives_the_same_frames(tmp_path):
    """The container's index leaves out the keyframe at 4 s (the picture is one, and its packet says
    so): a seek aimed at it lands on the one at 2 s, and decoding goes on from there."""
    times = frame_times(12.0, FPS)
    path = write_gop_clip(tmp_path / "unindexed.mp4", times, keyint=KEYINT, keyframe_flags={60: False})
    with av.open(str(path)) as container:
        assert 60 not in [place for place, entry in enumerate(container.streams.video[0].index_entries)
                          if entry.is_keyframe]
    frames, source = _chunk(path, 4.5)
    assert source.first_decoded_index == 30 and not source.seek_failed
    assert_same_frames(frames, _from_start(path, 4.5))


def test_a_timestamp_far_from_its_decoding_place_is_not_trusted(tmp_path):
    """One frame stamped 20 s (after the end): the decoder still shows it between its neighbours,
    so from the start the frames after it are numbered one more than their place among the stamps:
    the source does not seek."""
    times = frame_times(12.0, FPS)
    path = write_gop_clip(tmp_path / "stamped.mp4", times, keyint=KEYINT, restamp={20: 20.0})
    frames, source = _chunk(path, 6.0)
    assert source.first_decoded_index == 0
    reference = _from_start(path, 6.0)
    assert_same_frames(frames, reference)
    numbered = {t: index for index, t, _ in reference}
    assert numbered[times[90]] == 90 and numbered[20.0] == 20  # 89 stamps come before 6 s's


def test_frames_out_of_order_before_the_chunk_starts_decode_from_the_start(tmp_path):
    """Two frames' stamps swapped at 6.2 s, after the keyframe at 6 s and before the chunk's first
    frame: their places among the stamps and the decoder's order disagree, nothing was handed out
    yet, so the source starts over from the file's beginning."""
    times = frame_times(12.0, FPS)
    path = write_gop_clip(tmp_path / "swapped.mp4", times, keyint=KEYINT,
                          restamp={93: times[94], 94: times[93]})
    frames, source = _chunk(path, 6.5)
    assert source.first_decoded_index == 0 and not source.seek_failed
    assert_same_frames(frames, _from_start(path, 6.5))


def test_frames_out_of_order_after_the_seek_stop_it_and_the_chunk_is_analysed_again(tmp_path):
    """Two frames' stamps swapped at 7 s: after a seek to 6 s their places among the stamps and the
    decoder's order disagree once frames were handed out: the source stops (`seek_failed`), and
    `analyse_chunk` analyses the chunk again from the start."""
    times = frame_times(12.0, FPS)
    path = write_gop_clip(tmp_path / "swapped.mp4", times, keyint=KEYINT,
                          restamp={105: times[106], 106: times[105]})
    frames, source = _chunk(path, 6.5)
    assert source.first_decoded_index == 90 and source.seek_failed
    assert 0 < len(frames) < len(_from_start(path, 6.5))
    chunk = plan_chunks(12.0, 4.0, warmup_s=1.5)[1]  # 4-8 s, warmed up from 2.5 s
    file = MediaFile.at(path, path.name)
    outcome = analyse_chunk(Task(file, ReviewOptions(lang="en", progress=False), str(tmp_path),
                                 per_frame_landmarks=True, chunk=chunk))
    assert outcome.ok and not outcome.seek_failed and outcome.first_decoded_index == 0
    from coach.vision.landmarker import Landmarker

    with open_source(path) as whole, Landmarker(static_image_mode=True) as landmarker:
        expected, _ = chunk_observations(whole, landmarker.detect, chunk)
    assert [(o.frame_index, o.t) for o in outcome.observations] == [(o.frame_index, o.t) for o in expected]
    assert any(o.frame_index == 105 and o.t == times[106] for o in outcome.observations)


def test_a_truncated_file_still_ends_early_where_decoding_from_the_start_does(tmp_path, long_gop):
    data = long_gop.read_bytes()  # +faststart: the index is at the front, so a cut file still opens
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    with open_source(cut) as whole:
        every = [(f.index, f.t) for f in whole]
        assert whole.ended_early and whole.end_reason == "decode_error"
    for from_t in (2.5, every[-1][1] - 0.5, 11.0):
        frames, source = _chunk(cut, from_t)
        assert [(index, t) for index, t, _ in frames] == [(i, t) for i, t in every if t >= from_t]
        assert source.ended_early and source.end_reason == "decode_error", from_t
        assert source.end_values == whole.end_values


# ---- a chunked review, end to end -----------------------------------------------------------------

def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_a_chunked_review_that_seeks_gives_the_timeline_of_the_unchunked_review(tmp_path, long_gop):
    """Landmarks detected afresh in every frame, so results cannot depend on where a chunk began
    decoding: the timeline (frame, time, every figure) and events are byte for byte the same."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gop.mp4").write_bytes(long_gop.read_bytes())
    review = ReviewOptions(lang="en", progress=False)
    for chunk in plan_chunks(12.0, 4.0, warmup_s=1.0)[1:]:  # every chunk after the first seeks
        _, source = _chunk(folder / "gop.mp4", chunk.start - chunk.warmup_s)
        assert source.first_decoded_index > 0
    whole = run_batch(folder, tmp_path / "whole",
                      BatchOptions(review=review, jobs=1, per_frame_landmarks=True))
    chunked = run_batch(folder, tmp_path / "chunked",
                        BatchOptions(review=review, jobs=2, per_frame_landmarks=True, chunk_seconds=4.0,
                                     warmup_seconds=1.0))
    assert whole.analysed == chunked.analysed == ["gop.mp4"]
    ours = _rows(tmp_path / "chunked" / "files" / "gop.mp4" / "timeline.csv")
    theirs = _rows(tmp_path / "whole" / "files" / "gop.mp4" / "timeline.csv")
    assert len(theirs) == 180 and [row["frame"] for row in theirs] == [str(i) for i in range(180)]
    assert ours == theirs
    for name in ("timeline.csv", "events.csv"):
        assert (tmp_path / "chunked" / "files" / "gop.mp4" / name).read_bytes() == \
            (tmp_path / "whole" / "files" / "gop.mp4" / name).read_bytes(), name
