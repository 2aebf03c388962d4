"""Time the supervisor's reports on an already seeded database (benchmarks/seed_store.py), with
the code in CODE_ROOT, so that two versions can be compared back to back on the same data:

    .venv/bin/python benchmarks/time_reports.py . sqlite:///out/seed_store/coach.db
    (cd /tmp/old && /path/to/.venv/bin/python /path/to/benchmarks/time_reports.py /tmp/old URL)

Prints one JSON line: (wall s, CPU s) per step and the load average before and after. The seeded
admin `bench-admin` gets a fresh password for the run.
"""

import json
import os
import secrets
import sys
import time
from datetime import date, timedelta


def main() -> int:
    root, url = sys.argv[1], sys.argv[2]
    sys.path.insert(0, os.path.abspath(root))
    from coach.store import Scope, Store, access, build_report, export_bytes
    from coach.store.schema import people

    store = Store(url)
    password = secrets.token_urlsafe(12)
    with store.writing() as conn:
        conn.execute(
            people.update()
            .where(people.c.staff_id == "bench-admin")
            .values(password_hash=access.hash_password(password, "bench-admin"))
        )
    login = access.login(store, "bench-admin", password)
    start = date(2025, 3, 3)
    end = start + timedelta(days=44)
    out: dict[str, object] = {"code": root, "db": url.split("@")[-1], "load_before": os.getloadavg()}

    def timed(name: str, make) -> None:
        cpu, wall = time.process_time(), time.perf_counter()
        make()
        out[name] = (round(time.perf_counter() - wall, 2), round(time.process_time() - cpu, 2))

    timed("team_summary", lambda: build_report(store, login, Scope.team("T01"), start, end))
    timed("branch_summary", lambda: build_report(store, login, Scope.branch(), start, end))
    timed("branch_pdf", lambda: export_bytes(store, login, Scope.branch(), start, end, "pdf", lang="en"))
    timed("branch_xlsx", lambda: export_bytes(store, login, Scope.branch(), start, end, "xlsx", lang="en"))
    out["load_after"] = os.getloadavg()
    print(json.dumps(out))
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
