"""Process measurements for the benchmarks: CPU time, resident memory, per-call timers.

CPU time is the whole process's (every thread: MediaPipe runs its own thread pool), from
`resource.getrusage`; divided by wall time it is the share of one core the process kept busy
(above 1.0 when several cores worked at once).
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass, field

_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class ProcessSample:
    """One look at this process: wall clock, CPU seconds used so far (all threads), RSS now."""

    wall_s: float  # time.perf_counter()
    cpu_s: float  # user + system seconds of this process so far
    rss_bytes: int  # resident set size now (peak size where "now" cannot be read)


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    """User + system CPU seconds used so far by this process (or, with RUSAGE_CHILDREN, its
    children that have ended)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def rss_bytes() -> int:
    """Resident memory of this process now: /proc/self/statm on Linux, else the peak from getrusage."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE_BYTES
    except (OSError, IndexError, ValueError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if os.uname().sysname == "Darwin" else peak * 1024  # bytes on macOS, KiB elsewhere


def sample() -> ProcessSample:
    return ProcessSample(wall_s=time.perf_counter(), cpu_s=cpu_seconds(), rss_bytes=rss_bytes())


@dataclass(frozen=True)
class Usage:
    """CPU and wall time between two samples."""

    wall_s: float
    cpu_s: float

    @property
    def core_share(self) -> float:
        """CPU time over wall time: 1.0 = one core busy the whole time."""
        return self.cpu_s / self.wall_s if self.wall_s > 0 else 0.0


def usage_between(start: ProcessSample, end: ProcessSample) -> Usage:
    return Usage(wall_s=max(0.0, end.wall_s - start.wall_s), cpu_s=max(0.0, end.cpu_s - start.cpu_s))


@dataclass
class StageTimes:
    """Wall and CPU seconds per call of each named stage, in the order the stages were first seen."""

    wall: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)

    def add(self, stage: str, wall_s: float, cpu_s: float = 0.0) -> None:
        self.wall.setdefault(stage, []).append(wall_s)
        self.cpu.setdefault(stage, []).append(cpu_s)

    def time(self, stage: str, call, *args, **kwargs):
        """Run `call(*args, **kwargs)`, record its wall and CPU time under `stage`, return its result."""
        cpu0, wall0 = time.process_time(), time.perf_counter()
        result = call(*args, **kwargs)
        self.add(stage, time.perf_counter() - wall0, time.process_time() - cpu0)
        return result

    def merge_frame(self, frame: StageTimes) -> None:
        """Add one frame's times: each stage's calls in that frame summed into one value."""
        for stage in frame.stages():
            self.add(stage, sum(frame.wall[stage]), sum(frame.cpu[stage]))

    def stages(self) -> list[str]:
        return list(self.wall)

    def count(self, stage: str) -> int:
        return len(self.wall.get(stage, ()))

    def total_s(self, stage: str, cpu: bool = False) -> float:
        return sum((self.cpu if cpu else self.wall).get(stage, ()))

    def mean_ms(self, stage: str) -> float:
        values = self.wall.get(stage) or [0.0]
        return 1000.0 * sum(values) / len(values)

    def mean_cpu_ms(self, stage: str) -> float:
        values = self.cpu.get(stage) or [0.0]
        return 1000.0 * sum(values) / len(values)
