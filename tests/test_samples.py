"""The sample clips: deterministic pictures of the person, and the .y4m copy Chromium's fake camera reads."""

from __future__ import annotations

import numpy as np

from coach.samples import CLIPS, HEIGHT, WIDTH, pose_at, render, write_y4m
from coach.sinks import H264Writer


def clip(name: str):
    return next(c for c in CLIPS if c.name == name)


def test_rendering_is_deterministic_and_640x480():
    first = render(clip("head_tilt"), 2.0)
    assert first.shape == (HEIGHT, WIDTH, 3) and first.dtype == np.uint8
    assert np.array_equal(first, render(clip("head_tilt"), 2.0))


def test_clip_scripts_say_what_happens_when():
    assert pose_at(clip("head_tilt"), 2.0).head_roll_deg == 15
    assert pose_at(clip("head_tilt"), 5.5).head_roll_deg == -15
    assert not pose_at(clip("leave_return"), 4.5).present
    away = render(clip("leave_return"), 4.5)
    assert np.array_equal(away, render(clip("leave_return"), 5.0))  # nobody there: nothing moves


def test_y4m_is_raw_i420_with_a_plain_header(tmp_path):
    video = tmp_path / "clip.mp4"
    with H264Writer(video, fps=15) as writer:
        for i in range(6):
            writer.write(np.full((48, 64, 3), 40 * i, np.uint8), i / 15)
    raw = write_y4m(video, tmp_path / "clip.y4m").read_bytes()
    header, _, body = raw.partition(b"\n")
    assert header.split()[:4] == [b"YUV4MPEG2", b"W64", b"H48", b"F15:1"]
    frame_bytes = len(b"FRAME\n") + 64 * 48 * 3 // 2
    assert len(body) == 6 * frame_bytes and body.startswith(b"FRAME\n")
