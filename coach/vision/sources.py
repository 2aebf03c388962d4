"""Frame sources: one iterator of timestamped `Frame`s for a camera, a video file, a stream or a photo.

`open_source(spec)` decides what `spec` is, opens it and checks it *before* the first frame is
asked for, so a missing, empty, corrupt or undecodable input fails at once with a `SourceError`
whose message is one translated line saying what is wrong and what to do.

Time: a video file's frames carry video time (the decoder's presentation time, so variable
frame rates are right); live sources (cameras, live streams) carry seconds on the monotonic
clock since the source opened. The clock is a parameter so tests can inject one.

A chunk of a long file (`yield_from_t` set) starts decoding at the keyframe before its first
frame instead of at the file's beginning, when that provably gives the frames, numbers and times
of a run from the start (`_AvSource._numbered_frames`); otherwise it decodes from the start.

When a live source stops mid-stream (a camera unplugged, a stream cut) or a file turns out to be
damaged part-way through, iteration simply ends; `source.ended_early` is then True and
`source.end_reason` / `source.end_message` say why, so the caller keeps everything recorded so
far and can tell the user.
"""

from __future__ import annotations

import bisect
import copy
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from coach.errors import CoachError
from coach.types import Frame

VIDEO_EXTENSIONS = frozenset(
    {".mp4", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".mpg", ".mpeg", ".wmv", ".flv", ".3gp", ".ts", ".y4m"}
)
# Containers with an index of every frame (timestamps, keyframes), where a seek lands where asked:
# the only ones a chunk seeks in (FFmpeg's format names).
SEEKABLE_FORMATS = frozenset({"mov", "mp4", "matroska", "webm"})
# At most this many frames are held back to be shown in order (H.264's and HEVC's largest picture
# buffer): a packet whose place in presentation order is further from its place in decoding order
# has a timestamp the decoder's own order does not follow.
MAX_REORDER_FRAMES = 16
IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff", ".gif"})
STREAM_SCHEMES = ("rtsp://", "rtsps://", "rtmp://", "http://", "https://", "udp://", "tcp://", "srt://")
LIVE_STREAM_SCHEMES = ("rtsp://", "rtsps://", "rtmp://", "udp://", "tcp://", "srt://")

SourceKind = Literal["camera", "video", "stream", "image"]

# A camera that has delivered nothing for this long is considered gone.
CAMERA_LOST_AFTER_S = 2.0
# Cameras often need a moment after opening before the first frame arrives.
CAMERA_WARMUP_S = 3.0


class SourceError(CoachError):
    """A source cannot be opened or read.

    `reason` is a short code kept in batch state files (e.g. "missing_file"); `code` and `values`
    name the message, translated by whoever shows it (`message(lang)`; `str()` in the default
    language).
    """

    def __init__(self, reason: str, code: str | None = None, **values: object) -> None:
        super().__init__(code or f"vision.error.{reason}", **values)
        self.reason = reason


@dataclass(frozen=True)
class SourceInfo:
    """What is known about a source once it is open."""

    name: str
    kind: SourceKind
    live: bool
    width: int
    height: int
    fps: float | None = None  # nominal frames per second, when the container says
    frame_count: int | None = None  # frames in the whole file, when known
    duration_s: float | None = None


