"""A live session writer in its own process, for the crash and concurrency tests.

    python tests/store_writer_child.py URL STAFF_ID SECONDS FPS SPEED [--wait-file PATH] [--span S]

Feeds SECONDS of synthetic records at FPS, SPEED times faster than real time, through a
SessionWriter, printing `t <seconds>` after each record is handed over (so the parent knows
what the writer had accepted when it was killed), then closes the session and prints `done`.
With --wait-file it waits for that file to exist before writing (to start several at once).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from coach.store import SessionWriter, Store
from coach.store.synthetic import live_steps


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("staff_id")
    parser.add_argument("seconds", type=float)
    parser.add_argument("fps", type=float)
    parser.add_argument("speed", type=float)
    parser.add_argument("--wait-file")
    parser.add_argument("--span", type=int, default=60)
    args = parser.parse_args()
    store = Store(args.url)
    if args.wait_file:
        while not Path(args.wait_file).exists():
            time.sleep(0.01)
    writer = SessionWriter(store, args.staff_id, source="child", span_s=args.span, close_timeout_s=120)
    print("session", writer.uuid, flush=True)
    began = time.monotonic()
    for step in live_steps(args.seconds, args.fps, seed=sum(args.staff_id.encode())):
        lag = step.record.t_s / args.speed - (time.monotonic() - began)
        if lag > 0:
            time.sleep(lag)
        writer.add(step)
        print("t", f"{step.record.t_s:.4f}", flush=True)
        if writer.problem is not None:
            print("problem", writer.problem.message("en"), flush=True)
    writer.close(summary={"child": args.staff_id})
    print("done", flush=True)


if __name__ == "__main__":
    main()
