"""Send a workstation's rows to the branch database, losing and duplicating nothing.

Why nothing is duplicated: every row has a key that is the same in both databases — a session's
UUID, (session, seq) for metric rows and events, (session, seq, fault) for faults, a profile's
UUID — and every insert is ON CONFLICT DO NOTHING (events: DO UPDATE, since an event's end can
arrive later). Sending a row twice is therefore harmless, which is what makes a crash in the
middle of a sync, or two syncs at once, safe.

Why nothing is lost: the writer commits a session's metric rows in seq order, so the rows the
target already has for a session are always a prefix 0..k. Each round asks the target for k
and sends the rows after it, with their faults, in one target transaction per chunk, so the
prefix property holds on the target too. A session is marked done locally (`sync_marks`) only
after it has ended and everything up to its end is on the target; sessions still open (or
left open by a crash) are looked at again on every sync.

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

CHUNK_ROWS = 5000


@dataclass
class SyncResult:
    sessions: int = 0  # sessions looked at
    new_sessions: int = 0
    metric_rows: int = 0
    fault_rows: int = 0
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
    while True:
        with target.writing() as tconn:
            # two syncs at once may both send the rows after `have`; the keys make the second a no-op
            have = tconn.execute(
                select(func.max(metrics.c.seq)).where(metrics.c.session_id == remote_id)
            ).scalar()
            after = -1 if have is None else int(have)
            with source.reading() as sconn:
                rows = [
                    dict(r._mapping)
                    for r in sconn.execute(
                        select(metrics)
                        .where(metrics.c.session_id == local.id, metrics.c.seq > after)
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
                            and_(metric_faults.c.seq > after, metric_faults.c.seq <= last),
                        )
                    )
                ]
            for row in rows:
                row["session_id"] = remote_id
            for row in faults:
                row["session_id"] = remote_id
            tconn.execute(target.insert(metrics).on_conflict_do_nothing(), rows)
            if faults:
                tconn.execute(target.insert(metric_faults).on_conflict_do_nothing(), faults)
        result.metric_rows += len(rows)
        result.fault_rows += len(faults)
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
        stmt = target.insert(events)
        stmt = stmt.on_conflict_do_update(
            index_elements=[events.c.session_id, events.c.seq],
            set_={
                "end_s": func.coalesce(stmt.excluded.end_s, events.c.end_s),
                "detail": stmt.excluded.detail,
            },
        )
        with target.writing() as tconn:
            tconn.execute(stmt, local_events)
        result.events += len(local_events)
    if local.ended_at is not None:
        with source.writing() as sconn:
            sconn.execute(
                source.insert(sync_marks)
                .values(target=key, session_uuid=local.uuid, done_at=datetime.now(UTC))
                .on_conflict_do_nothing()
            )
        result.finished_sessions += 1
