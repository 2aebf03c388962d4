"""Synthetic, plausible coaching data: live-like Records for tests, and a whole branch of
per-minute rows for benchmarks and demos. Nothing here is real data
about real people.

The branch has people in teams working 8-hour shifts (with a lunch gap) on weekdays; each person
has their own tendencies (how straight they sit, how much they smile, which faults they fall
into), and posture gets worse in the late afternoon, so the reports have something to show.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
from sqlalchemy import select

from coach.readings import Event, GazeReading, PostureReading, Record, SmileReading
from coach.store.people import put_person
from coach.store.schema import events, metric_faults, metrics, sessions

# a subset of coach.rules.posture.FAULTS
FAULTS = ("hunched", "head_down", "head_tilted", "shoulders_sloped", "arms_crossed", "chin_on_hand")


def record_at(
    t_s: float,
    *,
    frame: int = 0,
    source: str = "synthetic",
    smiling: bool = False,
    genuine: bool = False,
    eye_contact: bool = True,
    mode: str = "sitting",
    issues: tuple[str, ...] = (),
    face: bool = True,
) -> Record:
    """One Record with the given state (for tests that need exact expectations)."""
    smile = None
    gaze = None
    if face:
        kind = "genuine" if smiling and genuine else ("mouth_only" if smiling else "none")
        smile = SmileReading(
            score=70.0 if smiling else 10.0,
            kind=kind,
            mouth_corner_deg=20.0 if smiling else 2.0,
            mouth_width_ratio=1.0,
            eye_aperture=0.25,
            eye_involvement=0.6 if genuine else 0.1,
            symmetry=0.95,
            teeth_visible=smiling,
        )
        gaze = GazeReading(eye_contact=eye_contact, yaw_deg=3.0, pitch_deg=-2.0)
    posture = PostureReading(mode=mode, torso_incline_deg=5.0, issues=issues)
    return Record(
        source=source,
        frame=frame,
        t_s=t_s,
        face_found=face,
        body_found=True,
        smile=smile,
        gaze=gaze,
        posture=posture,
    )


def live_records(seconds: float, fps: float = 15.0, *, t0: float = 0.0, seed: int = 0) -> Iterator[Record]:
    """A stream of Records like a live session's: smiles come and go, faults last a while."""
    rng = np.random.default_rng(seed)
    smiling, fault = False, ()
    n = int(seconds * fps)
    for i in range(n):
        t = t0 + i / fps + float(rng.uniform(-0.2, 0.2)) / fps
        if rng.random() < 0.02:
            smiling = not smiling
        if rng.random() < 0.01:
            fault = () if fault else (str(rng.choice(FAULTS)),)
        yield record_at(
            t,
            frame=i,
            smiling=smiling,
            genuine=bool(rng.random() < 0.5),
            eye_contact=bool(rng.random() < 0.75),
            issues=fault,
            face=bool(rng.random() < 0.95),
        )


def break_events(t: float) -> list[Event]:
    return [Event(t, t + 300.0, "break_due"), Event(t + 5.0, t + 300.0, "break_taken")]


@dataclass
class SeedResult:
    people: int
    sessions: int
    metric_rows: int
    fault_rows: int
    events: int