def format_clock(seconds: float) -> str:
    """Seconds as hh:mm:ss (the format of events.csv and of messages)."""
    seconds = max(0, int(seconds))
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class _Sampler:
    """Decides which decoded frames are analysed: every `stride`-th, or about `target_fps` per second."""

    def __init__(self, stride: int, target_fps: float | None) -> None:
        if isinstance(stride, bool) or not isinstance(stride, int) or stride < 1:
            raise SourceError("bad_stride", "vision.error.bad_stride", value=stride)
        if target_fps is not None:
            if not (isinstance(target_fps, int | float) and math.isfinite(target_fps) and target_fps > 0):
                raise SourceError("bad_fps", "vision.error.bad_fps", value=target_fps)
            if stride != 1:
                raise SourceError("stride_and_fps", "vision.error.stride_and_fps")
        self.stride = stride
        self.period = None if target_fps is None else 1.0 / float(target_fps)
        self._next_due: float | None = None

    def keep(self, index: int, t: float) -> bool:
        if self.period is None:
            return index % self.stride == 0
        if self._next_due is None or t >= self._next_due - 1e-3:
            due = (t if self._next_due is None else self._next_due) + self.period
            # After a gap (dropped frames, a stall) restart the grid instead of bursting to catch up.
            self._next_due = due if due > t else t + self.period
            return True
        return False

    def expected(self, frame_count: int | None, duration_s: float | None) -> int | None:
        if self.period is not None and duration_s:
            return max(1, int(duration_s / self.period + 0.5))
        if frame_count:
            return (frame_count + self.stride - 1) // self.stride
        return None


class FrameSource:
    """An open source: iterate it for `Frame`s; use it as a context manager or call `close()`."""

    def __init__(self, info: SourceInfo, sampler: _Sampler) -> None:
        self.info = info
        self._sampler = sampler
        self.ended_early = False
        self.end_reason: str | None = None
        self.end_values: dict[str, object] = {}
        self.last_t: float | None = None
        # Frames stamped before this are neither converted nor yielded; the frames kept after it
        # are those of a run from the start (the sampler counts the frames before it too). A video
        # file may start decoding at the keyframe before it (`may_seek`), else decodes from the start.
        self.yield_from_t: float | None = None
        self.may_seek = True
        # The index of the first frame decoded: 0 from the start, more after a seek.
        self.first_decoded_index = 0
        # The frames after a seek stopped matching the file's list of frames once some had been
        # yielded (they may be numbered wrongly): iteration ended; read again with may_seek False.
        self.seek_failed = False

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def end_code(self) -> str | None:
        """The translation key of why the source ended early (None when it did not)."""
        return f"vision.ended.{self.end_reason}" if self.end_reason else None

    def end_text(self, lang: str | None = None) -> str | None:
        """Why the source ended early, in `lang` (None when it did not)."""
        from coach.i18n import t

        return t(self.end_code, lang, **self.end_values) if self.end_code else None

    @property
    def end_message(self) -> str | None:
        """`end_text()` in the default language."""
        return self.end_text()

    def expected_frames(self) -> int | None:
        """About how many frames iteration will yield (for a progress bar); None when unknown (live)."""
        if self.info.live:
            return None
        return self._sampler.expected(self.info.frame_count, self.info.duration_s)

    def __iter__(self) -> Iterator[Frame]:
        for index, t, image in self._decoded():
            self.last_t = t
            yield Frame(t=t, index=index, image=image)

    def _decoded(self) -> Iterator[tuple[int, float, np.ndarray]]:
        raise NotImplementedError

    def _end_early(self, reason: str, t: float | None) -> None:
        self.ended_early = True
        self.end_reason = reason
        self.end_values = {"t": format_clock(t or 0.0)}

    def close(self) -> None:
        """Release the device or file. Safe to call more than once."""

    def __enter__(self) -> FrameSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _ImageSource(FrameSource):
    def __init__(self, image: np.ndarray, name: str, sampler: _Sampler) -> None:
        height, width = image.shape[:2]
        super().__init__(SourceInfo(name, "image", False, width, height, None, 1, 0.0), sampler)
        self._image = image

    def expected_frames(self) -> int:
        return 1

    def _decoded(self) -> Iterator[tuple[int, float, np.ndarray]]:
        yield 0, 0.0, self._image


