"""Access control: logins, roles and the server-side checks on every report and export
(the library functions the panel uses, and the `python -m coach export` / `admin` commands)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from engine_steps import live_steps
from sqlalchemy import select

from coach.i18n import t
from coach.store import (
    AccessDenied,
    LoginFailed,
    Scope,
    SessionWriter,
    StoreError,
    access,
    build_report,
    export_bytes,
    export_file,
)
from coach.store.schema import login_sessions, people

pytest_plugins = ("store_pg",)

ROOT = Path(__file__).resolve().parents[1]
TODAY = date.today()
PASSWORDS = {
    "adm": "admin-secret-1",
    "supA": "sup-a-secret",
    "supB": "sup-b-secret",
    "a1": "a1-secret-pw",
    "a2": "a2-secret-pw",
    "b1": "b1-secret-pw",
}


pytestmark = pytest.mark.usefixtures("cheap_hashing")  # conftest.py


@pytest.fixture
def branch(store):
    """An admin, two teams with a supervisor each, staff with a recorded session each."""
    access.create_first_admin(store, "adm", "Admin", PASSWORDS["adm"])
    admin = access.login(store, "adm", PASSWORDS["adm"])
    for staff_id, name, role, team in (
        ("supA", "Sup A", "supervisor", "A"),
        ("supB", "Sup B", "supervisor", "B"),
        ("a1", "Ann", "staff", "A"),
        ("a2", "Al", "staff", "A"),
        ("b1", "Bo", "staff", "B"),
    ):
        access.add_person(store, admin, staff_id, name, role, team, password=PASSWORDS[staff_id])
    for staff_id in ("a1", "a2", "b1"):
        with SessionWriter(store, staff_id) as writer:
            for step in live_steps(3.0, 5.0):
                writer.add(step)
    return store


def _login(store, staff_id: str):
    return access.login(store, staff_id, PASSWORDS[staff_id])


def _export(store, login, scope, fmt="csv"):
    return export_bytes(store, login, scope, TODAY - timedelta(days=1), TODAY + timedelta(days=1), fmt)


# ---- the three refusals the issue names -------------------------------------------------------
def test_an_unauthenticated_export_is_refused(branch, tmp_path):
    forged = access.Login("forged", "adm", datetime.now(UTC) + timedelta(hours=1))
    for fmt in ("csv", "xlsx", "pdf"):
        for login in (None, "not-a-token", forged):
            with pytest.raises(AccessDenied) as refused:
                export_file(branch, login, Scope.team("A"), TODAY, TODAY, fmt, tmp_path / f"out.{fmt}")
            assert refused.value.key == "store.access.not_logged_in"
        assert not (tmp_path / f"out.{fmt}").exists()


def test_staff_asking_for_a_colleagues_data_is_refused(branch):
    me = _login(branch, "a1")
    for scope in (Scope.person("a2"), Scope.person("b1"), Scope.team("A"), Scope.branch()):
        with pytest.raises(AccessDenied):
            _export(branch, me, scope)
    name, _, data = _export(branch, me, Scope.person("a1"))
    assert data.startswith("\ufeff".encode()) and b"a1" in data and b"a2" not in data


def test_a_supervisor_asking_for_another_team_is_refused(branch):
    sup = _login(branch, "supA")
    for scope in (Scope.team("B"), Scope.person("b1"), Scope.person("supB"), Scope.branch()):
        with pytest.raises(AccessDenied) as refused:
            _export(branch, sup, scope)
        assert refused.value.message("en")
    _, _, team = _export(branch, sup, Scope.team("A"))
    assert b"a1" in team and b"a2" in team and b"b1" not in team
    _, _, one = _export(branch, sup, Scope.person("a2"))
    assert b"a2" in one


def test_an_admin_sees_the_whole_branch(branch):
    report = build_report(branch, _login(branch, "adm"), Scope.branch(), TODAY - timedelta(days=1), TODAY)
    assert {p.staff_id for p, f in report.people if f.sessions} == {"a1", "a2", "b1"}


# ---- logins -----------------------------------------------------------------------------------
def test_passwords_are_hashed_with_argon2_and_wrong_ones_refused_alike(branch):
    with branch.reading() as conn:
        stored = conn.execute(select(people.c.password_hash).where(people.c.staff_id == "a1")).scalar()
    assert stored.startswith("$argon2id$") and PASSWORDS["a1"] not in stored
    with pytest.raises(LoginFailed) as wrong:
        access.login(branch, "a1", "wrong password")
    with pytest.raises(LoginFailed) as unknown:
        access.login(branch, "zz", "wrong password")
    assert wrong.value.message("en") == unknown.value.message("en")


def test_logins_expire_and_are_stored_only_as_hashes(branch):
    start = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
    login = access.login(branch, "supA", PASSWORDS["supA"], now=start)
    # ids are case-folded (coach.store.identity)
    assert access.authenticate(branch, login, now=start + timedelta(minutes=20)).staff_id == "supa"
    with branch.reading() as conn:
        hashes = [row.token_hash for row in conn.execute(select(login_sessions))]
    assert login.token not in hashes
    with pytest.raises(AccessDenied) as idle:  # idle for longer than the idle timeout
        access.authenticate(branch, login, now=start + timedelta(minutes=20) + access.IDLE_TIMEOUT)
    assert idle.value.key == "store.access.expired"
    kept_busy = access.login(branch, "supA", PASSWORDS["supA"], now=start)
    moment = start
    while moment < start + access.LOGIN_TTL - timedelta(minutes=10):
        moment += timedelta(minutes=10)
        access.authenticate(branch, kept_busy, now=moment)
    with pytest.raises(AccessDenied):  # active all day, but past the absolute lifetime
        access.authenticate(branch, kept_busy, now=start + access.LOGIN_TTL + timedelta(minutes=1))
    logged_out = _login(branch, "supA")
    access.logout(branch, logged_out)
    with pytest.raises(AccessDenied):
        _export(branch, logged_out, Scope.team("A"))


def test_repeated_wrong_passwords_lock_the_account_for_a_while(branch):
    now = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
    for _ in range(access.MAX_FAILED_LOGINS):
        with pytest.raises(LoginFailed):
            access.login(branch, "b1", "guess-guess", now=now)
    with pytest.raises(LoginFailed) as locked:
        access.login(branch, "b1", PASSWORDS["b1"], now=now)
    assert locked.value.key == "store.access.login_failed"  # the same answer as for an unknown id
    assert access.login(branch, "b1", PASSWORDS["b1"], now=now + access.LOCKOUT + timedelta(seconds=1))


def test_a_role_change_or_deactivation_applies_to_logins_already_open(branch):
    sup = _login(branch, "supA")
    _export(branch, sup, Scope.team("A"))
    admin = _login(branch, "adm")
    access.add_person(branch, admin, "supA", "Sup A", "staff", "A")
    with pytest.raises(AccessDenied):
        _export(branch, sup, Scope.team("A"))
    staff = _login(branch, "a1")
    access.set_active(branch, admin, "a1", False)
    with pytest.raises(AccessDenied):
        _export(branch, staff, Scope.person("a1"))
    with pytest.raises(LoginFailed):
        _login(branch, "a1")


def test_first_admin_set_up_happens_once_and_needs_a_real_password(store):
    with pytest.raises(StoreError) as short:
        access.create_first_admin(store, "adm", "Admin", "short")
    assert short.value.key == "store.error.password_short"
    with pytest.raises(StoreError):
        access.create_first_admin(store, "adm", "Admin", "adm")
    assert not access.has_admin(store)
    access.create_first_admin(store, "adm", "Admin", "long enough pw")
    with pytest.raises(AccessDenied) as again:
        access.create_first_admin(store, "adm2", "Admin 2", "long enough pw")
    assert again.value.key == "store.access.admin_exists"


def test_only_admins_manage_people_and_supervisors_add_staff_to_their_own_team(branch):
    staff = _login(branch, "a1")
    with pytest.raises(AccessDenied):
        access.add_person(branch, staff, "x1", "X", "staff", "A")
    sup = _login(branch, "supA")
    access.add_person(branch, sup, "a3", "Newcomer", "staff", "A", password="newcomer-pw")
    for args in (
        ("b2", "Other", "staff", "B"),
        ("s9", "Boss", "supervisor", "A"),
        ("b1", "Bo", "staff", "A"),
    ):
        with pytest.raises(AccessDenied):
            access.add_person(branch, sup, *args)
    with pytest.raises(AccessDenied):
        access.add_person(branch, None, "x2", "X", "staff", "A")
    with pytest.raises(AccessDenied):
        access.set_password(branch, staff, "a2", "new-password-1")
    access.set_password(branch, staff, "a1", "new-password-1")
    assert access.login(branch, "a1", "new-password-1")


# ---- the commands ---------------------------------------------------------------------------
def _coach(db_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COACH_DB_URL": db_url, "COACH_LANG": "en"}
    env.pop("COACH_USER", None)
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_export_command_logs_in_and_refuses_another_teams_report(branch, tmp_path):
    url = branch.url
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    day = TODAY.isoformat()
    refused = _coach(
        url,
        "export",
        "--team",
        "B",
        "--from",
        day,
        "--to",
        day,
        "--format",
        "pdf",
        "--user",
        "supA",
        "--out",
        str(tmp_path),
        "--password-stdin",
        stdin=PASSWORDS["supA"] + "\n",
    )
    assert refused.returncode == 2
    assert refused.stderr.strip() == f"Error: {t('store.access.not_your_team', 'en')}"
    assert list(tmp_path.iterdir()) == []
    wrong = _coach(url, "export", "--team", "A", "--user", "supA", "--password-stdin", stdin="nope\n")
    assert wrong.returncode == 2 and t("store.access.login_failed", "en") in wrong.stderr
    done = _coach(
        url,
        "export",
        "--team",
        "A",
        "--from",
        day,
        "--to",
        day,
        "--format",
        "xlsx",
        "--user",
        "supA",
        "--out",
        str(tmp_path),
        "--password-stdin",
        stdin=PASSWORDS["supA"] + "\n",
    )
    assert done.returncode == 0, done.stderr
    (made,) = tmp_path.iterdir()
    assert made.suffix == ".xlsx" and made.stat().st_size > 1000


def test_admin_init_command_has_no_default_password_and_runs_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    first = _coach(
        url, "admin", "init", "--id", "boss", "--name", "Boss", "--password-stdin", stdin="a-long-password\n"
    )
    assert first.returncode == 0, first.stderr
    second = _coach(
        url, "admin", "init", "--id", "boss2", "--name", "Boss 2", "--password-stdin", stdin="x" * 12
    )
    assert second.returncode == 2 and t("store.access.admin_exists", "en") in second.stderr
    added = _coach(
        url,
        "admin",
        "add",
        "--id",
        "s1",
        "--name",
        "Sam",
        "--team",
        "A",
        "--as",
        "boss",
        "--password-stdin",
        stdin="a-long-password\n",
    )
    assert added.returncode == 0, added.stderr
    listed = _coach(url, "admin", "list", "--as", "boss", "--password-stdin", stdin="a-long-password\n")
    assert "s1\tSam\tstaff\tA" in listed.stdout  # COACH_LANG=en
