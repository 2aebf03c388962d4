"""Review speed: `python -m coach review` on a 720p30 clip, in video-seconds per wall-second.

`run_settings` runs the command on one file as a trainer types it (the defaults, or every frame),
so the review's own choices (its rate, a long file cut into a chunk per core) are what is timed.

Runs the real command in child processes, as a trainer would, so start-up and model loading
count. "All cores" means one job per usable core, each reviewing its own copy of the clip: with
`--jobs` when `python -m coach review` has it (the batch runner), else that many review
commands side by side. Each configuration runs with and without `--stride`. When the command
can cut a video into chunks (`--chunk-seconds`), one copy cut into one chunk per job shows how
fast a single long recording goes on all cores.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.bench.probe import cpu_seconds
from coach.errors import CoachError


@dataclass(frozen=True)
class ReviewRun:
    jobs: int
    files: int  # copies of the clip reviewed
    chunked: bool  # one file cut into `jobs` chunks
    stride: int
    video_s: float  # seconds of video reviewed, all copies together
    frames: int  # frames analysed, all copies together
    wall_s: float  # from starting the command(s) to the last one ending
    cpu_s: float  # CPU seconds of the child processes
    used_jobs_option: bool  # the command's own --jobs did the fan-out
    flags: tuple[str, ...] = ()  # the review command's options (run_settings)

    @property
    def speed(self) -> float:
        """Video-seconds reviewed per wall-second."""
        return self.video_s / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def frames_per_s(self) -> float:
        return self.frames / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def core_share(self) -> float:
        return self.cpu_s / self.wall_s if self.wall_s > 0 else 0.0


def review_accepts(*option: str) -> bool:
    """Whether `python -m coach review` accepts `option` (e.g. "--jobs", "2"): asked of the command
    itself, as the bench runs it (a program, not a module this package imports)."""
    flag = option[0]
    command = [sys.executable, "-m", "coach", "review", "--help"]
    env = {**os.environ, "PYTHONPATH": _pythonpath(), "COACH_LANG": "en"}
    shown = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    return shown.returncode == 0 and flag in shown.stdout


def review_has_jobs() -> bool:
    """Whether `python -m coach review` accepts `--jobs N` (the batch runner)."""
    return review_accepts("--jobs", "2")


def review_has_chunks() -> bool:
    """Whether `python -m coach review` can cut one video into chunks (`--chunk-seconds S`)."""
    return review_has_jobs() and review_accepts("--chunk-seconds", "5")


class ReviewError(CoachError):
    """A review command failed: a code and values, translated where shown."""


def run_review(clip: Path, clip_seconds: float, workdir: Path, jobs: int, stride: int,
               *, chunked: bool = False) -> ReviewRun:
    """Review `jobs` copies of `clip` on `jobs` cores with `--stride stride` (or, `chunked`, one
    copy cut into `jobs` chunks); outputs go to `workdir`."""
    files = 1 if chunked else jobs
    folder = workdir / f"in_j{jobs}_s{stride}{'_chunks' if chunked else ''}"
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for i in range(files):
        copy = folder / f"clip{i}{clip.suffix}"
        if not copy.exists():
            try:
                os.link(clip, copy)
            except OSError:
                shutil.copyfile(clip, copy)
        copies.append(copy)
    base = [sys.executable, "-m", "coach", "review", "-q", "--lang", "en", "--stride", str(stride)]
    with_jobs = jobs > 1 and review_has_jobs()
    if chunked:
        outdirs = [folder.with_name(folder.name.replace("in_", "out_"))]
        chunk = ["--chunk-seconds", repr(_stated_duration(clip, clip_seconds) / jobs)]
        commands = [base + [str(copies[0]), "-o", str(outdirs[0]), "--jobs", str(jobs)] + chunk]
    elif with_jobs or jobs == 1:
        outdirs = [workdir / f"out_j{jobs}_s{stride}"]
        commands = [base + [str(folder if jobs > 1 else copies[0]), "-o", str(outdirs[0])]
                    + (["--jobs", str(jobs)] if with_jobs else [])]
    else:
        outdirs = [workdir / f"out_j{jobs}_s{stride}_{i}" for i in range(jobs)]
        commands = [base + [str(copy), "-o", str(out)] for copy, out in zip(copies, outdirs, strict=True)]
    env = dict(os.environ, PYTHONPATH=_pythonpath())
    children_cpu = cpu_seconds(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    processes = [subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True) for command in commands]
    failures = []
    for process in processes:
        _, err = process.communicate()
        if process.returncode != 0:
            failures.append((err or "").strip().splitlines()[-1:] or [f"exit {process.returncode}"])
    wall = time.perf_counter() - started
    cpu = cpu_seconds(resource.RUSAGE_CHILDREN) - children_cpu
    if failures:
        raise ReviewError("bench.error.review_failed", detail=failures[0][0])
    frames = sum(_frames_analysed(out) for out in outdirs)
    return ReviewRun(jobs, files, chunked, stride, clip_seconds * files, frames, wall, cpu, with_jobs)


def run_settings(clip: Path, clip_seconds: float, workdir: Path, name: str, flags: Sequence[str]
                 ) -> ReviewRun:
    """`python -m coach review CLIP -o OUT *flags` on one file, as a trainer types it: with no
    flags, the review's defaults (its rate, and a long file cut into a chunk per core)."""
    outdir = workdir / f"out_{name}"
    command = [sys.executable, "-m", "coach", "review", str(clip), "-o", str(outdir), "-q", "--lang", "en",
               *flags]
    env = dict(os.environ, PYTHONPATH=_pythonpath())
    children_cpu = cpu_seconds(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          check=False)
    wall = time.perf_counter() - started
    cpu = cpu_seconds(resource.RUSAGE_CHILDREN) - children_cpu
    if done.returncode != 0:
        last = (done.stderr or "").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        raise ReviewError("bench.error.review_failed", detail=last[0])
    from coach.review_defaults import auto_chunk_seconds

    jobs = int(flags[list(flags).index("--jobs") + 1]) if "--jobs" in flags else os.cpu_count() or 1
    chunked = auto_chunk_seconds(_stated_duration(clip, clip_seconds), jobs, 1) is not None
    return ReviewRun(jobs if chunked else 1, 1, chunked, 1, clip_seconds, _frames_analysed(outdir), wall, cpu,
                     used_jobs_option="--jobs" in flags, flags=tuple(flags))


def _stated_duration(clip: Path, fallback: float) -> float:
    """The clip's length as its container states it: what the review command cuts into chunks
    (passed on exactly, so `jobs` chunks come out rather than one more or none)."""
    from coach.vision.sources import SourceError, open_source

    try:
        with open_source(clip) as source:
            return source.info.duration_s or fallback
    except SourceError:
        return fallback


def _frames_analysed(outdir: Path) -> int:
    try:
        summary = json.loads((outdir / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    totals = summary.get("totals") or {}
    if "frames_analysed" in totals:
        return int(totals["frames_analysed"])
    return sum(int(entry.get("frames_analysed") or 0) for entry in summary.get("files", []))


def _pythonpath() -> str:
    """The project root first, so the children import this very checkout of `coach`."""
    root = str(Path(__file__).resolve().parents[2])
    existing = os.environ.get("PYTHONPATH")
    return root if not existing else root + os.pathsep + existing
