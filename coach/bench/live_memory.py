"""Memory of a live process over a whole shift: the real live worker, 8 hours in a few minutes.

`python -m coach.bench.live_memory --hours 8 --step-s 6 --store sqlite:///…` runs in a process
of its own (so its resident memory is a live process's, not the bench's): it imports the live
page (Streamlit and the panel's modules), opens the store's session writer on a SQLite file as
the page does, and drives the page's own `CaptureWorker` + `FrameAnalyzer` (models from the
process's pool, eco mode) over the sample clip played in a loop, with time compressed: frame k
is stamped k × step-s seconds, so 8 hours of engine time (trackers, alerts, events, the store's
minute rows, the break clock) pass in 8 h / step-s frames, each one analysed by the real models.
The process starts as `scripts/run.sh` starts the panel (two malloc arenas).
Every `sample-every` seconds of engine time it prints one JSON line with the process's RSS
(after a garbage collection), the frames, events and store rows so far; the first lines give
RSS after the imports and after the first frame (models loaded).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

STAFF = "p-bench-live"
# modules whose import is costly and which a live session should not need
HEAVY = ("pandas", "matplotlib", "openpyxl", "reportlab", "altair", "sqlalchemy", "psycopg", "scipy",
         "streamlit_webrtc", "av", "mediapipe", "cv2", "streamlit")


def _rss_mib() -> float:
    from coach.bench.probe import rss_bytes

    return rss_bytes() / 2**20


def _say(**values: object) -> None:
    print(json.dumps(values), flush=True)


class CompressedReplay:
    """The clip's frames in a loop, frame k stamped k × step_s: hours of engine time in minutes.

    Frames are grabbed from the file as a camera's would be (`coach.vision.live_capture`), so only
    what the worker analyses is converted; nothing is kept but the capture."""

    def __init__(self, clip: Path, step_s: float, total_s: float) -> None:
        self.clip, self.step_s, self.total_s = clip, step_s, total_s
        self.retrieved = 0
        self.info = None
        self.ended_early = False

    def __iter__(self) -> Iterator[object]:
        from coach.vision.live_capture import open_video_capture

        k = 0
        while k * self.step_s <= self.total_s:
            capture = open_video_capture(self.clip)
            if capture is None:
                raise RuntimeError(f"cannot play {self.clip}")
            self.info = capture.info
            with capture:
                fps = capture.info.fps or 15.0
                skip = max(1, round(fps * 1.3))  # ~1.3 s of the clip between frames: poses vary
                for n, grab in enumerate(capture):
                    if n % skip:
                        continue
                    grab.t = k * self.step_s
                    yield grab
                    self.retrieved = capture.retrieved
                    k += 1
                    if k * self.step_s > self.total_s:
                        return


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coach.bench.live_memory")
    parser.add_argument("--clip", required=True)
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--step-s", type=float, default=6.0)
    parser.add_argument("--sample-every-s", type=float, default=3600.0)
    parser.add_argument("--store", required=True, help="a SQLite URL for the session's rows")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    _say(stage="start", rss_mib=round(_rss_mib(), 1))
    import coach.panel.live  # noqa: F401 - the page's imports, as a live Streamlit process has them
    from coach.panel.live_worker import CaptureWorker, FrameAnalyzer
    from coach.settings import Settings
    from coach.store import Store, access
    from coach.store.writer import SessionWriter
    from coach.vision.pacer import ECO_MAX_FPS

    _say(stage="imported", rss_mib=round(_rss_mib(), 1))
    store = Store(args.store)
    access.create_first_admin(store, "adm", "Admin", "admin-secret-1")
    admin = access.login(store, "adm", "admin-secret-1")
    access.add_person(store, admin, STAFF, "Bench Live", "staff", "T")
    writers: list = []

    def open_writer():
        writer = SessionWriter(store, STAFF, source="bench-live", workstation="bench")
        writers.append(writer)
        return writer, None

    total_s = args.hours * 3600
    replay = CompressedReplay(Path(args.clip), args.step_s, total_s)
    analyzer = FrameAnalyzer(Settings(), "bench-live", open_writer=open_writer, lang="en")
    worker = CaptureWorker(analyzer, replay, paced=False, max_fps=ECO_MAX_FPS, label="bench-live")
    worker.start()
    next_sample = 0.0
    first_done = False
    while True:
        time.sleep(0.25)
        fresh = worker.poll()  # as the page does on each refresh: the readings queue stays short
        if worker.error:
            _say(stage="error", error=worker.error)
            return 1
        if fresh and not first_done:
            first_done = True
            gc.collect()
            _say(stage="first_frame", rss_mib=round(_rss_mib(), 1))
        reached = worker.latest.t if worker.latest is not None else 0.0
        if first_done and (reached >= next_sample or worker.finished):
            gc.collect()
            _say(stage="sample", video_s=round(reached, 1), frames=worker.stats.frames,
                 events=len(worker.events), rss_mib=round(_rss_mib(), 1),
                 wall_s=round(time.perf_counter() - started, 1))
            next_sample = reached + args.sample_every_s
        if worker.finished:
            break
    worker.stop()
    store.close()
    gc.collect()
    _say(stage="end", rss_mib=round(_rss_mib(), 1), frames=worker.stats.frames, events=len(worker.events),
         loaded=[name for name in HEAVY if name in sys.modules])
    return 0


def run(clip: Path, hours: float, step_s: float, samples: int, workdir: Path,
        timeout_s: float = 1800) -> list[dict]:
    """Run the replay in a child process; its JSON lines, in order. RuntimeError when it fails."""
    import os
    import subprocess

    database = workdir / "live_memory.db"
    database.unlink(missing_ok=True)
    command = [sys.executable, "-m", "coach.bench.live_memory", "--clip", str(clip), "--hours", str(hours),
               "--step-s", str(step_s), "--sample-every-s", str(hours * 3600 / max(samples, 1)),
               "--store", f"sqlite:///{database}"]
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "COACH_DATA_DIR": str(workdir / "data"),
           "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2")}  # as scripts/run.sh starts the panel
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=timeout_s,
                          check=False)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines or lines[-1].get("stage") != "end":
        problem = next((line.get("error") for line in lines if line.get("stage") == "error"), None)
        raise RuntimeError(problem or (done.stderr.strip().splitlines() or ["live memory replay failed"])[-1])
    return lines


def slope_mib_per_hour(lines: list[dict]) -> float | None:
    """Least-squares RSS slope over the second half of the samples, MiB per hour of engine time."""
    samples = [line for line in lines if line.get("stage") == "sample"]
    half = samples[len(samples) // 2:]
    if len(half) < 2:
        return None
    xs = [line["video_s"] / 3600 for line in half]
    ys = [line["rss_mib"] for line in half]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread <= 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


IMPORT_PROBE = """
import importlib, json, sys
from coach.bench.probe import rss_bytes
before = rss_bytes()
importlib.import_module(sys.argv[1])
print(json.dumps({"mib": (rss_bytes() - before) / 2**20}))
"""


def import_costs(modules: tuple[str, ...] = HEAVY) -> dict[str, float | None]:
    """RSS each module adds when imported alone into a fresh Python (None: not installed)."""
    import os
    import subprocess

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    costs: dict[str, float | None] = {}
    for name in modules:
        done = subprocess.run([sys.executable, "-c", IMPORT_PROBE, name], cwd=root, env=env,
                              capture_output=True, text=True, timeout=120, check=False)
        line = next((x for x in done.stdout.splitlines() if x.startswith("{")), None)
        costs[name] = json.loads(line)["mib"] if done.returncode == 0 and line else None
    return costs


if __name__ == "__main__":
    sys.exit(main())
