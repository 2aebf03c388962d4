"""Send a workstation's rows to the branch database, losing and duplicating nothing.

Why nothing is duplicated: every row has a key that is the same in both databases: a session's
UUID, (session, seq) for metric rows and events, (session, seq, fault) for faults, a profile's
UUID. People, sessions and profiles are inserted ON CONFLICT DO NOTHING; metric rows, faults
and events are upserted (a minute's row is rewritten while it fills, an event's end can arrive
later). Sending a row twice is therefore harmless, which is what makes a crash in the middle of
a sync, or two syncs at once, safe.

Why nothing is lost: the writer commits a session's buckets in seq order, so the rows the
target has for a session are always a prefix 0..k, of which only row k can still be growing.
Each sync asks the target for k and sends rows k, k+1, … with their faults, chunk by chunk,
each chunk read from one source snapshot and written in one target transaction, so the prefix
property holds on the target too. A session is marked done locally (`sync_marks`) only after it
has ended and everything up to its end is on the target; sessions still open (or left open by
a crash) are looked at again on every sync.

People are created on the target when missing, never with a password (credentials are the
branch's business). Login sessions are never synced.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, func, select, update
from sqlalchemy.engine import make_url

from coach.store.errors import StoreError
from coach.store.schema import (
    calibration_profiles,
    events,
    metric_faults,
    metrics,
    people,
    sessions,
    sync_marks,
)
from coach.store.writer import upsert_events, upsert_faults, upsert_metrics

CHUNK_ROWS = 5000


@dataclass
class SyncResult:
    sessions: int = 0  # sessions looked at
    new_sessions: int = 0
    metric_rows: int = 0  # metric rows new to the target
    fault_rows: int = 0  # fault rows sent (new or refreshed)
    events: int = 0
    profiles: int = 0
    people: int = 0
    finished_sessions: int = 0  # now marked done locally


def target_key(store) -> str:
    """A stable name for the target database (its URL without the password, hashed)."""
    url = make_url(store.url)
    bare = url.set(password=None).render_as_string(hide_password=False)
    return hashlib.sha256(bare.encode()).hexdigest()[:32]


def sync(source, target, *, chunk_rows: int = CHUNK_ROWS) -> SyncResult:
    """Copy into `target` every row of `source` it does not have yet. Safe to run any number of times."""
    if source.url == target.url:
        raise StoreError("store.error.sync_same")
    key = target_key(target)
    result = SyncResult()
    with source.reading() as conn:
        done = {
            row.session_uuid
            for row in conn.execute(select(sync_marks.c.session_uuid).where(sync_marks.c.target == key))
        }
        local_sessions = [
            row for row in conn.execute(select(sessions).order_by(sessions.c.id)) if row.uuid not in done
        ]
    result.people = _sync_people(source, target, {row.staff_id for row in local_sessions})
    result.profiles = _sync_profiles(source, target)
    for local in local_sessions:
        result.sessions += 1
        _sync_session(source, target, local, key, chunk_rows, result)
    return result


def _sync_people(source, target, staff_ids: set[str]) -> int:
    with source.reading() as conn:
        profile_owners = {
            row.staff_id for row in conn.execute(select(calibration_profiles.c.staff_id).distinct())
        }
        wanted = staff_ids | profile_owners
        if not wanted:
            return 0
        rows = [
            dict(row._mapping) for row in conn.execute(select(people).where(people.c.staff_id.in_(wanted)))
        ]
    with target.reading() as conn:
        have = {
            row.staff_id
            for row in conn.execute(select(people.c.staff_id).where(people.c.staff_id.in_(wanted)))
        }
    new = [
        {**row, "password_hash": None, "failed_logins": 0, "locked_until": None}
        for row in rows
        if row["staff_id"] not in have
    ]
    if new:
        with target.writing() as conn:
            conn.execute(target.insert(people).on_conflict_do_nothing(), new)
    return len(new)


def _sync_profiles(source, target) -> int:
    with source.reading() as conn:
        rows = [dict(row._mapping) for row in conn.execute(select(calibration_profiles))]
    with target.reading() as conn:
        have = (
            {
                row.uuid
                for row in conn.execute(
                    select(calibration_profiles.c.uuid).where(
                        calibration_profiles.c.uuid.in_([r["uuid"] for r in rows])
                    )
                )
            }
            if rows
            else set()
        )
    new = [{k: v for k, v in row.items() if k != "id"} for row in rows if row["uuid"] not in have]
    if new:
        with target.writing() as conn:
            conn.execute(target.insert(calibration_profiles).on_conflict_do_nothing(), new)
    return len(new)


def _sync_session(source, target, local, key: str, chunk_rows: int, result: SyncResult) -> None:
    session_values = {k: v for k, v in local._mapping.items() if k != "id"}
    with target.writing() as conn:
        inserted = conn.execute(
            target.insert(sessions)
            .values(**session_values)
            .on_conflict_do_nothing(index_elements=["uuid"])
            .returning(sessions.c.id)
        ).first()
        remote = conn.execute(select(sessions).where(sessions.c.uuid == local.uuid)).one()
        if local.ended_at is not None and remote.ended_at is None:
            conn.execute(
                update(sessions)
                .where(sessions.c.id == remote.id)
                .values(ended_at=local.ended_at, summary=local.summary)
            )
    result.new_sessions += int(inserted is not None)
    remote_id = remote.id
    with target.reading() as tconn:
        have = tconn.execute(
            select(func.max(metrics.c.seq)).where(metrics.c.session_id == remote_id)
        ).scalar()
    # the target's last row may be a minute that was still filling when it was sent: send it again
    start = 0 if have is None else int(have)
    while True:
        with source.reading() as sconn:  # one snapshot: rows and their faults agree
            rows = [
                dict(r._mapping)
                for r in sconn.execute(
                    select(metrics)
                    .where(metrics.c.session_id == local.id, metrics.c.seq >= start)
                    .order_by(metrics.c.seq)
                    .limit(chunk_rows)
                )
            ]
            if not rows:
                break
            last = rows[-1]["seq"]
            faults = [
                dict(r._mapping)
                for r in sconn.execute(
                    select(metric_faults).where(
                        metric_faults.c.session_id == local.id,
                        and_(metric_faults.c.seq >= start, metric_faults.c.seq <= last),
                    )
                )
            ]
        for row in rows + faults:
            row["session_id"] = remote_id
        with target.writing() as tconn:
            upsert_metrics(target, tconn, rows)
            upsert_faults(target, tconn, faults)
        result.metric_rows += sum(1 for row in rows if have is None or row["seq"] > have)
        result.fault_rows += len(faults)
        start = last + 1
    with source.reading() as sconn:
        local_events = [
            dict(r._mapping)
            for r in sconn.execute(
                select(events).where(events.c.session_id == local.id).order_by(events.c.seq)
            )
        ]
    if local_events:
        for row in local_events:
            row["session_id"] = remote_id
        with target.writing() as tconn:
            upsert_events(target, tconn, local_events)
        result.events += len(local_events)
    if local.ended_at is not None:
        with source.writing() as sconn:
            sconn.execute(
                source.insert(sync_marks)
                .values(target=key, session_uuid=local.uuid, done_at=datetime.now(UTC))
                .on_conflict_do_nothing()
            )
        result.finished_sessions += 1