def seed_branch(
    store,
    *,
    staff: int = 200,
    days: int = 30,
    team_size: int = 20,
    shift_hours: float = 8.0,
    first_day: date = date(2025, 3, 3),
    utc_offset_min: int = 480,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
    chunk_rows: int = 50_000,
) -> SeedResult:
    """Fill `store` with `staff` people × `days` working days of per-minute rows (bulk inserts).

    Shifts run 09:00–12:00 and 13:00–(13 + shift_hours − 3) local time, each half one session,
    on weekdays from `first_day`. People are created with no password (they cannot log in).
    """
    rng = np.random.default_rng(seed)
    teams = max(1, (staff + team_size - 1) // team_size)
    staff_ids = [f"s{i:04d}" for i in range(staff)]  # canonical ids (coach.store.identity)
    team_of = {sid: f"T{i // team_size + 1:02d}" for i, sid in enumerate(staff_ids)}
    with store.writing() as conn:
        for i, sid in enumerate(staff_ids):
            put_person(store, sid, f"Staff {i:04d}", "staff", team_of[sid], conn=conn)
        for k in range(teams):
            put_person(
                store, f"SUP{k + 1:02d}", f"Supervisor {k + 1:02d}", "supervisor", f"T{k + 1:02d}", conn=conn
            )
    work_days = []
    day = first_day
    while len(work_days) < days:
        if day.weekday() < 5:
            work_days.append(day)
        day += timedelta(days=1)
    halves = ((9 * 60, 180), (13 * 60, int(round(shift_hours * 60)) - 180))
    # per-person tendencies
    posture_skill = rng.uniform(0.55, 0.92, staff)
    smile_level = rng.uniform(0.2, 0.6, staff)
    eye_level = rng.uniform(0.55, 0.9, staff)
    standing_level = rng.uniform(0.0, 0.3, staff)
    upper_level = rng.uniform(0.0, 0.4, staff)
    fault_mix = rng.dirichlet(np.full(len(FAULTS), 0.6), staff)
    session_rows = []
    plan = []
    for p, sid in enumerate(staff_ids):
        for d in work_days:
            for start_min, length in halves:
                local = datetime(d.year, d.month, d.day, start_min // 60, start_min % 60, tzinfo=UTC)
                started = local - timedelta(minutes=utc_offset_min)
                key = uuid.UUID(int=int(rng.integers(0, 2**63)) << 64 | len(session_rows))
                session_rows.append(
                    {
                        "uuid": key,
                        "staff_id": sid,
                        "workstation": f"W{p % 40:02d}",
                        "source": "synthetic",
                        "started_at": started,
                        "utc_offset_min": utc_offset_min,
                        "day": d,
                        "ended_at": started + timedelta(minutes=length),
                        "span_s": 60,
                        "settings": None,
                        "summary": None,
                    }
                )
                plan.append((p, d, start_min, length, key))
    with store.writing() as conn:
        conn.execute(sessions.insert(), session_rows)
    with store.reading() as conn:
        ids = {
            row.uuid: row.id
            for row in conn.execute(
                select(sessions.c.uuid, sessions.c.id).where(sessions.c.source == "synthetic")
            )
        }
    if progress:
        progress(f"{len(staff_ids)} people, {len(session_rows)} sessions")
    totals = {"metrics": 0, "faults": 0, "events": 0}
    buffers: dict[str, list[dict]] = {"metrics": [], "faults": [], "events": []}
    tables = {"metrics": metrics, "faults": metric_faults, "events": events}

    def flush(force: bool = False) -> None:
        if not force and len(buffers["metrics"]) < chunk_rows:
            return
        with store.writing() as conn:
            for name, rows in buffers.items():
                if rows:
                    conn.execute(tables[name].insert(), rows)
                    totals[name] += len(rows)
                    rows.clear()
        if progress:
            progress(f"{totals['metrics']} metric rows")

    for p, d, start_min, length, key in plan:
        sid_id = ids[key]
        minute = np.arange(length)
        hour = (start_min + minute) // 60
        tired = np.clip((hour - 14) / 4.0, 0, 1) * 0.15  # worse posture late in the afternoon
        present = np.where(
            rng.random(length) < 0.93, rng.integers(45_000, 60_001, length), rng.integers(0, 20_000, length)
        )
        standing_share = np.clip(standing_level[p] + rng.normal(0, 0.05, length), 0, 1)
        posture_known = (present * rng.uniform(0.85, 1.0, length)).astype(int)
        standing = (posture_known * standing_share).astype(int)
        upper = ((posture_known - standing) * upper_level[p]).astype(int)  # legs hidden by the counter
        sitting = posture_known - standing - upper
        # faults come in episodes: most minutes are clean, a fault minute is mostly spent in the fault
        fault_minute = rng.random(length) < np.clip(1.0 - posture_skill[p] + tired, 0, 1)
        good_share = np.where(fault_minute, rng.uniform(0.0, 0.6, length), rng.uniform(0.96, 1.0, length))
        sitting_good = (sitting * good_share).astype(int)
        standing_good = (standing * np.clip(good_share + 0.05, 0, 1)).astype(int)
        upper_good = (upper * good_share).astype(int)
        face = (present * rng.uniform(0.8, 1.0, length)).astype(int)
        smile_share = np.clip(smile_level[p] + rng.normal(0, 0.1, length), 0, 1)
        smile = (face * smile_share).astype(int)
        genuine = (smile * rng.uniform(0.3, 0.8, length)).astype(int)
        gaze = face
        eye = (gaze * np.clip(eye_level[p] + rng.normal(0, 0.08, length), 0, 1)).astype(int)
        smiles = rng.poisson(1.5 * smile_share)
        score = face * 15 + smile * 55
        for m in range(length):
            buffers["metrics"].append(
                {
                    "session_id": sid_id,
                    "seq": m,
                    "day": d,
                    "hour": int(hour[m]),
                    "frames": int(present[m] // 66),
                    "observed_ms": 60_000,
                    "present_ms": int(present[m]),
                    "face_ms": int(face[m]),
                    "sitting_ms": int(sitting[m]),
                    "sitting_good_ms": int(sitting_good[m]),
                    "standing_ms": int(standing[m]),
                    "standing_good_ms": int(standing_good[m]),
                    "upper_body_ms": int(upper[m]),
                    "upper_body_good_ms": int(upper_good[m]),
                    "gaze_ms": int(gaze[m]),
                    "eye_contact_ms": int(eye[m]),
                    "smile_ms": int(smile[m]),
                    "genuine_smile_ms": int(genuine[m]),
                    "smile_score_ms": int(score[m]),
                    "smiles": int(smiles[m]),
                }
            )
            bad = posture_known[m] - sitting_good[m] - standing_good[m] - upper_good[m]
            if bad > 3000:
                fault = FAULTS[int(rng.choice(len(FAULTS), p=fault_mix[p]))]
                buffers["faults"].append({"session_id": sid_id, "seq": m, "fault": fault, "ms": int(bad)})
        seq = 0
        for m in range(0, length, 55):  # a break falls due about every 55 minutes of work
            if m == 0:
                continue
            choice = rng.random()
            kinds = [
                "break_due",
                "break_taken" if choice < 0.7 else ("break_postponed" if choice < 0.85 else "break_skipped"),
            ]
            if rng.random() < 0.3:
                kinds.append("natural_break")
            for kind in kinds:
                buffers["events"].append(
                    {
                        "session_id": sid_id,
                        "seq": seq,
                        "kind": kind,
                        "detail": "",
                        "start_s": m * 60.0,
                        "end_s": m * 60.0 + 300.0,
                        "day": d,
                        "hour": int(hour[m]),
                    }
                )
                seq += 1
        for m in np.flatnonzero(rng.random(length) < (1 - good_share) * 0.08):
            buffers["events"].append(
                {
                    "session_id": sid_id,
                    "seq": seq,
                    "kind": "posture:" + FAULTS[int(rng.choice(len(FAULTS), p=fault_mix[p]))],
                    "detail": "",
                    "start_s": m * 60.0,
                    "end_s": m * 60.0 + 30.0,
                    "day": d,
                    "hour": int(hour[m]),
                }
            )
            seq += 1
        flush()
    flush(force=True)
    return SeedResult(
        len(staff_ids) + teams, len(session_rows), totals["metrics"], totals["faults"], totals["events"]
    )
