"""Real processes: a writer killed with SIGKILL mid-session keeps every second it had completed;
several writers at once (and several first-time openers of a new database) lose and duplicate
nothing. Run on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import func, select

from coach.store import Store
from coach.store.people import put_person
from coach.store.schema import metrics, schema_version, sessions

pytest_plugins = ("store_pg",)

ROOT = Path(__file__).resolve().parents[1]
CHILD = str(Path(__file__).with_name("store_writer_child.py"))


def _spawn(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, CHILD, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _session_rows(url: str) -> dict[str, list[tuple[int, int, int]]]:
    """session uuid -> [(seq, frames, observed_ms)] in seq order."""
    with Store(url) as store, store.reading() as conn:
        found: dict[str, list] = {}
        query = (
            select(sessions.c.uuid, metrics.c.seq, metrics.c.frames, metrics.c.observed_ms)
            .join(metrics, metrics.c.session_id == sessions.c.id)
            .order_by(sessions.c.uuid, metrics.c.seq)
        )
        for row in conn.execute(query):
            found.setdefault(str(row.uuid), []).append((row.seq, row.frames, row.observed_ms))
        return found


@pytest.mark.parametrize("span_s, kill_after_s", [(1, 4.0), (60, 70.0)])
def test_sigkill_mid_session_loses_at_most_the_second_in_progress(db_url, span_s, kill_after_s):
    with Store(db_url) as store:
        put_person(store, "s1", "Staff One", "staff", "A")
    # 15 fps, 50 times faster than real time; killed once it has handed over `kill_after_s` of frames
    child = _spawn(db_url, "s1", "600", "15", "50", "--span", str(span_s))
    times: list[float] = []
    session_uuid = None
    try:
        for line in child.stdout:
            word, _, value = line.strip().partition(" ")
            if word == "session":
                session_uuid = value
            elif word == "t":
                times.append(float(value))
                if times[-1] - times[0] >= kill_after_s:
                    child.send_signal(signal.SIGKILL)
                    break
        rest, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL, err
    times += [float(line.split()[1]) for line in rest.splitlines() if line.startswith("t ")]
    handed_over = times[-1] - times[0]  # seconds from the session start of the last frame it accepted
    whole = math.floor(handed_over)
    rows = _session_rows(db_url)[session_uuid]
    seqs = [seq for seq, _, _ in rows]
    assert seqs == list(range(len(seqs))) and len(seqs) == math.floor(handed_over / span_s) + 1
    observed_ms = sum(observed for _, _, observed in rows)
    frames = sum(frames for _, frames, _ in rows)
    # every whole second of frames it had accepted is there; nothing from after the kill
    assert whole * 1000 - len(rows) <= observed_ms <= (handed_over + 0.2) * 1000, (observed_ms, handed_over)
    assert whole * 15 - 2 <= frames <= len(times) + 2
    with Store(db_url) as store, store.reading() as conn:
        ended = conn.execute(
            select(sessions.c.ended_at).where(sessions.c.uuid == UUID(session_uuid))
        ).scalar()
    assert ended is None  # it never closed: the rows are there anyway


def test_several_writers_at_once_write_every_row_exactly_once(db_url, tmp_path):
    writers = 4
    seconds = 70
    with Store(db_url) as store:
        for i in range(writers):
            put_person(store, f"s{i}", f"Staff {i}", "staff", "A")
    go = tmp_path / "go"
    children = [
        _spawn(db_url, f"s{i}", str(seconds), "10", "60", "--wait-file", str(go)) for i in range(writers)
    ]
    time.sleep(0.5)
    go.touch()  # all start writing together
    outputs = [child.communicate(timeout=300) for child in children]
    for child, (out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
        assert out.rstrip().endswith("done")
    found = _session_rows(db_url)
    assert len(found) == writers
    for rows in found.values():
        seqs = [seq for seq, _, _ in rows]
        assert seqs == [0, 1]  # per-minute rows: 0-60 s, 60-70 s
        assert sum(frames for _, frames, _ in rows) == seconds * 10
        # observed: from the first frame to the last (70 s less one 0.1 s frame step, frames jitter 0.02 s)
        assert abs(sum(observed for _, _, observed in rows) - (seconds - 0.1) * 1000) < 60
    with Store(db_url) as store, store.reading() as conn:
        total = conn.execute(select(func.count()).select_from(metrics)).scalar()
    assert total == sum(len(rows) for rows in found.values())


def test_first_opening_by_several_processes_at_once_migrates_once(db_url):
    code = "import sys; from coach.store import Store\ns = Store(sys.argv[1]); s.close(); print('ok')\n"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", code, db_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(4)
    ]
    outputs = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0] * 4, [err for _, err in outputs]
    with Store(db_url) as store, store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(schema_version)).scalar() == 1
