"""Frame sources: what each kind of input yields, and one clear line for each kind of bad input."""

from __future__ import annotations

import numpy as np
import pytest

from coach.sinks import H264Writer
from coach.vision.sources import (
    SourceError,
    SourceInfo,
    _CameraSource,
    _Sampler,
    check_sampling,
    format_clock,
    open_source,
)


def _numbered_frame(i: int, size=(96, 128)) -> np.ndarray:
    image = np.zeros((*size, 3), np.uint8)
    image[:, :] = (i * 9) % 256  # a frame's grey level identifies it
    return image


def write_clip(path, times, size=(96, 128), fps=10.0):
    with H264Writer(path, fps=fps, crf=10, preset="ultrafast") as writer:
        for i, t in enumerate(times):
            writer.write(_numbered_frame(i, size), t)
    return path


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return write_clip(tmp_path_factory.mktemp("clip") / "clip.mp4", [i / 10 for i in range(20)])


def test_video_file_frames_carry_video_time_and_source_index(clip):
    with open_source(clip) as source:
        frames = list(source)
        assert source.info.kind == "video" and not source.info.live
        assert (source.info.width, source.info.height) == (128, 96)
        assert not source.ended_early
    assert [f.index for f in frames] == list(range(20))
    assert [round(f.t, 3) for f in frames] == [round(i / 10, 3) for i in range(20)]
    assert frames[0].image.shape == (96, 128, 3) and frames[0].image.dtype == np.uint8


def test_variable_frame_rate_keeps_each_frames_own_time(tmp_path):
    times = [0.0, 0.1, 0.25, 0.7, 0.8, 1.5]
    path = write_clip(tmp_path / "vfr.mp4", times)
    assert [round(f.t, 3) for f in open_source(path)] == times


def test_stride_keeps_every_nth_frame(clip):
    frames = list(open_source(clip, stride=3))
    assert [f.index for f in frames] == [0, 3, 6, 9, 12, 15, 18]
    assert round(frames[1].t, 3) == 0.3


def test_target_fps_samples_by_video_time(clip):
    source = open_source(clip, target_fps=2.5)
    frames = list(source)
    assert [round(f.t, 2) for f in frames] == [0.0, 0.4, 0.8, 1.2, 1.6]
    assert source.expected_frames() == 5


def test_still_image_is_one_frame_at_time_zero(tmp_path):
    import cv2
    from skimage import data

    path = tmp_path / "astronaut.png"
    cv2.imwrite(str(path), cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR))
    source = open_source(path)
    frames = list(source)
    assert source.info.kind == "image"
    assert len(frames) == 1 and frames[0].t == 0.0 and frames[0].index == 0
    assert frames[0].image.shape == (512, 512, 3)


def _one_line_error(spec, reason, lang="en", **kwargs) -> str:
    with pytest.raises(SourceError) as caught:
        open_source(spec, **kwargs)
    message = caught.value.message(lang)
    assert caught.value.reason == reason
    assert message and "\n" not in message
    return message


def test_missing_file(tmp_path):
    message = _one_line_error(tmp_path / "nope.mp4", "missing_file")
    assert "nope.mp4" in message and "not found" in message
    assert "找不到" in _one_line_error(tmp_path / "nope.mp4", "missing_file", lang="zh-CN")


def test_empty_file(tmp_path):
    (tmp_path / "empty.mp4").write_bytes(b"")
    assert "empty" in _one_line_error(tmp_path / "empty.mp4", "empty_file")


def test_corrupt_file(tmp_path):
    path = tmp_path / "corrupt.mp4"
    path.write_bytes(np.random.default_rng(7).integers(0, 256, 50_000, dtype=np.uint8).tobytes())
    message = _one_line_error(path, "unreadable_video")
    assert "corrupt.mp4" in message and "corrupt" in message


def test_unreadable_image(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"this is not a jpeg" * 10)
    assert "photo.jpg" in _one_line_error(path, "unreadable_image")


def test_unsupported_type(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("meeting notes\n" * 20)
    assert "notes.txt" in _one_line_error(path, "unsupported_type")


def test_folder_is_not_a_file(tmp_path):
    _one_line_error(tmp_path, "not_a_file")


def test_camera_that_is_not_there():
    assert "97" in _one_line_error("97", "camera_unavailable")


@pytest.mark.parametrize(("kwargs", "reason"), [
    ({"stride": 0}, "bad_stride"),
    ({"stride": 1.5}, "bad_stride"),
    ({"target_fps": 0}, "bad_fps"),
    ({"target_fps": float("nan")}, "bad_fps"),
    ({"stride": 2, "target_fps": 5}, "stride_and_fps"),
])
def test_bad_sampling_is_refused_before_opening(kwargs, reason):
    with pytest.raises(SourceError) as caught:
        check_sampling(kwargs.get("stride", 1), kwargs.get("target_fps"))
    assert caught.value.reason == reason and "\n" not in caught.value.message("en")


def test_truncated_video_ends_early_and_keeps_the_frames_before(tmp_path, clip):
    data = clip.read_bytes()  # +faststart: the index is at the front, so a cut file still opens
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: int(len(data) * 0.5)])
    try:
        source = open_source(cut)
    except SourceError as error:  # some cuts leave no decodable frame at all: still one clear line
        assert error.reason in {"unreadable_video", "no_frames"}
        return
    frames = list(source)
    assert 0 < len(frames) < 20
    assert source.ended_early and source.end_reason == "decode_error"
    assert "damaged" in source.end_text("en")


class _UnpluggedCamera:
    """A capture device that delivers `good` frames and then nothing (a camera pulled out)."""

    def __init__(self, good: int) -> None:
        self.good, self.released = good, False

    def read(self):
        if self.good > 0:
            self.good -= 1
            return True, np.zeros((4, 4, 3), np.uint8)
        return False, None

    def release(self) -> None:
        self.released = True


def test_camera_lost_mid_stream_ends_cleanly_with_a_reason():
    ticks = iter(np.arange(0.0, 1000.0, 0.25))
    camera = _UnpluggedCamera(good=3)
    info = SourceInfo("camera:0", "camera", True, 4, 4)
    source = _CameraSource(camera, np.zeros((4, 4, 3), np.uint8), info, _Sampler(1, None),
                           clock=lambda: float(next(ticks)), t0=0.0)
    frames = list(source)
    assert len(frames) == 4  # the first frame (read at open) and three more
    assert all(b.t > a.t for a, b in zip(frames, frames[1:], strict=False))
    assert source.ended_early and source.end_reason == "camera_lost"
    assert "camera stopped" in source.end_text("en") and camera.released


def test_format_clock():
    assert format_clock(0) == "00:00:00"
    assert format_clock(3 * 60 + 12.9) == "00:03:12"
    assert format_clock(3600 * 2 + 61) == "02:01:01"
