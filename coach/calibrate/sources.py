"""Calibration fed from cameras, video files, streams or pictures: the one loop behind
`python -m coach calibrate` and the panel's calibration page."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

from coach.calibrate.procedure import STEPS, Calibration, Progress
from coach.types import Observation

REPLAY_FPS = 5.0  # a picture is shown to the calibration this many times per second of its time
VIDEO_FPS = 10.0  # frames per second analysed from a video file
CAMERA_START_S = 1.0  # gap between one source's last frame and the next source's first


def check_sources(sources: list[str]) -> None:
    """Open and close every file or stream source first, so a bad one fails before any waiting."""
    from coach.vision.sources import open_source

    for spec in sources:
        if not spec.strip().isdigit():
            open_source(spec).close()


def feed_sources(run: Calibration, sources: list[str], on_progress: Callable[[Progress], None]
                 ) -> None:
    """Feed the calibration from the sources (one per step at most; the last one serves the rest)
    until it finishes or a source runs out, calling `on_progress` after every frame. Used by `python
    -m coach calibrate` and by the panel's calibration page. Raises SourceError when a source
    cannot be opened."""
    from coach.vision.landmarker import Landmarker

    with Landmarker(static_image_mode=False) as landmarker:
        offset = 0.0
        last_t = 0.0
        current: int | None = None
        stream: Iterator[tuple[float, Observation]] = iter(())
        while not (run.done or run.failed):
            wanted = min(STEPS.index(run.step), len(sources) - 1)
            if wanted != current:
                current = wanted
                offset = last_t + (CAMERA_START_S if last_t else 0.0)
                stream = _observations(sources[wanted], landmarker)
            item = next(stream, None)
            if item is None:
                return
            local_t, obs = item
            last_t = offset + local_t
            on_progress(run.feed(dataclasses.replace(obs, t=last_t)))


def _observations(spec: str, landmarker) -> Iterator[tuple[float, Observation]]:
    """(seconds since this source started, observation) — a picture repeats, looked at once."""
    from coach.vision.sources import open_source

    live = spec.strip().isdigit() or "://" in spec
    with open_source(spec, target_fps=None if live else VIDEO_FPS) as source:
        if source.info.kind == "image":
            frame = next(iter(source))
            seen = landmarker.detect(frame)
            index = 0
            while True:
                yield index / REPLAY_FPS, dataclasses.replace(seen, frame_index=index)
                index += 1
        start: float | None = None
        for frame in source:
            start = frame.t if start is None else start
            yield frame.t - start, landmarker.detect(frame)
