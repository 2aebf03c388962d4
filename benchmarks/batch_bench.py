"""Batch review speed: videos per minute and video-seconds per wall-second, for 1 and 2 local
worker processes and for a local Ray, on the project's own sample clips.

    .venv/bin/python benchmarks/batch_bench.py                 # print the table
    .venv/bin/python benchmarks/batch_bench.py --record        # also write it into RESULTS.md

Each configuration reviews the same folder from scratch (--force) with `coach.batch.run_batch`:
worker start-up and model loading are included, as a user would see them. Ray's own start-up
(ray.init) is timed apart and left out of its rows, since a cluster is normally already running.
The "## Batch review" section of benchmarks/RESULTS.md is replaced (or appended); the rest of
the file belongs to other benchmarks and is left as it is.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADING = "## Batch review"


@dataclass
class Row:
    config: str
    videos: int
    video_s: float
    frames: int
    wall_s: float

    @property
    def videos_per_minute(self) -> float:
        return 60.0 * self.videos / self.wall_s

    @property
    def speed(self) -> float:
        return self.video_s / self.wall_s


def build_clips(folder: Path) -> list[Path]:
    from coach import samples

    return samples.build(folder)


def measure(folder: Path, outdir: Path, label: str, **options) -> Row:
    from coach.batch import BatchOptions, run_batch
    from coach.review import ReviewOptions

    review = ReviewOptions(stride=options.pop("stride"), lang="en", progress=False)
    started = time.perf_counter()
    options = BatchOptions(review=review, force=True, **options)
    report = run_batch(folder, outdir, options, show_progress=False)
    wall = time.perf_counter() - started
    done = [entry["summary"] for entry in report.entries if entry["status"] == "done"]
    if report.failed:
        raise SystemExit(f"{label}: failed files {report.failed}")
    video_s = sum(s["video_seconds"] for s in done)
    return Row(label, len(done), video_s, sum(s["frames_analysed"] for s in done), wall)


def table(rows: list[Row]) -> list[str]:
    lines = ["| configuration | videos | video s | frames analysed | wall s | videos per minute | "
             "video-s per wall-s | × 1 job |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    base = rows[0].speed
    for row in rows:
        lines.append(f"| {row.config} | {row.videos} | {row.video_s:.1f} | {row.frames} | {row.wall_s:.1f} | "
                     f"{row.videos_per_minute:.1f} | {row.speed:.2f} | ×{row.speed / base:.2f} |")
    return lines


def record(section: list[str]) -> None:
    """Replace (or append) this benchmark's section of RESULTS.md, re-read right before writing."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n"
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == HEADING), None)
    if start is None:
        new = [*lines, "", *section]
    else:
        end = next((i for i in range(start + 1, len(lines))
                    if lines[i].startswith("## ") or lines[i].startswith("<!-- ")), len(lines))
        new = [*lines[:start], *section, *([""] if end < len(lines) else []), *lines[end:]]
    RESULTS.write_text("\n".join(new).rstrip("\n") + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stride", type=int, default=3, help="analyse every N-th frame (default 3)")
    parser.add_argument("--chunk-seconds", type=float, default=5.0,
                        help="chunk length for the chunked Ray row (default 5: the 20 s clip in 4 chunks)")
    parser.add_argument("--no-ray", action="store_true", help="leave out the Ray rows")
    parser.add_argument("--record", action="store_true", help="write the table into benchmarks/RESULTS.md")
    args = parser.parse_args()

    rows: list[Row] = []
    notes: list[str] = []
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="coach-batch-bench-") as tmp:
        folder = Path(tmp) / "clips"
        clips = build_clips(folder)
        print(f"{len(clips)} sample clips in {folder}", flush=True)
        for jobs in (1, 2):
            rows.append(measure(folder, Path(tmp) / f"local{jobs}", f"local, --jobs {jobs}",
                                stride=args.stride, jobs=jobs))
            print(table(rows)[-1], flush=True)
        if not args.no_ray:
            try:
                import ray
            except ImportError:
                notes.append("Ray rows left out: ray is not installed.")
            else:
                started = time.perf_counter()
                ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
                         runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
                notes.append(f"Ray started locally with 2 CPUs in {time.perf_counter() - started:.1f} s "
                             "(not counted in its rows).")
                try:
                    rows.append(measure(folder, Path(tmp) / "ray", "Ray (local, 2 CPUs), one task per video",
                                        stride=args.stride, engine="ray"))
                    print(table(rows)[-1], flush=True)
                    rows.append(measure(folder, Path(tmp) / "ray_chunks",
                                        f"Ray (local, 2 CPUs), --chunk-seconds {args.chunk_seconds:g}",
                                        stride=args.stride, engine="ray", chunk_seconds=args.chunk_seconds))
                    print(table(rows)[-1], flush=True)
                finally:
                    ray.shutdown()

    if load_before is not None:
        notes.append(f"Load average (1 min) {load_before:.1f} before and {os.getloadavg()[0]:.1f} after the "
                     "runs: other work shared the cores.")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = [
        HEADING, "",
        f"Made by `.venv/bin/python benchmarks/batch_bench.py --record` on {when}: {cores} usable cores, "
        f"Python {platform.python_version()}, {platform.machine()}. The machine is shared with other work, "
        "so trust the ratios more than the absolute times.", "",
        *table(rows), "",
        f"- Input: the {rows[0].videos} project-made sample clips (`python -m coach.samples`, 640×480, "
        f"15 fps, {rows[0].video_s:.0f} s in all) with `--stride {args.stride}`, reviewed from scratch "
        "(`--force`) by `coach.batch.run_batch`; worker start-up and model loading are included.",
        "- Chunked rows: chunks run decode + landmarks only; one engine is replayed over the stitched "
        "observations in the driver, so events are the same as unchunked. Every chunk loads its own "
        "models, decodes from the start of its file and analyses 3 s before its start to settle the "
        f"landmarker: with {args.chunk_seconds:g}-s chunks that is {3 / args.chunk_seconds:.0%} more frames "
        "per chunk, with 10-minute chunks 0.5%. Chunks pay off for a few long videos on many cores, "
        "not for short clips.",
        *(f"- {note}" for note in notes),
    ]
    print("\n".join(section))
    if args.record:
        record(section)
        print(f"written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
