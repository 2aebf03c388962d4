"""Who may see what: logins, roles and the checks every report and export goes through.

* Passwords are hashed with argon2id (argon2-cffi); no password is ever stored or shipped in
  clear, and there is no default one: the first admin is created by `create_first_admin`,
  which refuses once any admin has ever existed (a fact the store keeps), and the last active
  admin can be neither demoted nor deactivated.
* Every id and team is put in its canonical form (coach.store.identity) before any check, and
  the checks compare canonical forms.
* A login is a random token; the database keeps only its SHA-256, with an absolute expiry and
  an idle timeout. `authenticate` re-reads the person on every call, so a role change or a
  deactivation takes effect at once, and an export checks the login itself rather than trusting
  whatever the UI believes about the user.
* Roles: staff see only their own history; a supervisor sees their team; an admin sees all.
* Five wrong passwords in a row lock the account for LOCKOUT. A failed login gets the same
  answer, after the same work, whether the id exists, is locked, or not.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select, text, update

from coach.store.errors import AccessDenied, LoginFailed, StoreError
from coach.store.identity import canonical_id, canonical_team
from coach.store.people import Person, check_person_fields, put_person
from coach.store.schema import login_sessions, people, store_facts
from coach.store.util import utc

LOGIN_TTL = timedelta(hours=10)  # a working day and a bit
IDLE_TIMEOUT = timedelta(minutes=30)
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=10)
MIN_PASSWORD_LENGTH = 8
_FIRST_ADMIN_LOCK = 0x636F616369

_dummy_hash: list[str] = []
_hasher = PasswordHasher()  # argon2id with the library's defaults (RFC 9106 "low memory" profile)


def use_password_hasher(hasher: PasswordHasher) -> PasswordHasher:
    """Swap the argon2 parameters (returns the previous hasher). Tests use a cheap one; existing
    hashes keep verifying, and are rehashed to the hasher in force at their next login."""
    global _hasher
    previous, _hasher = _hasher, hasher
    _dummy_hash.clear()
    return previous


def _unknown_user_hash() -> str:
    """Verified against when the staff id is unknown, so a wrong id takes as long as a wrong password."""
    if not _dummy_hash:
        _dummy_hash.append(_hasher.hash(secrets.token_hex(16)))
    return _dummy_hash[0]


@dataclass(frozen=True)
class User(Person):
    """A person known to be logged in right now."""


@dataclass(frozen=True)
class Login:
    """What a UI or the CLI holds after logging in: the token and who it was issued to."""

    token: str
    staff_id: str
    expires_at: datetime


@dataclass(frozen=True)
class Scope:
    """What a report covers: one person, one team, or the whole branch."""

    kind: str  # "person" | "team" | "branch"
    value: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("person", "team", "branch"):
            raise ValueError(f"scope kind must be person, team or branch, got {self.kind!r}")
        if self.kind != "branch" and not self.value:
            raise ValueError(f"a {self.kind} scope needs a value")
        if self.kind == "person":
            object.__setattr__(self, "value", canonical_id(self.value))
        elif self.kind == "team":
            object.__setattr__(self, "value", canonical_team(self.value))

    @classmethod
    def person(cls, staff_id: str) -> Scope:
        return cls("person", staff_id)

    @classmethod
    def team(cls, name: str) -> Scope:
        return cls("team", name)

    @classmethod
    def branch(cls) -> Scope:
        return cls("branch")


def hash_password(password: str, staff_id: str = "") -> str:
    check_password(password, staff_id)
    return _hasher.hash(password)


def check_password(password: str, staff_id: str = "") -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise StoreError("store.error.password_short", minimum=MIN_PASSWORD_LENGTH)
    if staff_id and password.strip().casefold() == staff_id.strip().casefold():
        raise StoreError("store.error.password_is_id")


ADMIN_CREATED = "admin_created"


def has_admin(store) -> bool:
    """Whether an admin was ever created here (first-run set-up is over), active or not."""
    with store.reading() as conn:
        return _admin_ever(conn)


def _admin_ever(conn) -> bool:
    if conn.execute(select(store_facts.c.name).where(store_facts.c.name == ADMIN_CREATED)).first():
        return True
    any_admin = select(people.c.staff_id).where(people.c.role == "admin").limit(1)
    return conn.execute(any_admin).first() is not None


def _note_admin_created(store, conn) -> None:
    conn.execute(
        store.insert(store_facts)
        .values(name=ADMIN_CREATED, value="", set_at=datetime.now(UTC))
        .on_conflict_do_nothing(index_elements=["name"])
    )


def _check_not_last_admin(conn, staff_id: str) -> None:
    """AccessDenied when `staff_id` is the only active admin (they would lock everyone out)."""
    others = conn.execute(
        select(people.c.staff_id)
        .where(people.c.role == "admin", people.c.active.is_(True), people.c.staff_id != staff_id)
        .limit(1)
    ).first()
    if others is None:
        raise AccessDenied("security.last_admin", staff_id=staff_id)


def create_first_admin(store, staff_id: str, display_name: str, password: str) -> Person:
    """The first-run set-up: refused once any admin has ever existed (then an admin adds people)."""
    staff_id, display_name, _ = check_person_fields(staff_id, display_name, "admin", None)
    password_hash = hash_password(password, staff_id)
    with store.writing() as conn:
        if (
            store.dialect == "postgresql"
        ):  # two first-run set-ups at once: the second waits, then sees the first
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _FIRST_ADMIN_LOCK})
        if _admin_ever(conn):
            raise AccessDenied("store.access.admin_exists")
        _note_admin_created(store, conn)
        return put_person(
            store, staff_id, display_name, "admin", None, password_hash=password_hash, conn=conn
        )


def add_person(
    store,
    login: Login | str | None,
    staff_id: str,
    display_name: str,
    role: str = "staff",
    team: str | None = None,
    password: str | None = None,
) -> Person:
    """Add or change a person. Admins may do anything but demote the last active admin; a supervisor
    may add (or change) staff of their own team. Checks compare canonical ids and teams."""
    actor = authenticate(store, login)
    staff_id, display_name, team = check_person_fields(staff_id, display_name, role, team)
    if actor.role != "admin":
        if not (actor.role == "supervisor" and role == "staff" and team == actor.team):
            raise AccessDenied("store.access.cannot_manage_people")
        existing = _get_row(store, staff_id)
        if existing is not None and (existing.role != "staff" or existing.team != actor.team):
            raise AccessDenied("store.access.cannot_manage_people")
    password_hash = hash_password(password, staff_id) if password else None
    with store.writing() as conn:
        existing = conn.execute(select(people).where(people.c.staff_id == staff_id)).first()
        if existing is not None and existing.role == "admin" and existing.active and role != "admin":
            _check_not_last_admin(conn, staff_id)
        if role == "admin":
            _note_admin_created(store, conn)
        return put_person(store, staff_id, display_name, role, team, password_hash=password_hash, conn=conn)


def set_password(store, login: Login | str | None, staff_id: str, new_password: str) -> None:
    """Admins set anyone's password; everyone else only their own."""
    actor = authenticate(store, login)
    staff_id = canonical_id(staff_id)
    if actor.role != "admin" and actor.staff_id != staff_id:
        raise AccessDenied("store.access.cannot_manage_people")
    password_hash = hash_password(new_password, staff_id)
    with store.writing() as conn:
        changed = conn.execute(
            update(people)
            .where(people.c.staff_id == staff_id)
            .values(password_hash=password_hash, failed_logins=0, locked_until=None)
        ).rowcount
        if not changed:
            raise StoreError("store.error.unknown_person", staff_id=staff_id)
        conn.execute(delete(login_sessions).where(login_sessions.c.staff_id == staff_id))


