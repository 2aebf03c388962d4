"""The all-day eco mode: CPU share of a live 30 fps source analysed at full rate vs at a few fps.

A stand-in camera delivers the sample clip's pictures at `source_fps` in real time (decoding
each, as a camera's frames are captured whether or not they are analysed), for `span_s`
seconds of wall time. Like a live camera it keeps only the newest frame: when the analysis
falls behind, frames whose successor is already due are dropped. `FramePacer` then decides
which of the frames taken are analysed (landmarks + engine + overlay). The process's CPU time
over the span, divided by the span, is the share of one core the coach kept busy.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from coach.bench.probe import Usage, sample, usage_between
from coach.types import Frame
from coach.vision.pacer import FramePacer


@dataclass(frozen=True)
class EcoResult:
    max_fps: float | None  # None: every frame the source delivers (full rate)
    source_fps: float
    span_s: float
    delivered: int  # frames the source produced during the span
    dropped: int  # frames already stale when read (the analysis was behind)
    analysed: int
    usage: Usage

    @property
    def analysed_per_s(self) -> float:
        return self.analysed / self.usage.wall_s if self.usage.wall_s > 0 else 0.0


def simulate_live(pictures: Iterator[np.ndarray], analyse: Callable[[Frame], object], pacer: FramePacer, *,
                  source_fps: float = 30.0, span_s: float = 20.0,
                  clock: Callable[[], float] = time.perf_counter,
                  sleep: Callable[[float], None] = time.sleep) -> EcoResult:
    """Deliver `pictures` as a live source at `source_fps` for `span_s` seconds and analyse the
    frames `pacer` picks. Frame k is due at k / source_fps seconds after the start and carries
    that time; a frame read after its successor was due is dropped (stale)."""
    if source_fps <= 0 or span_s <= 0:
        raise ValueError(f"source_fps and span_s must be above 0, got {source_fps} and {span_s}")
    period = 1.0 / source_fps
    delivered = dropped = analysed = 0
    start = sample()
    origin = clock()
    k = 0
    while k * period < span_s:
        due = k * period
        ahead = due - (clock() - origin)
        if ahead > 0:
            sleep(ahead)
        picture = next(pictures)
        delivered += 1
        if clock() - origin - due > period:
            dropped += 1
        elif pacer.due(due):
            analyse(Frame(t=due, index=k, image=picture))
            analysed += 1
        k += 1
    end = sample()
    return EcoResult(pacer.max_fps, source_fps, span_s, delivered, dropped, analysed,
                     usage_between(start, end))


class LiveAnalysis:
    """What the live worker does with an analysed frame: landmarks, engine step, overlay."""

    def __init__(self, lang: str | None = None) -> None:
        from coach.engine import Engine
        from coach.vision.landmarker import Landmarker

        self.lang = lang
        self.landmarker = Landmarker(lang=lang)
        self.engine = Engine(source="bench-live")
        self._last_t: float | None = None
        self._offset = 0.0

    def __call__(self, frame: Frame):
        from coach.vision.overlay import draw

        t = frame.t + self._offset
        if self._last_t is not None and t < self._last_t:
            # A new run starts its clock at 0 again: keep the engine's time rising.
            self._offset += self._last_t - t + 1e-3
            t = frame.t + self._offset
        self._last_t = t
        timed = Frame(t=t, index=frame.index, image=frame.image)
        obs = self.landmarker.detect(timed)
        step = self.engine.step(obs)
        return draw(frame.image, obs, step.record, lang=self.lang)

    def close(self) -> None:
        self.landmarker.close()


def combined(results: list[EcoResult]) -> EcoResult:
    """Several runs of one mode (alternated with the other mode to share the machine's mood) as one."""
    if not results:
        raise ValueError("no results to combine")
    first = results[0]
    return EcoResult(
        first.max_fps, first.source_fps, sum(r.span_s for r in results), sum(r.delivered for r in results),
        sum(r.dropped for r in results), sum(r.analysed for r in results),
        Usage(wall_s=sum(r.usage.wall_s for r in results), cpu_s=sum(r.usage.cpu_s for r in results)),
    )
