"""A reviewed file into the coach's store (coach.store), as one session of its staff member.

Each file becomes one session: its engine steps' time credits added into 60-second metric rows
(the store's bulk-import span), its events and the engine's summary, so the supervisors' reports
count recorded service like live sessions. The session's UUID is derived from the person, the
file (path, size, modification time) and the options, so a rerun or `--force` replaces the file's
session instead of adding a second one, and filing the same file under another person is refused
(one line) rather than silently replacing that person's session. What is written is attributed
to the identity the batch runs under (coach.store.credentials). The session starts at the
file's modification time less its length: a recording's file is last written when the recording
ends.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from coach.batch.plan import MediaFile
from coach.batch.work import FileOutcome

BULK_SPAN_S = 60
_NAMESPACE = uuid.UUID("5b0e7c1e-1f5d-4c55-9a55-2f4f8f1b6a01")


def staff_for(file: MediaFile, staff: str | None) -> str | None:
    """Whose session a file is: `staff` when given, else the first folder of its relative path
    (one folder per person: INPUT/<staff id>/...); None for a file at the top without `staff`."""
    if staff:
        return staff
    parts = file.rel.split("/")
    return parts[0] if len(parts) > 1 else None


def session_uuid(file: MediaFile, fingerprint: str, staff_id: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{staff_id}|{file.rel}|{file.size}|{file.mtime_ns}|{fingerprint}")


def save(store, outcome: FileOutcome, staff_id: str, fingerprint: str, settings: dict | None,
         author) -> None:
    """Write (or rewrite) the file's session as `author` (a coach.store.credentials.Author).
    Raises coach.store.StoreError when the store refuses."""
    from sqlalchemy import select

    from coach.store.errors import StoreError
    from coach.store.schema import sessions
    from coach.store.writer import SessionWriter

    staff_id = author.check_may_record(store, staff_id)
    key = session_uuid(outcome.file, fingerprint, staff_id)
    run = outcome.result.run if outcome.result is not None else None
    length = run.media_s if run is not None else 0.0
    ended = datetime.fromtimestamp(outcome.file.mtime_ns / 1e9, UTC)
    started = ended - timedelta(seconds=length)
    with store.writing() as conn:
        owner = conn.execute(  # the same recording, filed under someone else
            select(sessions.c.staff_id).where(
                sessions.c.workstation == "batch", sessions.c.source == outcome.file.rel[:500],
                sessions.c.started_at == started, sessions.c.staff_id != staff_id)
        ).first()
        if owner is not None:
            raise StoreError("security.session_of_other", source=outcome.file.rel, owner=owner.staff_id,
                             staff_id=staff_id)
        # a rerun replaces this person's session; its rows go with it (ON DELETE CASCADE)
        conn.execute(sessions.delete().where(sessions.c.uuid == key, sessions.c.staff_id == staff_id))
    writer = SessionWriter(store, staff_id, source=outcome.file.rel, workstation="batch", span_s=BULK_SPAN_S,
                           started_at=started, settings=settings, session_uuid=key,
                           recorded_by=author.label)
    for step in outcome.steps:
        writer.add(step)
    writer.add_events(outcome.final_events)
    writer.close(summary=outcome.summary)