def set_active(store, login: Login | str | None, staff_id: str, active: bool) -> None:
    actor = authenticate(store, login)
    if actor.role != "admin":
        raise AccessDenied("store.access.cannot_manage_people")
    staff_id = canonical_id(staff_id)
    with store.writing() as conn:
        target = conn.execute(select(people).where(people.c.staff_id == staff_id)).first()
        if target is None:
            raise StoreError("store.error.unknown_person", staff_id=staff_id)
        if not active and target.role == "admin" and target.active:
            _check_not_last_admin(conn, staff_id)
        conn.execute(update(people).where(people.c.staff_id == staff_id).values(active=active))
        if not active:
            conn.execute(delete(login_sessions).where(login_sessions.c.staff_id == staff_id))


def login(
    store, staff_id: str, password: str, *, now: datetime | None = None, ttl: timedelta = LOGIN_TTL
) -> Login:
    """Check the password and open a login; LoginFailed otherwise, with one message and the same
    work for every cause (unknown or malformed id, wrong password, locked or inactive account), so
    the answer does not tell which ids exist."""
    now = utc(now) or datetime.now(UTC)
    try:
        row = _get_row(store, canonical_id(staff_id))
    except StoreError:
        row = None
    if row is None or not row.password_hash:
        _verify(_unknown_user_hash(), password)
        raise LoginFailed("store.access.login_failed")
    if row.locked_until is not None and utc(row.locked_until) > now:
        _verify(_unknown_user_hash(), password)
        raise LoginFailed("store.access.login_failed")
    if not _verify(row.password_hash, password) or not row.active:
        failed = (row.failed_logins or 0) + 1
        locked_until = now + LOCKOUT if failed >= MAX_FAILED_LOGINS else None
        with store.writing() as conn:
            conn.execute(
                update(people)
                .where(people.c.staff_id == row.staff_id)
                .values(failed_logins=0 if locked_until else failed, locked_until=locked_until)
            )
        raise LoginFailed("store.access.login_failed")
    token = secrets.token_urlsafe(32)
    expires_at = now + ttl
    with store.writing() as conn:
        conn.execute(delete(login_sessions).where(login_sessions.c.expires_at < now))
        conn.execute(
            update(people).where(people.c.staff_id == row.staff_id).values(failed_logins=0, locked_until=None)
        )
        conn.execute(
            login_sessions.insert().values(
                token_hash=_token_hash(token),
                staff_id=row.staff_id,
                created_at=now,
                expires_at=expires_at,
                last_seen_at=now,
            )
        )
        if _hasher.check_needs_rehash(row.password_hash):
            conn.execute(
                update(people)
                .where(people.c.staff_id == row.staff_id)
                .values(password_hash=_hasher.hash(password))
            )
    return Login(token, row.staff_id, expires_at)


