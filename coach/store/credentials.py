"""Who is writing: nothing goes into the store without an identity, and what is written says whose.

Two kinds of identity may record sessions:

* a **login** (staff id and password, `coach.store.access.login`): staff record their own
  sessions, a supervisor their team's staff, an admin anyone's;
* a **workstation credential**: a random token an admin issues to one workstation
  (`python -m coach admin token issue --name counter-3`) and revokes when the machine is retired or
  the token leaks (`admin token revoke --name counter-3`). The database keeps only its SHA-256.
  The workstation finds it in `COACH_TOKEN`, else in the file `COACH_TOKEN_FILE` (default
  `<data folder>/workstation.token`), which must be readable by its owner only (0600), like an
  SSH key. A workstation records sessions of any active person: it is the counter's machine.

The session row keeps `recorded_by` ("login:<staff id>" or "token:<name>"), so every recording
can be traced to the login or workstation that made it.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select, update

from coach.store.errors import AccessDenied, StoreError
from coach.store.identity import canonical_id
from coach.store.schema import workstation_tokens

ENV_TOKEN = "COACH_TOKEN"
ENV_TOKEN_FILE = "COACH_TOKEN_FILE"
TOKEN_FILE_NAME = "workstation.token"


@dataclass(frozen=True)
class Author:
    """The identity a write is made under."""

    kind: str  # "login" | "token"
    name: str  # the staff id of the login, or the workstation's name
    role: str = "workstation"  # the login's role; "workstation" for a token
    team: str | None = None

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.name}"

    def check_may_record(self, store, staff_id: str) -> str:
        """The canonical id of `staff_id` when this identity may record their sessions; else AccessDenied
        (or StoreError when the person is unknown or inactive)."""
        from coach.store.people import require_person

        person = require_person(store, staff_id)
        if self.kind == "token" or self.role == "admin" or person.staff_id == self.name:
            return person.staff_id
        if self.role == "supervisor" and person.role == "staff" and person.team == self.team:
            return person.staff_id
        raise AccessDenied("security.may_not_record", staff_id=person.staff_id)


def issue_token(store, login, name: str, *, now: datetime | None = None) -> str:
    """A new workstation credential (admins only); returned once, kept only as its hash."""
    from coach.store.access import authenticate

    actor = authenticate(store, login)
    if actor.role != "admin":
        raise AccessDenied("security.tokens_admin_only")
    name = canonical_id(name)
    token = "cw_" + secrets.token_urlsafe(32)
    with store.writing() as conn:
        if conn.execute(select(workstation_tokens.c.name).where(workstation_tokens.c.name == name)).first():
            raise StoreError("security.token_name_taken", name=name)
        conn.execute(
            workstation_tokens.insert().values(
                token_hash=_hash(token),
                name=name,
                issued_by=actor.staff_id,
                issued_at=now or datetime.now(UTC),
            )
        )
    return token


def revoke_token(store, login, name: str, *, now: datetime | None = None) -> None:
    from coach.store.access import authenticate

    actor = authenticate(store, login)
    if actor.role != "admin":
        raise AccessDenied("security.tokens_admin_only")
    name = canonical_id(name)
    with store.writing() as conn:
        changed = conn.execute(
            update(workstation_tokens)
            .where(workstation_tokens.c.name == name, workstation_tokens.c.revoked_at.is_(None))
            .values(revoked_at=now or datetime.now(UTC))
        ).rowcount
    if not changed:
        raise StoreError("security.unknown_token", name=name)


def token_author(store, token: str) -> Author:
    """The workstation a token belongs to; AccessDenied for an unknown or revoked token."""
    with store.reading() as conn:
        row = conn.execute(
            select(workstation_tokens).where(workstation_tokens.c.token_hash == _hash(token))
        ).first()
    if row is None or row.revoked_at is not None:
        raise AccessDenied("security.bad_token")
    return Author("token", row.name)


def login_author(store, login) -> Author:
    from coach.store.access import authenticate

    user = authenticate(store, login)
    return Author("login", user.staff_id, user.role, user.team)


def workstation_token() -> str | None:
    """This workstation's credential: COACH_TOKEN, else the token file; None when there is none.

    A token file that others may read is refused (StoreError), like an SSH key: revoke that token.
    """
    if os.environ.get(ENV_TOKEN):
        return os.environ[ENV_TOKEN].strip()
    path = token_file()
    try:
        info = path.stat()
    except OSError:
        return None
    if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise StoreError("security.token_file_open", path=str(path), mode=f"{stat.S_IMODE(info.st_mode):o}")
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError as problem:
        raise StoreError("security.token_file_unreadable", path=str(path), detail=problem.strerror) from None


def token_file() -> Path:
    from coach.store.db import data_dir

    return Path(os.environ.get(ENV_TOKEN_FILE) or data_dir() / TOKEN_FILE_NAME)


def writing_author(store, login=None) -> Author:
    """The identity for a write: the login when given, else this workstation's credential;
    StoreError saying how to get one when there is neither."""
    if login is not None:
        return login_author(store, login)
    token = workstation_token()
    if token is None:
        raise AccessDenied("security.need_identity")
    return token_author(store, token)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