class _AvSource(FrameSource):
    """A video file or network stream decoded with PyAV (FFmpeg)."""

    def __init__(self, container, stream, info: SourceInfo, sampler: _Sampler,
                 clock: Callable[[], float], path: str | None = None) -> None:
        super().__init__(info, sampler)
        self._container = container
        self._stream = stream
        self._clock = clock
        self._path = path  # a local file, which a chunk may seek in (None: never seek)
        self._frames = container.decode(stream)
        self._first = None
        self._t0: float | None = None

    def prefetch(self, path_for_messages: str) -> None:
        """Decode the first frame now so an input without a single decodable frame fails at open."""
        import av

        try:
            self._first = next(self._frames)
        except StopIteration:
            self._first = None
        except av.error.FFmpegError as error:
            self.close()
            raise SourceError("no_frames", "vision.error.no_frames",
                                                       path=path_for_messages) from error
        if self._first is None:
            self.close()
            raise SourceError("no_frames", "vision.error.no_frames", path=path_for_messages)
        self._t0 = self._clock()

    def _time_of(self, frame, index: int) -> float:
        if self.info.live:
            return self._clock() - (self._t0 or 0.0)
        if frame.time is not None:
            return float(frame.time)
        return index / (self.info.fps or 30.0)

    def _decoded(self) -> Iterator[tuple[int, float, np.ndarray]]:
        import av

        index = -1
        last_t = 0.0
        frames = self._numbered_frames()
        while True:
            try:
                index, frame = next(frames)
            except StopIteration:
                break
            except (av.error.FFmpegError, OSError):
                self._end_early("stream_lost" if self.info.live else "decode_error", last_t)
                break
            t = self._time_of(frame, index)
            last_t = t
            # A frame the sampler skips is decoded (later frames depend on it) but never converted
            # to a picture: the conversion costs as much again as the decoding.
            if self._sampler.keep(index, t) and (self.yield_from_t is None or t >= self.yield_from_t):
                yield index, t, _to_bgr(frame)
        if not self.info.live and not self.ended_early and not self.seek_failed \
                and self._stopped_short(index + 1, last_t):
            self._end_early("decode_error", last_t)
        self.close()

    def _numbered_frames(self) -> Iterator[tuple[int, Any]]:
        """(index, decoded frame) as decoding from the start numbers them, in order; FFmpeg errors
        propagate. Starts at a keyframe near `yield_from_t` where `_seek_plan` finds one."""
        first, self._first = self._first, None
        plan = self._seek_plan(first)
        if plan is None:
            yield from self._from_start(first)
            return
        yield from self._seeked_frames(*plan)

    def _from_start(self, first) -> Iterator[tuple[int, Any]]:
        index, frame = 0, first
        while frame is not None:
            yield index, frame
            index += 1
            frame = next(self._frames, None)

    def _seek_plan(self, first) -> tuple[_FrameList, int, int] | None:
        """(the file's frame list, the position of the keyframe to start at, the position of the
        first frame stamped at or after `yield_from_t`), or None: decode from the start."""
        wanted = self.yield_from_t
        if (not self.may_seek or self._path is None or self.info.live or wanted is None
                or not math.isfinite(wanted) or first is None or first.pts is None
                or self._stream.time_base is None
                or not SEEKABLE_FORMATS & set(self._container.format.name.split(","))):
            return None
        frames = _scan_frames(self._path, self._stream.time_base)
        if frames is None or frames.pts[0] != first.pts:  # the decoder dropped leading frames
            return None
        need = bisect.bisect_left(frames.times, wanted)
        before = bisect.bisect_right(frames.keyframes, need) - 1
        if before < 0 or frames.keyframes[before] == 0:
            return None
        return frames, frames.keyframes[before], need

    def _seeked_frames(self, frames: _FrameList, start: int, need: int) -> Iterator[tuple[int, Any]]:
        """Decode from the keyframe at position `start`, numbering each frame by its place in
        `frames` and checking that they come in order, each at its stated time. When they do not
        before any frame from `need` on was handed out, decode from the start instead; after,
        stop with `seek_failed` (frames already yielded may be misnumbered)."""
        import av

        sampler = copy.copy(self._sampler)
        try:
            self._container.seek(frames.pts[start], backward=True, any_frame=False, stream=self._stream)
            decoded = self._container.decode(self._stream)
        except (av.error.FFmpegError, OSError):
            yield from self._restart(sampler)
            return
        position: int | None = None
        while True:
            try:
                frame = next(decoded, None)
            except (av.error.FFmpegError, OSError):
                if position is None or position < need:  # perhaps the seek's doing: start over
                    yield from self._restart(sampler)
                    return
                raise
            if frame is None:
                return
            at = frames.position.get(frame.pts) if frame.pts is not None else None
            expected = at is not None and (at <= need if position is None else at == position + 1)
            if not expected or frame.time != frames.times[at]:
                if position is None or position < need:
                    yield from self._restart(sampler)
                else:
                    self.seek_failed = True
                return
            if position is None:
                self.first_decoded_index = at
                for index in range(at):  # the sampler counts the frames left out, as from the start
                    self._sampler.keep(index, frames.times[index])
            position = at
            yield at, frame

    def _restart(self, sampler: _Sampler) -> Iterator[tuple[int, Any]]:
        """Decode from the start of a freshly opened file, the sampler as it was before the seek."""
        import av

        self._sampler = sampler
        self.first_decoded_index = 0
        self.close()
        self._container = av.open(self._path)
        self._stream = self._container.streams.video[0]
        self._stream.thread_type = "AUTO"
        self._frames = self._container.decode(self._stream)
        yield from self._from_start(next(self._frames, None))

    def _stopped_short(self, decoded: int, last_t: float) -> bool:
        """A file whose frames stop well before its stated length is damaged (truncated) there."""
        duration = self.info.duration_s
        if not duration or not self.info.frame_count:
            return False
        frame_time = 1.0 / (self.info.fps or 30.0)
        return decoded < 0.9 * self.info.frame_count and last_t < 0.95 * duration - frame_time

    def close(self) -> None:
        container, self._container = self._container, None
        if container is not None:
            container.close()