def authenticate(
    store, login: Login | str | None, *, now: datetime | None = None, idle_timeout: timedelta = IDLE_TIMEOUT
) -> User:
    """The user behind a login, read afresh from the database; AccessDenied when there is none."""
    if login is None:
        raise AccessDenied("store.access.not_logged_in")
    token = login.token if isinstance(login, Login) else str(login)
    now = utc(now) or datetime.now(UTC)
    with store.writing() as conn:
        found = conn.execute(
            select(login_sessions, people.c.display_name, people.c.role, people.c.team, people.c.active)
            .join(people, people.c.staff_id == login_sessions.c.staff_id)
            .where(login_sessions.c.token_hash == _token_hash(token))
        ).first()
        if found is None:
            raise AccessDenied("store.access.not_logged_in")
        if utc(found.expires_at) <= now or utc(found.last_seen_at) + idle_timeout <= now or not found.active:
            conn.execute(delete(login_sessions).where(login_sessions.c.token_hash == found.token_hash))
            raise AccessDenied("store.access.expired")
        conn.execute(
            update(login_sessions)
            .where(login_sessions.c.token_hash == found.token_hash)
            .values(last_seen_at=now)
        )
    return User(found.staff_id, found.display_name, found.role, found.team, True)


def logout(store, login: Login | str | None) -> None:
    if login is None:
        return
    token = login.token if isinstance(login, Login) else str(login)
    with store.writing() as conn:
        conn.execute(delete(login_sessions).where(login_sessions.c.token_hash == _token_hash(token)))


def authorize(store, user: User, scope: Scope) -> None:
    """Raise AccessDenied unless `user` may see `scope`."""
    if user.role == "admin":
        return
    if scope.kind == "person":
        if scope.value == user.staff_id:
            return
        if user.role == "supervisor":
            target = _get_row(store, scope.value)
            if target is not None and target.team == user.team and target.role == "staff":
                return
        raise AccessDenied("store.access.not_your_data")
    if scope.kind == "team" and user.role == "supervisor" and scope.value == user.team:
        return
    raise AccessDenied("store.access.not_your_team")


def visible_scopes(store, user: User) -> list[Scope]:
    """The scopes `user` may pick in a report form, widest first."""
    from coach.store.people import list_people, list_teams

    if user.role == "admin":
        return (
            [Scope.branch()]
            + [Scope.team(name) for name in list_teams(store)]
            + [Scope.person(p.staff_id) for p in list_people(store)]
        )
    if user.role == "supervisor":
        team = [
            p for p in list_people(store, team=user.team) if p.role == "staff" or p.staff_id == user.staff_id
        ]
        return [Scope.team(user.team)] + [Scope.person(p.staff_id) for p in team]
    return [Scope.person(user.staff_id)]


def _get_row(store, staff_id: str):
    with store.reading() as conn:
        return conn.execute(select(people).where(people.c.staff_id == staff_id)).first()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
