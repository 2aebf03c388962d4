"""Seed a branch-sized store and time the supervisor's exports.

    .venv/bin/python benchmarks/seed_store.py                      # 200 staff × 30 days × 8 h, SQLite
    .venv/bin/python benchmarks/seed_store.py --staff 20 --days 5  # a quick look
    .venv/bin/python benchmarks/seed_store.py --db postgresql://coach@127.0.0.1:5432/bench
    .venv/bin/python benchmarks/seed_store.py --reuse               # time again, without seeding

Writes the database (SQLite: out/seed_store/coach.db unless --db is given), a team PDF and XLSX,
a branch XLSX, and results.json with the timings and the database size. Per-minute rows, shifts
of --shift-hours on weekdays (two sessions a day around lunch). Synthetic data only.
The per person-day rollups are kept by the database as the rows go in (coach/store/rollups.py);
`rebuild_rollups_s` is what recomputing them all from the rows takes (`admin rebuild-rollups`).
results.json also holds the machine's load (`uptime`) at the start of the timings.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from coach.store import Scope, Store, access, build_report, export_bytes  # noqa: E402
from coach.store.rollups import rebuild  # noqa: E402
from coach.store.schema import people  # noqa: E402
from coach.store.synthetic import seed_branch  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=200)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--shift-hours", type=float, default=8.0)
    parser.add_argument("--team-size", type=int, default=20)
    parser.add_argument("--db", help="database URL (default: a new SQLite file in --out)")
    parser.add_argument("--out", default=str(ROOT / "out" / "seed_store"))
    parser.add_argument("--lang", default="zh-CN")
    parser.add_argument("--reuse", action="store_true", help="time an already seeded database again")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    url = args.db
    if url is None:
        path = out / "coach.db"
        for stale in () if args.reuse else (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    figures: dict[str, object] = {"staff": args.staff, "days": args.days, "shift_hours": args.shift_hours}

    cpu = [time.process_time()]

    def step(name: str, started: float) -> float:
        figures[name] = round(time.perf_counter() - started, 2)
        # this process's CPU seconds: the steadier figure when the machine is shared (the database
        # server's own CPU is not in it for PostgreSQL)
        figures[name[:-2] + "_cpu_s"] = round(time.process_time() - cpu[0], 2)
        print(f"{name}: {figures[name]} s (CPU {figures[name[:-2] + '_cpu_s']} s)", flush=True)
        cpu[0] = time.process_time()
        return time.perf_counter()

    clock = time.perf_counter()
    store = Store(url)
    figures["schema_and_migration_s"] = round(time.perf_counter() - clock, 2)
    password = secrets.token_urlsafe(12)
    if args.reuse and access.has_admin(store):
        with store.writing() as conn:
            conn.execute(
                people.update()
                .where(people.c.staff_id == "bench-admin")
                .values(password_hash=access.hash_password(password, "bench-admin"))
            )
    else:
        access.create_first_admin(store, "bench-admin", "Benchmark admin", password)
        result = seed_branch(
            store,
            staff=args.staff,
            days=args.days,
            team_size=args.team_size,
            shift_hours=args.shift_hours,
            progress=lambda text: print("  " + text, flush=True),
        )
        figures.update(
            metric_rows=result.metric_rows,
            fault_rows=result.fault_rows,
            events=result.events,
            sessions=result.sessions,
        )
        clock = step("seed_s", clock)
    clock, cpu[0] = time.perf_counter(), time.process_time()
    rebuild(store)
    clock = step("rebuild_rollups_s", clock)
    if store.dialect == "sqlite":
        with store.writing() as conn:
            conn.exec_driver_sql("PRAGMA optimize")
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db_file = Path(store.engine.url.database)
        figures["db_bytes"] = db_file.stat().st_size
    else:
        with store.reading() as conn:
            conn.execute(text("ANALYZE"))
            figures["db_bytes"] = conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
    print(f"database: {figures['db_bytes'] / 2**20:.1f} MiB", flush=True)
    figures["load_at_start"] = os.getloadavg()
    figures["uptime"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(figures["uptime"], flush=True)
    clock, cpu[0] = time.perf_counter(), time.process_time()
    login = access.login(store, "bench-admin", password)
    start = date(2025, 3, 3)
    end = start + timedelta(days=int(args.days * 7 / 5) + 2)
    team = Scope.team("T01")
    report = build_report(store, login, team, start, end)
    clock = step("team_summary_s", clock)
    print(
        f"  team T01: {len(report.people)} people, {report.totals.hours_observed:.0f} h observed", flush=True
    )
    for fmt in ("pdf", "xlsx"):
        name, _, data = export_bytes(store, login, team, start, end, fmt, lang=args.lang)
        (out / name).write_bytes(data)
        figures[f"team_{fmt}_bytes"] = len(data)
        clock = step(f"team_{fmt}_s", clock)
    branch = build_report(store, login, Scope.branch(), start, end)
    clock = step("branch_summary_s", clock)
    print(f"  branch: {len(branch.people)} people, {branch.totals.hours_observed:.0f} h observed", flush=True)
    for fmt in ("xlsx", "pdf"):
        name, _, data = export_bytes(store, login, Scope.branch(), start, end, fmt, lang=args.lang)
        (out / name).write_bytes(data)
        figures[f"branch_{fmt}_bytes"] = len(data)
        clock = step(f"branch_{fmt}_s", clock)
    store.close()
    (out / "results.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
