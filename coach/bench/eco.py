"""The all-day eco mode: CPU share of a live 30 fps source analysed at full rate vs at a few fps.

This drives the live page's own worker (`coach.panel.live_worker.CaptureWorker`), playing a
30 fps clip at its own speed in a loop, as the page does with the bundled sample when there is
no camera: frames are decoded as they fall due, dropped when the analysis is more than a
moment behind (like a live camera's), and the worker's `FramePacer` picks those analysed
(landmarks + engine + overlay). The worker runs a little first so model loading stays outside
the measured span; the process's CPU time over the span, divided by the span, is the share of
one core the coach kept busy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from coach.bench.probe import Usage, sample, usage_between


@dataclass(frozen=True)
class EcoResult:
    max_fps: float | None  # None: every frame the source delivers (full rate)
    span_s: float
    delivered: int  # frames the source produced during the span
    dropped: int  # frames dropped because the analysis was behind
    analysed: int
    usage: Usage

    @property
    def analysed_per_s(self) -> float:
        return self.analysed / self.usage.wall_s if self.usage.wall_s > 0 else 0.0


def run_live(clip: Path, max_fps: float | None, span_s: float, *, warmup_s: float = 2.0,
             lang: str | None = None, poll_s: float = 0.5) -> EcoResult:
    """Play `clip` (looping) through a live capture worker capped at `max_fps`; measure `span_s`
    seconds after `warmup_s` seconds of running in."""
    from coach.panel.live_worker import CaptureWorker, FrameAnalyzer
    from coach.settings import Settings
    from coach.vision.sources import open_source

    if span_s <= 0 or warmup_s < 0:
        raise ValueError(f"span_s must be above 0 and warmup_s 0 or more, got {span_s} and {warmup_s}")
    analyzer = FrameAnalyzer(Settings(), "bench-live", lang=lang)
    worker = CaptureWorker(analyzer, open_source(clip), paced=True,
                           reopen=lambda: open_source(clip), label=clip.name, max_fps=max_fps)
    worker.start()
    try:
        _wait(worker, warmup_s, poll_s)
        before = _counts(worker)
        start = sample()
        _wait(worker, span_s, poll_s)
        end = sample()
        after = _counts(worker)
    finally:
        worker.stop()
    if worker.error:
        raise RuntimeError(worker.error)
    offered, taken, dropped = (b - a for a, b in zip(before, after, strict=True))
    return EcoResult(max_fps, span_s, offered + dropped, dropped, taken, usage_between(start, end))


def _counts(worker) -> tuple[int, int, int]:
    return worker.pacer.offered, worker.pacer.taken, worker.stats.dropped


def _wait(worker, seconds: float, poll_s: float) -> None:
    """Let the worker run for `seconds`, draining its readings as the page would."""
    deadline = time.perf_counter() + seconds
    while (left := deadline - time.perf_counter()) > 0:
        time.sleep(min(poll_s, left))
        worker.poll()
        if worker.error or worker.finished:
            return


def combined(results: list[EcoResult]) -> EcoResult:
    """Several runs of one mode (alternated with the other mode to share the machine's mood) as one."""
    if not results:
        raise ValueError("no results to combine")
    first = results[0]
    return EcoResult(
        first.max_fps, sum(r.span_s for r in results), sum(r.delivered for r in results),
        sum(r.dropped for r in results), sum(r.analysed for r in results),
        Usage(wall_s=sum(r.usage.wall_s for r in results), cpu_s=sum(r.usage.cpu_s for r in results)),
    )
