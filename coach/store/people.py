"""People (staff, supervisors, admins) and their calibration profiles."""

from __future__ import annotations

import dataclasses
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update

from coach.store.errors import StoreError
from coach.store.identity import canonical_id, canonical_name, canonical_team
from coach.store.schema import ROLES, calibration_profiles, people
from coach.store.util import json_safe


@dataclass(frozen=True)
class Person:
    staff_id: str
    display_name: str
    role: str
    team: str | None
    active: bool = True


def check_person_fields(
    staff_id: str, display_name: str, role: str, team: str | None
) -> tuple[str, str, str | None]:
    """The canonical (id, name, team), or StoreError for an invalid id, name or team, an unknown
    role, or a staff member / supervisor without a team. Every writer of people goes through here."""
    staff_id = canonical_id(staff_id)
    display_name = canonical_name(display_name, staff_id)
    team = canonical_team(team)
    if role not in ROLES:
        raise StoreError("store.error.bad_role", role=role, roles=", ".join(ROLES))
    if role != "admin" and not team:
        raise StoreError("store.error.team_needed", staff_id=staff_id)
    return staff_id, display_name, team


def _person(row) -> Person:
    return Person(row.staff_id, row.display_name, row.role, row.team, bool(row.active))


def get_person(store, staff_id: str) -> Person | None:
    staff_id = canonical_id(staff_id)
    with store.reading() as conn:
        row = conn.execute(select(people).where(people.c.staff_id == staff_id)).first()
    return _person(row) if row else None


def list_people(store, *, team: str | None = None) -> list[Person]:
    query = select(people).order_by(people.c.team, people.c.display_name, people.c.staff_id)
    if team is not None:
        query = query.where(people.c.team == canonical_team(team))
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
    staff_id, display_name, team = check_person_fields(staff_id, display_name, role, team)
    values = {"display_name": display_name, "role": role, "team": team}
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


def require_person(store, staff_id: str) -> Person:
    """The active person with this (canonical) id, for recording a session or a profile under it.

    There is no creating on the fly: people are added by an admin or their supervisor, with the
    same checks everywhere (`access.add_person`), so a recording cannot smuggle in a person.
    """
    found = get_person(store, staff_id)
    if found is None or not found.active:
        raise StoreError("security.unknown_person", staff_id=canonical_id(staff_id))
    return found


def save_profile(
    store, staff_id: str, kind: str, data: object, *, workstation: str | None = None
) -> uuid.UUID:
    """Keep a calibration profile (a baseline dataclass or a dict); the newest of a kind is in force."""
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        data = dataclasses.asdict(data)
    staff_id = canonical_id(staff_id)
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
    staff_id = canonical_id(staff_id)
    query = (
        select(calibration_profiles.c.data)
        .where(calibration_profiles.c.staff_id == staff_id, calibration_profiles.c.kind == kind)
        .order_by(calibration_profiles.c.created_at.desc(), calibration_profiles.c.id.desc())
        .limit(1)
    )
    with store.reading() as conn:
        row = conn.execute(query).first()
    return dict(row.data) if row else None
