"""Does a cheaper review rate tell the trainer the same story? Events and shares per candidate
rate against every-frame analysis, on real clips (the evidence behind `coach.review_defaults`).

Each clip is reviewed through `coach.core.review_file` at every frame (Pose on every frame) and
at each candidate (frames analysed per second, Pose rate), each run with fresh models, as a
review runs. A candidate agrees on a clip when:

* the smile count is the same;
* every kind of event has as many events, and each onset (in order) is within
  `ONSET_TOLERANCE_S` of the every-frame run's;
* every share of time in the summary (face found, smiling, eye contact, good posture per mode)
  is within `SHARE_TOLERANCE` (a mode seen in one run only counts as a difference of its share).

Clips run in parallel, one process per core (each a clip's every-frame run and all its
candidates, one after the other); CPU seconds are each process's own.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

Rate = tuple[float | None, float | None]  # (frames analysed per second or None = every frame, Pose rate)
EVERY_FRAME: Rate = (None, None)


@dataclass(frozen=True)
class RunFigures:
    """What one review of one clip at one rate said, and what it cost."""

    frames: int
    cpu_s: float
    smiles: int
    onsets: dict[str, tuple[float, ...]]  # event kind -> starts, in order
    shares: dict[str, float | None]


@dataclass(frozen=True)
class ClipAgreement:
    """One candidate against every frame, on one clip."""

    clip: str
    same_smiles: bool
    same_events: bool  # as many events of each kind
    onset_gap_s: float  # the largest onset difference of matched events (inf: counts differ)
    share_gap: float  # the largest share difference (0..1)
    frames: int
    reference_frames: int
    cpu_s: float
    reference_cpu_s: float

    def agrees(self, onset_tolerance_s: float, share_tolerance: float) -> bool:
        return (self.same_smiles and self.same_events and self.onset_gap_s <= onset_tolerance_s + 1e-9
                and self.share_gap <= share_tolerance + 1e-9)


@dataclass
class RateAgreement:
    """One candidate over all clips."""

    rate: Rate
    clips: list[ClipAgreement] = field(default_factory=list)

    def agreeing(self, onset_tolerance_s: float, share_tolerance: float) -> int:
        return sum(c.agrees(onset_tolerance_s, share_tolerance) for c in self.clips)

    @property
    def same_smiles(self) -> int:
        return sum(c.same_smiles for c in self.clips)

    @property
    def worst_onset_s(self) -> float:
        return max((c.onset_gap_s for c in self.clips), default=0.0)

    @property
    def worst_share(self) -> float:
        return max((c.share_gap for c in self.clips), default=0.0)

    @property
    def frame_share(self) -> float:
        """Frames analysed, as a share of every frame (all clips)."""
        reference = sum(c.reference_frames for c in self.clips)
        return sum(c.frames for c in self.clips) / reference if reference else 0.0

    @property
    def cpu_ratio(self) -> float:
        reference = sum(c.reference_cpu_s for c in self.clips)
        return sum(c.cpu_s for c in self.clips) / reference if reference else 0.0


def review_figures(path: Path, rate: Rate) -> RunFigures:
    """Review `path` at `rate` (fresh models) and keep what the comparison needs."""
    from coach.core import AnalyzerOptions, review_file

    fps, pose_fps = rate
    started = time.process_time()
    outcome = review_file(path, (), AnalyzerOptions(fps=fps, pose_max_fps=pose_fps))
    cpu = time.process_time() - started
    onsets: dict[str, list[float]] = {}
    seen: set[tuple[str, float]] = set()
    for event in outcome.events:  # an event may be given open, then closed: count it once
        key = (event.kind, round(float(event.start), 3))
        if key not in seen:
            seen.add(key)
            onsets.setdefault(event.kind, []).append(float(event.start))
    summary = outcome.summary
    return RunFigures(outcome.frames, cpu, int(summary["smiles"]["count"]),
                      {kind: tuple(sorted(starts)) for kind, starts in onsets.items()},
                      flat_shares(summary["shares"]))


def flat_shares(shares: dict, prefix: str = "") -> dict[str, float | None]:
    """The summary's shares as one level: {"smiling": …, "good_posture.upper_body": …}."""
    flat: dict[str, float | None] = {}
    for name, value in shares.items():
        if isinstance(value, dict):
            flat.update(flat_shares(value, f"{prefix}{name}."))
        else:
            flat[prefix + name] = None if value is None else float(value)
    return flat


def compare(clip: str, reference: RunFigures, candidate: RunFigures) -> ClipAgreement:
    kinds = set(reference.onsets) | set(candidate.onsets)
    same_events = all(len(reference.onsets.get(k, ())) == len(candidate.onsets.get(k, ())) for k in kinds)
    gap = 0.0
    if same_events:
        for kind in kinds:
            for a, b in zip(reference.onsets.get(kind, ()), candidate.onsets.get(kind, ()), strict=True):
                gap = max(gap, abs(a - b))
    else:
        gap = math.inf
    share_gap = 0.0
    for name in set(reference.shares) | set(candidate.shares):
        a, b = reference.shares.get(name), candidate.shares.get(name)
        if a is None and b is None:
            continue
        share_gap = max(share_gap, abs((a or 0.0) - (b or 0.0)))
    return ClipAgreement(clip, reference.smiles == candidate.smiles, same_events, gap, share_gap,
                         candidate.frames, reference.frames, candidate.cpu_s, reference.cpu_s)


def _clip_runs(path: str, rates: tuple[Rate, ...]) -> tuple[str, RunFigures, list[RunFigures]]:
    import os

    os.environ.setdefault("GLOG_minloglevel", "2")
    reference = review_figures(Path(path), EVERY_FRAME)
    return path, reference, [review_figures(Path(path), rate) for rate in rates]


def measure(clips: Sequence[Path], rates: Sequence[Rate], jobs: int,
            progress: Callable[[str], None] | None = None) -> list[RateAgreement]:
    """Every clip at every frame and at each of `rates`, compared; one process per core."""
    import multiprocessing

    results = [RateAgreement(rate) for rate in rates]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context) as pool:
        futures = [pool.submit(_clip_runs, str(path), tuple(rates)) for path in clips]
        for future in futures:
            path, reference, runs = future.result()
            if progress is not None:
                progress(Path(path).name)
            for result, run in zip(results, runs, strict=True):
                result.clips.append(compare(Path(path).name, reference, run))
    return results


def cheapest_agreeing(results: Sequence[RateAgreement], onset_tolerance_s: float, share_tolerance: float
                      ) -> RateAgreement | None:
    """The candidate with the least CPU that agrees on every clip."""
    agreeing = [result for result in results
                if result.clips and result.agreeing(onset_tolerance_s, share_tolerance) == len(result.clips)]
    return min(agreeing, key=lambda r: r.cpu_ratio, default=None)
