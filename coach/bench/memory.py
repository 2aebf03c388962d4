"""Memory over a long session: landmarks recorded once from a clip, the engine replayed for hours.

The landmarker runs over a clip once (at the replay's frame rate); the engine then steps
through those observations again and again with time running on — an 8-hour shift at 5 fps
is 144,000 steps — while the caller keeps the events, as `coach.core.Analyzer` does. The
process's resident memory is sampled at fixed intervals of video time (after a garbage
collection), so any growth shows as a rising column rather than hiding in one end figure.
"""

from __future__ import annotations

import dataclasses
import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.bench.probe import rss_bytes
from coach.types import Observation


@dataclass(frozen=True)
class MemorySample:
    video_s: float  # engine time reached
    steps: int
    rss_bytes: int
    events: int  # events kept so far
    wall_s: float  # seconds since the replay started


def record_observations(clip: Path, fps: float, max_seconds: float | None = None,
                        lang: str | None = None) -> list[Observation]:
    """The landmarker's observations of `clip`, about `fps` per second of video."""
    from coach.vision.landmarker import Landmarker
    from coach.vision.sources import open_source

    recorded: list[Observation] = []
    with open_source(clip, target_fps=fps) as source, Landmarker(lang=lang) as landmarker:
        for frame in source:
            if max_seconds is not None and frame.t > max_seconds:
                break
            recorded.append(landmarker.detect(frame))
    return recorded


def replay(observations: Sequence[Observation], hours: float, fps: float, sample_every_s: float, *,
           engine_factory: Callable[[], object] | None = None,
           progress: Callable[[float], None] | None = None) -> list[MemorySample]:
    """Step a fresh engine through `observations`, cycled, for `hours` of video time at `fps`,
    keeping every event; an RSS sample at the start and every `sample_every_s` of video time,
    and one at the end. `progress(fraction)` is called at each sample."""
    if not observations:
        raise ValueError("no observations to replay")
    if hours <= 0 or fps <= 0 or sample_every_s <= 0:
        raise ValueError(f"hours, fps and sample_every_s must be above 0, "
                         f"got {hours}, {fps}, {sample_every_s}")
    if engine_factory is None:
        from coach.engine import Engine

        def engine_factory():
            return Engine(source="bench-replay")

    engine = engine_factory()
    total = int(round(hours * 3600 * fps))
    every = max(1, int(round(sample_every_s * fps)))
    events: list = []
    samples: list[MemorySample] = []
    started = time.perf_counter()

    def take(steps: int, video_s: float) -> None:
        gc.collect()
        samples.append(MemorySample(video_s, steps, rss_bytes(), len(events), time.perf_counter() - started))
        if progress is not None:
            progress(steps / total)

    take(0, 0.0)
    count = len(observations)
    for k in range(total):
        t = k / fps
        obs = dataclasses.replace(observations[k % count], t=t, frame_index=k)
        events.extend(engine.step(obs).events)
        if (k + 1) % every == 0 and k + 1 < total:
            take(k + 1, t)
    events.extend(engine.finish((total - 1) / fps))
    take(total, (total - 1) / fps)
    return samples


def growth_mib_per_hour(samples: Sequence[MemorySample]) -> float | None:
    """RSS growth over the second half of the replay (after start-up allocations settle), MiB per
    hour of video time; None with too few samples."""
    if len(samples) < 3:
        return None
    last = samples[-1]
    middle = min(samples, key=lambda s: abs(s.video_s - last.video_s / 2))
    hours = (last.video_s - middle.video_s) / 3600
    if hours <= 0:
        return None
    return (last.rss_bytes - middle.rss_bytes) / 2**20 / hours