class _CameraSource(FrameSource):
    """A local camera through OpenCV (V4L2 on Linux, DirectShow/MSMF on Windows, AVFoundation on macOS)."""

    def __init__(self, capture, first: np.ndarray, info: SourceInfo, sampler: _Sampler,
                 clock: Callable[[], float], t0: float) -> None:
        super().__init__(info, sampler)
        self._capture = capture
        self._first = first
        self._clock = clock
        self._t0 = t0

    def _decoded(self) -> Iterator[tuple[int, float, np.ndarray]]:
        index = 0
        image: np.ndarray | None = self._first
        self._first = None
        t = 0.0
        last_good = self._clock()
        while True:
            if image is not None:
                t = self._clock() - self._t0
                last_good = self._clock()
                if self._sampler.keep(index, t):
                    yield index, t, image
                index += 1
            if self._capture is None:
                return
            ok, image = self._capture.read()
            if not ok or image is None:
                image = None
                if self._clock() - last_good > CAMERA_LOST_AFTER_S:
                    self._end_early("camera_lost", t)
                    self.close()
                    return
                time.sleep(0.02)

    def close(self) -> None:
        capture, self._capture = self._capture, None
        if capture is not None:
            capture.release()


def open_source(
    spec: str | int | Path,
    *,
    stride: int = 1,
    target_fps: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> FrameSource:
    """Open `spec` — a camera index (0 or "0"), a video file, a stream URL or a still image.

    `stride` keeps every N-th decoded frame; `target_fps` keeps about that many frames per second
    of source time (give one or the other). Raises `SourceError` (one translated line) when the
    input cannot be used.
    """
    sampler = _Sampler(stride, target_fps)
    if isinstance(spec, int) or (isinstance(spec, str) and spec.strip().isdigit()):
        return _open_camera(int(spec), sampler, clock)
    text = str(spec)
    if text.lower().startswith(STREAM_SCHEMES):
        return _open_stream(text, sampler, clock)
    return _open_path(Path(text), sampler, clock)


def check_sampling(stride: int = 1, target_fps: float | None = None) -> None:
    """Raise SourceError (one translated line) unless stride/target_fps are usable together."""
    _Sampler(stride, target_fps)


def read_image(path: str | Path) -> np.ndarray:
    """A still image as BGR uint8; SourceError (one translated line) when it cannot be read.

    Read through Pillow, which knows the formats users have: JPEG (EXIF rotation applied), PNG
    (8- and 16-bit, palette, grey, with alpha), GIF and animated GIF/WebP (the first frame), BMP,
    TIFF, WebP. A file whose contents Pillow does not recognise gets a message naming the format
    its first bytes show (HEIC, AVIF, SVG, PDF…) or its extension, whatever the file is called.
    """
    path = Path(path)
    _check_file(path)
    try:
        data = path.read_bytes()  # works with non-ASCII paths
    except OSError as problem:  # e.g. its permissions changed since the check
        raise SourceError("unreadable_file", "security.unreadable_input", path=path,
                          detail=problem.strerror or str(problem)) from None
    return decode_image(data, str(path))


def decode_image(data: bytes, name: str) -> np.ndarray:
    """Decode image bytes (any format Pillow knows) to BGR uint8; SourceError when it cannot."""
    import io

    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.seek(0)
            image = ImageOps.exif_transpose(opened)
            pixels = _to_rgb8(image)
    except UnidentifiedImageError:
        raise SourceError("unreadable_image", "judgements.image.unknown_format", path=name,
                          format=_format_guess(data, name)) from None
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as bad:
        kind = _format_guess(data, name)
        raise SourceError("unreadable_image", "judgements.image.damaged", path=name, format=kind,
                          detail=_short(bad)) from bad
    if pixels.size == 0:
        raise SourceError("unreadable_image", "vision.error.unreadable_image", path=name)
    return np.ascontiguousarray(pixels[:, :, ::-1])


def _to_rgb8(image) -> np.ndarray:
    """RGB uint8 pixels of a Pillow image of any mode (16-bit and float greys are rescaled;
    transparent parts become white)."""
    from PIL import Image

    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        top = 65535.0 if image.mode.startswith("I;16") or values.max(initial=0) > 255 else 255.0
        grey = np.clip(values / top * 255.0 + 0.5, 0, 255).astype(np.uint8)
        return np.repeat(grey[:, :, None], 3, axis=2)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        white.alpha_composite(rgba)
        return np.asarray(white.convert("RGB"), dtype=np.uint8)
    return np.asarray(image.convert("RGB"), dtype=np.uint8)


# First bytes of image formats Pillow may not read here, to name them in the message.
_MAGIC = (
    (b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"BM", "BMP"),
    (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"%PDF", "PDF"), (b"8BPS", "PSD"),
    (b"\xff\x0a", "JPEG XL"), (b"\x00\x00\x00\x0cJXL ", "JPEG XL"),
)


def _format_guess(data: bytes, name: str) -> str:
    head = data[:64]
    if head[4:8] == b"ftyp":
        brand = head[8:12].decode("ascii", "replace").strip().lower()
        return "AVIF" if brand.startswith("avi") else "HEIC/HEIF" if brand in {
            "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"} else f"ISO media ({brand})"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    for magic, label in _MAGIC:
        if head.startswith(magic):
            return label
    text = head.lstrip().lower()
    if text.startswith((b"<svg", b"<?xml")):
        return "SVG"
    suffix = Path(name).suffix.lower()
    return f"? ({suffix})" if suffix else "?"


def _check_file(path: Path) -> None:
    """Missing, not a regular file (a folder, a FIFO, a device), empty, or not readable by us: each
    its own line, before any decoder sees the file (which would call it corrupt)."""
    try:
        if not path.exists():
            raise SourceError("missing_file", "vision.error.missing_file", path=path)
        if not path.is_file():
            raise SourceError("not_a_file", "vision.error.not_a_file", path=path)
        if path.stat().st_size == 0:
            raise SourceError("empty_file", "vision.error.empty_file", path=path)
        with open(path, "rb"):
            pass
    except OSError as problem:
        raise SourceError("unreadable_file", "security.unreadable_input", path=path,
                          detail=problem.strerror or str(problem)) from None


def _open_path(path: Path, sampler: _Sampler, clock: Callable[[], float]) -> FrameSource:
    _check_file(path)
    suffix = path.suffix.lower()
    if suffix in IMAGE_EXTENSIONS:
        return _ImageSource(read_image(path), str(path), sampler)
    try:
        return _open_video(str(path), str(path), sampler, clock, live=False)
    except SourceError as video_error:
        if suffix in VIDEO_EXTENSIONS:
            raise
        # An unknown extension may still be a picture (e.g. a photo saved without extension).
        try:
            return _ImageSource(read_image(path), str(path), sampler)
        except SourceError:
            if video_error.reason != "unreadable_video":
                raise video_error from None
            raise SourceError("unsupported_type", "vision.error.unsupported_type",
                                                            path=path) from None


def _open_stream(url: str, sampler: _Sampler, clock: Callable[[], float]) -> FrameSource:
    import av

    options = {"rtsp_transport": "tcp"} if url.lower().startswith(("rtsp://", "rtsps://")) else {}
    try:
        container = av.open(url, options=options, timeout=(10.0, 5.0))
    except (av.error.FFmpegError, OSError) as error:
        raise SourceError("stream_unavailable", "vision.error.stream_unavailable", url=url,
                                                          detail=_short(error)) from error
    live = url.lower().startswith(LIVE_STREAM_SCHEMES) or container.duration is None
    return _open_video_container(container, url, url, sampler, clock, live=live, kind="stream")


def _open_video(path: str, name: str, sampler: _Sampler, clock: Callable[[], float],
                live: bool) -> FrameSource:
    import av

    try:
        container = av.open(path)
    except (av.error.FFmpegError, OSError, UnicodeDecodeError) as error:
        raise SourceError("unreadable_video", "vision.error.unreadable_video", path=path,
                                                        detail=_short(error)) from error
    return _open_video_container(container, path, name, sampler, clock, live=live, kind="video")


def _open_video_container(container, where: str, name: str, sampler: _Sampler,
                          clock: Callable[[], float], *, live: bool, kind: SourceKind) -> FrameSource:
    import av

    if not container.streams.video:
        container.close()
        raise SourceError("no_video_stream", "vision.error.no_video_stream", path=where)
    stream = container.streams.video[0]
    try:
        codec_context = stream.codec_context
        codec_name = codec_context.name if codec_context is not None else None
    except (av.error.FFmpegError, ValueError, av.codec.codec.UnknownCodecError):
        codec_context, codec_name = None, None
    if codec_context is None or codec_name is None:
        container.close()
        raise SourceError("unsupported_codec", "vision.error.unsupported_codec", path=where,
                                                         codec=_codec_tag(stream))
    stream.thread_type = "AUTO"
    fps = float(stream.average_rate) if stream.average_rate else None
    duration = None
    if stream.duration is not None and stream.time_base is not None:
        duration = float(stream.duration * stream.time_base)
    elif container.duration is not None:
        duration = container.duration / av.time_base
    frame_count = stream.frames or (int(round(duration * fps)) if duration and fps else None)
    info = SourceInfo(name, kind, live, int(codec_context.width or 0), int(codec_context.height or 0),
                      fps, frame_count if not live else None, duration if not live else None)
    source = _AvSource(container, stream, info, sampler, clock, path=where if kind == "video" else None)
    source.prefetch(where)
    return source


@dataclass(frozen=True)
class _FrameList:
    """Every frame of a file's video stream as its packets state it, without decoding: timestamps
    in presentation order (a frame's index is its place here), their times in seconds (computed as
    a decoded frame's `time` is), and the positions of the keyframes."""

    pts: list[int]
    times: list[float]
    keyframes: list[int]
    position: dict[int, int]


def _scan_frames(path: str, time_base) -> _FrameList | None:
    """The frame list of `path`'s first video stream (its packets read, not decoded), or None when
    it cannot be trusted to number frames as decoding does: a packet without a timestamp, marked
    corrupt or to be discarded, two packets with one timestamp, one further than
    `MAX_REORDER_FRAMES` from its place in decoding order, or a read error."""
    import av

    stamps: list[int] = []
    keys: set[int] = set()
    try:
        with av.open(path) as container:
            for packet in container.demux(container.streams.video[0]):
                if packet.size == 0:  # the demuxer's closing empty packet
                    continue
                if packet.pts is None or packet.is_corrupt or packet.is_discard:
                    return None
                stamps.append(packet.pts)
                if packet.is_keyframe:
                    keys.add(packet.pts)
    except (av.error.FFmpegError, OSError, IndexError):
        return None
    pts = sorted(stamps)
    position = {stamp: index for index, stamp in enumerate(pts)}
    if not pts or len(position) != len(pts):
        return None
    if any(abs(position[stamp] - place) > MAX_REORDER_FRAMES for place, stamp in enumerate(stamps)):
        return None
    times = [float(stamp) * time_base.numerator / time_base.denominator for stamp in pts]
    return _FrameList(pts, times, sorted(position[key] for key in keys), position)


def _open_camera(index: int, sampler: _Sampler, clock: Callable[[], float]) -> FrameSource:
    capture, first, info = open_camera_device(index, clock)
    return _CameraSource(capture, first, info, sampler, clock, clock())


def open_camera_device(index: int, clock: Callable[[], float], ask_fps: float | None = None
                       ) -> tuple[Any, np.ndarray, SourceInfo]:
    """(the opened cv2.VideoCapture, its first frame, its SourceInfo); SourceError when the camera
    is absent or gives no frame within CAMERA_WARMUP_S. `ask_fps`: the frame rate to ask for."""
    import cv2

    level = cv2.getLogLevel()
    cv2.setLogLevel(0)  # silent: our one-line message replaces OpenCV's warnings
    try:
        capture = cv2.VideoCapture(index)
    finally:
        cv2.setLogLevel(level)
    if not capture.isOpened():
        capture.release()
        raise _camera_error(index)
    capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # keep latency low: we want the newest frame, not a backlog
    if ask_fps is not None:
        capture.set(cv2.CAP_PROP_FPS, float(ask_fps))
    deadline = clock() + CAMERA_WARMUP_S
    first = None
    while first is None and clock() < deadline:
        ok, image = capture.read()
        first = image if ok and image is not None else None
        if first is None:
            time.sleep(0.05)
    if first is None:
        capture.release()
        raise _camera_error(index)
    fps = capture.get(cv2.CAP_PROP_FPS) or None
    return capture, first, SourceInfo(f"camera:{index}", "camera", True, first.shape[1], first.shape[0], fps)


def _camera_error(index: int) -> SourceError:
    return SourceError("camera_unavailable", "vision.error.camera_unavailable", index=index)


def _to_bgr(frame) -> np.ndarray:
    image = frame.to_ndarray(format="bgr24")
    rotation = int(getattr(frame, "rotation", 0) or 0)
    # PyAV reports the counter-clockwise turn that shows the picture upright (phone videos).
    if rotation % 360:
        image = np.ascontiguousarray(np.rot90(image, k=round(rotation / 90) % 4))
    return image


def _codec_tag(stream) -> str:
    try:
        tag = stream.codec_tag
    except (AttributeError, ValueError):
        tag = None
    return str(tag or "?")


def _short(error: BaseException) -> str:
    """The gist of an FFmpeg/OS error, without the path the message already names."""
    text = getattr(error, "strerror", None) or str(error).strip() or type(error).__name__
    return str(text).splitlines()[0][:120]
