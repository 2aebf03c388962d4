"""H.264 MP4 clips of the project's rendered counter scene with a chosen keyframe spacing and
B-frames, for the tests of chunks that seek; optionally with a container that lies about its
packets (a timestamp changed, a keyframe flag the picture does not have), as damaged or badly
muxed files do."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import cv2
import numpy as np

from coach.samples import CLIPS, render

TICKS = 90_000  # the stream's time base, as the project's own writer uses


def frame_times(seconds: float, fps: float) -> list[float]:
    return [index / fps for index in range(round(seconds * fps))]


def write_gop_clip(path: Path, times: Sequence[float], *, rate: int = 15, keyint: int = 30, bframes: int = 3,
                   size: tuple[int, int] = (320, 240), scene: str = "default_session",
                   restamp: dict[int, float] | None = None, keyframe_flags: dict[int, bool] | None = None
                   ) -> Path:
    """Frame `i` of `scene` at `times[i]` (about `rate` a second, as the stream states), a keyframe
    every `keyint` frames, up to `bframes` B-frames in a row (pyramid). `restamp` {frame: time}:
    that frame's packet is stamped with another time; `keyframe_flags` {frame: flag}: that frame's
    packet is flagged as a keyframe or not in the container, whatever the picture is."""
    import av

    clip = next(c for c in CLIPS if c.name == scene)
    stamps = [round(t * TICKS) for t in times]
    restamp = {stamps[index]: round(t * TICKS) for index, t in (restamp or {}).items()}
    flags = {stamps[index]: flag for index, flag in (keyframe_flags or {}).items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"}) as out:
        stream = out.add_stream("libx264", rate=rate)
        stream.width, stream.height, stream.pix_fmt = *size, "yuv420p"
        stream.codec_context.time_base = Fraction(1, TICKS)
        stream.options = {"preset": "veryfast",
                          "x264-params": f"keyint={keyint}:min-keyint={keyint}:scenecut=0:bframes={bframes}"}

        def mux(packets) -> None:
            for packet in packets:
                if packet.pts in flags:
                    packet.is_keyframe = flags[packet.pts]
                if packet.pts in restamp:
                    packet.pts = restamp[packet.pts]
                out.mux(packet)

        for stamp, t in zip(stamps, times, strict=True):
            image = cv2.resize(render(clip, t), size, interpolation=cv2.INTER_AREA)
            picture = av.VideoFrame.from_ndarray(np.ascontiguousarray(image), format="bgr24")
            picture.pts, picture.time_base = stamp, Fraction(1, TICKS)
            mux(stream.encode(picture))
        mux(stream.encode(None))
    return path


def packets(path: Path) -> list[tuple[int, int, bool]]:
    """(pts, dts, keyframe) of every video packet of `path`, in decoding order."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return [(p.pts, p.dts, p.is_keyframe) for p in container.demux(stream) if p.size]
