"""Live frames decoded only when they are analysed: a camera, or a video file played as one.

A 30 fps camera in eco mode has 25 of its 30 frames skipped. `cv2.VideoCapture.grab()` takes a
frame off the device (or, for a file, reads and decodes its packet) without converting it;
`retrieve()` turns the grabbed frame into BGR pixels — for a webcam that is the MJPEG decode or
the YUYV conversion, the costly part. A `GrabbingCapture` yields one `Grab` per frame, stamped
with its time; the live worker calls `grab.retrieve()` only for the frames its pacer picks, and
the others are never converted. `retrieved` counts the conversions.

In eco mode the camera is also asked for a low frame rate (`CAP_PROP_FPS`); many webcams accept
a lower rate, some ignore the request. `fps_asked` / `fps_reported` say what happened, and
`fps_honoured` whether the camera now reports the rate asked.

Opening checks the input first with `coach.vision.sources.open_source` (so a missing or broken
file or an absent camera fails with the same one translated line as everywhere else); a file
OpenCV cannot play is handed back as that PyAV source, whose frames are already decoded.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from coach.vision.sources import CAMERA_LOST_AFTER_S, SourceInfo, open_camera_device

# In eco mode the camera is asked for this many frames a second: twice the analysis rate, so
# frames that arrive a little early or late still leave one due on every step of the pacer's grid.
ECO_CAMERA_FPS_FACTOR = 2.0
# The camera reports the rate asked within this many frames a second: the request was honoured.
FPS_MATCH = 0.5


class Grab:
    """One frame taken off a capture, not yet converted to pixels. `retrieve()` converts it
    (once; later calls return the same image) and must be called before the next frame is taken."""

    __slots__ = ("t", "index", "_source", "_image")

    def __init__(self, t: float, index: int, source: GrabbingCapture | None = None,
                 image: np.ndarray | None = None) -> None:
        self.t = t
        self.index = index
        self._source = source
        self._image = image

    def retrieve(self) -> np.ndarray | None:
        if self._image is None and self._source is not None:
            self._image = self._source._retrieve()
            self._source = None
        return self._image


class GrabbingCapture:
    """Frames of an open `cv2.VideoCapture` (a camera, or a file played as a camera), grabbed one
    by one and converted only on request. Iterate it for `Grab`s; `close()` releases the capture.

    live: a camera (frames stamped on `clock` since opening; a camera silent for
        CAMERA_LOST_AFTER_S ends the stream with `end_reason` "camera_lost"); otherwise a file
        (frames stamped with the file's own time, ending with the file).
    """

    def __init__(self, capture: Any, info: SourceInfo, *, live: bool,
                 clock: Callable[[], float] = time.monotonic, fps_asked: float | None = None,
                 first: np.ndarray | None = None) -> None:
        self._capture = capture
        self.info = info
        self.live = live
        self._clock = clock
        self._first = first
        self._t0 = clock()
        self.fps_asked = fps_asked
        self.fps_reported = info.fps
        self.grabbed = 0  # frames taken off the capture
        self.retrieved = 0  # of those, converted to pixels
        self.ended_early = False
        self.end_reason: str | None = None
        self.end_values: dict[str, object] = {}

    @property
    def fps_honoured(self) -> bool | None:
        """Whether the camera now reports the rate asked (None: nothing was asked)."""
        if self.fps_asked is None:
            return None
        return self.fps_reported is not None and abs(self.fps_reported - self.fps_asked) <= FPS_MATCH

    @property
    def end_code(self) -> str | None:
        return f"vision.ended.{self.end_reason}" if self.end_reason else None

    def __iter__(self) -> Iterator[Grab]:
        index = 0
        if self._first is not None:  # the frame read at opening, to check the camera works
            first, self._first = self._first, None
            self.grabbed += 1
            self.retrieved += 1
            yield Grab(0.0, index, image=first)
            index += 1
        last_good = self._clock()
        last_t = 0.0
        while self._capture is not None:
            if not self._capture.grab():
                if not self.live:
                    return
                if self._clock() - last_good > CAMERA_LOST_AFTER_S:
                    self._end_early("camera_lost", last_t)
                    self.close()
                    return
                time.sleep(0.02)
                continue
            last_good = self._clock()
            self.grabbed += 1
            last_t = self._time_of(index)
            yield Grab(last_t, index, self)
            index += 1

    def _time_of(self, index: int) -> float:
        if self.live:
            return self._clock() - self._t0
        import cv2

        ms = self._capture.get(cv2.CAP_PROP_POS_MSEC)
        if ms and math.isfinite(ms) and ms > 0:
            return ms / 1000.0
        return index / (self.info.fps or 30.0)

    def _retrieve(self) -> np.ndarray | None:
        if self._capture is None:
            return None
        ok, image = self._capture.retrieve()
        if not ok or image is None:
            return None
        self.retrieved += 1
        return image

    def _end_early(self, reason: str, t: float) -> None:
        from coach.vision.sources import format_clock

        self.ended_early = True
        self.end_reason = reason
        self.end_values = {"t": format_clock(t)}

    def close(self) -> None:
        capture, self._capture = self._capture, None
        if capture is not None:
            capture.release()

    def __enter__(self) -> GrabbingCapture:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def camera_fps_for(max_fps: float | None) -> float | None:
    """The frame rate to ask a camera for when at most `max_fps` frames a second are analysed
    (None: every frame, so the camera keeps its own rate)."""
    return None if max_fps is None else max_fps * ECO_CAMERA_FPS_FACTOR


def open_camera(index: int, *, ask_fps: float | None = None,
                clock: Callable[[], float] = time.monotonic) -> GrabbingCapture:
    """Camera `index`, asked for `ask_fps` frames a second when given; SourceError when absent."""
    capture, first, info = open_camera_device(index, clock, ask_fps)
    return GrabbingCapture(capture, info, live=True, clock=clock, fps_asked=ask_fps, first=first)


def open_video_capture(path: str | Path) -> GrabbingCapture | None:
    """A video file played through OpenCV's capture, or None when OpenCV cannot play it.

    Decoded on one thread: a file played at its own speed needs no decoding ahead, and FFmpeg's
    frame threads cost a third more CPU per frame here (0.46 vs 0.31 ms at 640×480)."""
    import cv2

    capture = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG, [cv2.CAP_PROP_N_THREADS, 1])
    if not capture.isOpened():
        capture.release()
        return None
    width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH) or 0)
    height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT) or 0)
    fps = capture.get(cv2.CAP_PROP_FPS) or None
    count = int(capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0) or None
    duration = count / fps if count and fps else None
    info = SourceInfo(str(path), "video", False, width, height, fps, count, duration)
    return GrabbingCapture(capture, info, live=False)


def open_live(spec: Any, *, max_fps: float | None = None) -> Iterable[Any]:
    """What the live page plays: a camera index (asked for a low rate when `max_fps` is set) or a
    file, as a `GrabbingCapture`; a stream, a photo or a file OpenCV cannot play as the
    `open_source` source (already decoded frames). SourceError (one translated line) when the
    input cannot be used."""
    from coach.vision.sources import open_source

    if isinstance(spec, int) or (isinstance(spec, str) and spec.strip().isdigit()):
        return open_camera(int(spec), ask_fps=camera_fps_for(max_fps))
    checked = open_source(spec)  # the same translated lines as everywhere for a bad input
    if checked.info.kind != "video":
        return checked
    capture = open_video_capture(spec)
    if capture is None:
        return checked
    checked.close()
    return capture


def pixels_of(item: Any) -> np.ndarray | None:
    """The pixels of what a live source yielded: a `Grab` (converted now) or a decoded `Frame`."""
    retrieve = getattr(item, "retrieve", None)
    return retrieve() if retrieve is not None else item.image
