"""People (staff, supervisors, admins) and their calibration profiles."""

from __future__ import annotations

import dataclasses
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update

from coach.store.errors import StoreError
from coach.store.schema import ROLES, calibration_profiles, people
from coach.store.util import json_safe


@dataclass(frozen=True)
class Person:
    staff_id: str
    display_name: str
    role: str
    team: str | None
    active: bool = True


def check_person_fields(staff_id: str, display_name: str, role: str, team: str | None) -> None:
    """Reject an empty id or name, an unknown role, or a staff member / supervisor without a team."""
    if not staff_id or not staff_id.strip() or len(staff_id) > 64:
        raise StoreError("store.error.bad_staff_id", staff_id=staff_id)
    if not display_name or not display_name.strip():
        raise StoreError("store.error.bad_name", staff_id=staff_id)
    if role not in ROLES:
        raise StoreError("store.error.bad_role", role=role, roles=", ".join(ROLES))
    if role != "admin" and not (team and team.strip()):
        raise StoreError("store.error.team_needed", staff_id=staff_id)


def _person(row) -> Person:
    return Person(row.staff_id, row.display_name, row.role, row.team, bool(row.active))


def get_person(store, staff_id: str) -> Person | None:
    with store.reading() as conn:
        row = conn.execute(select(people).where(people.c.staff_id == staff_id)).first()
    return _person(row) if row else None


def list_people(store, *, team: str | None = None) -> list[Person]:
    query = select(people).order_by(people.c.team, people.c.display_name, people.c.staff_id)
    if team is not None:
        query = query.where(people.c.team == team)
    with store.reading() as conn:
        return [_person(row) for row in conn.execute(query)]


def list_teams(store) -> list[str]:
    with store.reading() as conn:
        rows = conn.execute(select(people.c.team).where(people.c.team.is_not(None)).distinct())
        return sorted(row.team for row in rows)


def put_person(
    store,
    staff_id: str,
    display_name: str,
    role: str = "staff",
    team: str | None = None,
    *,
    password_hash: str | None = None,
    conn=None,
) -> Person:
    """Insert or update a person. No permission check here: callers go through `access`."""
    staff_id = staff_id.strip()
    check_person_fields(staff_id, display_name, role, team)
    values = {"display_name": display_name.strip(), "role": role, "team": team.strip() if team else None}
    if password_hash is not None:
        values["password_hash"] = password_hash

    def _write(c) -> None:
        changed = c.execute(update(people).where(people.c.staff_id == staff_id).values(**values)).rowcount
        if not changed:
            c.execute(
                people.insert().values(
                    staff_id=staff_id, created_at=datetime.now(UTC), active=True, failed_logins=0, **values
                )
            )

    if conn is not None:
        _write(conn)
    else:
        with store.writing() as c:
            _write(c)
    return Person(staff_id, values["display_name"], role, values["team"])


def ensure_person(store, staff_id: str, display_name: str | None = None, team: str | None = None) -> Person:
    """The person with this id, created as staff when missing (for sessions recorded before set-up)."""
    found = get_person(store, staff_id)
    if found:
        return found
    with store.writing() as conn:
        conn.execute(
            store.insert(people)
            .values(
                staff_id=staff_id,
                display_name=display_name or staff_id,
                role="staff",
                team=team or "-",
                active=True,
                failed_logins=0,
                created_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing()
        )
    return get_person(store, staff_id)


def save_profile(
    store, staff_id: str, kind: str, data: object, *, workstation: str | None = None
) -> uuid.UUID:
    """Keep a calibration profile (a baseline dataclass or a dict); the newest of a kind is in force."""
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        data = dataclasses.asdict(data)
    key = uuid.uuid4()
    with store.writing() as conn:
        conn.execute(
            calibration_profiles.insert().values(
                uuid=key,
                staff_id=staff_id,
                kind=kind,
                created_at=datetime.now(UTC),
                workstation=workstation or socket.gethostname(),
                data=json_safe(data),
            )
        )
    return key


def latest_profile(store, staff_id: str, kind: str) -> dict | None:
    query = (
        select(calibration_profiles.c.data)
        .where(calibration_profiles.c.staff_id == staff_id, calibration_profiles.c.kind == kind)
        .order_by(calibration_profiles.c.created_at.desc(), calibration_profiles.c.id.desc())
        .limit(1)
    )
    with store.reading() as conn:
        row = conn.execute(query).first()
    return dict(row.data) if row else None
