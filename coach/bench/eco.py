"""The all-day eco mode: CPU share of a live 30 fps source analysed at full rate vs at a few fps.

This drives the live page's own worker (`coach.panel.live_worker.CaptureWorker`), playing a
30 fps clip at its own speed in a loop, as the page does with the bundled sample when there is
no camera (`coach.vision.live_capture.open_live`: OpenCV grabs every frame as it falls due and
converts only those analysed, as it does for a camera); frames are dropped when the analysis is
more than a moment behind (like a live camera's), and the worker's `FramePacer` picks those
analysed (landmarks + engine). `viewed`: a page shows the picture, refreshing as often as
the live page does (the overlay drawn and the JPEG made for each refresh with a new frame);
otherwise nobody looks and nothing is drawn. `decode_all` plays the clip through the decoded
source instead (every frame converted to pixels), as the live page did before. The worker runs a
little first so model loading stays outside the measured span; the process's CPU time over the
span, divided by the span, is the share of one core the coach kept busy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from coach.bench.probe import Usage, sample, usage_between

# How often the live page asked for the picture in every mode, eco included, before eco mode got a
# slower refresh of its own (coach.panel.refresh): the "as before" row is measured with it.
REFRESH_BEFORE_S = 0.2


@dataclass(frozen=True)
class EcoResult:
    max_fps: float | None  # None: every frame the source delivers (full rate)
    span_s: float
    delivered: int  # frames the source produced during the span
    dropped: int  # frames dropped because the analysis was behind
    analysed: int
    usage: Usage
    converted: int | None = None  # frames turned into pixels (None: every frame decoded)
    pose_runs: int = 0
    overlays: int = 0  # overlays drawn for the page
    viewed: bool = False

    @property
    def analysed_per_s(self) -> float:
        return self.analysed / self.usage.wall_s if self.usage.wall_s > 0 else 0.0



def run_live(clip: Path, max_fps: float | None, span_s: float, *, warmup_s: float = 2.0,
             poll_s: float = 0.5, viewed: bool = False, decode_all: bool = False,
             pose_max_fps: float | None | str = "auto", refresh_s: float | None = None) -> EcoResult:
    """Play `clip` (looping) through a live capture worker capped at `max_fps`; measure `span_s`
    seconds after `warmup_s` seconds of running in. `viewed`: a page asks for the picture every
    `refresh_s` (by default as often as the live page does at this rate, `coach.panel.refresh`);
    `decode_all`: every frame converted to pixels (the decoded source)."""
    from coach.panel.live_worker import CaptureWorker, FrameAnalyzer
    from coach.panel.refresh import page_refresh_s
    from coach.settings import Settings
    from coach.vision.live_capture import open_live
    from coach.vision.sources import open_source

    if span_s <= 0 or warmup_s < 0:
        raise ValueError(f"span_s must be above 0 and warmup_s 0 or more, got {span_s} and {warmup_s}")
    opener = (lambda: open_source(clip)) if decode_all else (lambda: open_live(clip))
    analyzer = FrameAnalyzer(Settings(), "bench-live", pose_max_fps=pose_max_fps)
    worker = CaptureWorker(analyzer, opener(), paced=True, reopen=opener, label=clip.name, max_fps=max_fps)
    if refresh_s is None:
        refresh_s = page_refresh_s(max_fps, show_picture=True)
    if not viewed:
        refresh_s = poll_s
    worker.start()
    try:
        _wait(worker, warmup_s, refresh_s, viewed)
        before = _counts(worker)
        start = sample()
        _wait(worker, span_s, refresh_s, viewed)
        end = sample()
        after = _counts(worker)
    finally:
        worker.stop()
    if worker.error:
        raise RuntimeError(worker.error)
    offered, taken, dropped, converted, pose_runs, overlays = (
        b - a for a, b in zip(before, after, strict=True))
    return EcoResult(max_fps, span_s, offered + dropped, dropped, taken, usage_between(start, end),
                     None if decode_all else converted, pose_runs, overlays, viewed)


def _counts(worker) -> tuple[int, int, int, int, int, int]:
    converted = worker.converted or 0
    pose_runs = getattr(worker.analyzer._landmarker, "pose_runs", 0)
    return (worker.pacer.offered, worker.pacer.taken, worker.stats.dropped, converted, pose_runs,
            worker.overlays_drawn)


def _wait(worker, seconds: float, poll_s: float, viewed: bool = False) -> None:
    """Let the worker run for `seconds`, draining its readings as the page would (and, when
    `viewed`, showing the picture: overlay and JPEG, as the live page's refresh does)."""
    from coach.panel.view import jpeg_html

    deadline = time.perf_counter() + seconds
    while (left := deadline - time.perf_counter()) > 0:
        time.sleep(min(poll_s, left))
        worker.poll()
        if viewed and (image := worker.latest_image) is not None:
            jpeg_html(image)
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
        None if first.converted is None else sum(r.converted or 0 for r in results),
        sum(r.pose_runs for r in results), sum(r.overlays for r in results), first.viewed,
    )


@dataclass(frozen=True)
class CameraRate:
    """What a camera said when asked for a low frame rate."""

    index: int
    found: bool
    asked: float | None = None
    reported: float | None = None
    honoured: bool | None = None


def check_camera_rate(index: int, ask_fps: float) -> CameraRate:
    """Open camera `index` as the live page does in eco mode (asking for `ask_fps`) and say what
    it reports; `found` False when there is no camera."""
    from coach.vision.live_capture import open_camera
    from coach.vision.sources import SourceError

    try:
        capture = open_camera(index, ask_fps=ask_fps)
    except SourceError:
        return CameraRate(index, False, ask_fps)
    with capture:
        return CameraRate(index, True, ask_fps, capture.fps_reported, capture.fps_honoured)
