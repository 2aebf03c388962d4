"""The queue system's hook end to end: `python -m coach signal …` through the live coach's
loopback endpoint, checked against a real store's credentials (SQLite file, then PostgreSQL),
into the engine, where it starts and ends a service."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request

import pytest
from posture_bodies import front_body

from coach.cli import main
from coach.engine import Engine
from coach.service_hook import ServiceHook, SignalInbox
from coach.store import access
from coach.store.credentials import issue_token, revoke_token
from coach.trackers.service import ServiceMoments
from coach.types import Observation

pytest_plugins = ("store_pg",)
UPRIGHT = front_body(standing=False)
PASSWORDS = {"adm": "adm-secret-pw", "alice": "alice-secret-pw", "bob": "bob-secret-pw"}


pytestmark = pytest.mark.usefixtures("cheap_hashing")  # conftest.py


@pytest.fixture
def counter(store, tmp_path, monkeypatch):
    """A branch with two clerks; this workstation holds a token; alice's live coach listens."""
    access.create_first_admin(store, "adm", "Admin", PASSWORDS["adm"])
    admin = access.login(store, "adm", PASSWORDS["adm"])
    for staff_id, name in (("alice", "Alice"), ("bob", "Bob")):
        access.add_person(store, admin, staff_id, name, "staff", "A", password=PASSWORDS[staff_id])
    token = issue_token(store, admin, "counter-3")
    monkeypatch.delenv("COACH_TOKEN", raising=False)
    monkeypatch.setenv("COACH_TOKEN_FILE", str(tmp_path / "no-token-here"))
    monkeypatch.setenv("COACH_LANG", "en")
    inbox = SignalInbox()
    with ServiceHook(store, "alice", inbox.put, port=0) as hook:
        yield store, token, inbox, hook, admin


def signal(capsys, monkeypatch, hook, store, *args: str, token: str | None = None, stdin: str = "") \
        -> tuple[int, str, str]:
    if token is not None:
        monkeypatch.setenv("COACH_TOKEN", token)
    else:
        monkeypatch.delenv("COACH_TOKEN", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["signal", *args, "--port", str(hook.port), "--db", store.url, "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_hook_signal_starts_and_ends_a_service(counter, capsys, monkeypatch):
    store, token, inbox, hook, _ = counter
    engine = Engine(source="alice")
    t, events = 0.0, []

    def frames(seconds: float) -> None:
        nonlocal t
        for _ in range(int(seconds * 5)):
            for name in inbox.drain():  # as the live worker does: at the next frame's time
                engine.service_signal(name, t)
            events.extend(engine.step(Observation(t=t, frame_index=int(t * 5), width=1280, height=1400,
                                                  body=UPRIGHT)).events)
            t += 0.2

    frames(5)
    code, out, err = signal(capsys, monkeypatch, hook, store, "next-customer", "--person", " ALICE ",
                            token=token)
    assert code == 0 and err == "" and "alice" in out
    frames(30)
    now = Observation(t=t, frame_index=10**6, width=1280, height=1400, body=UPRIGHT)
    assert engine.step(now).state.serving
    t += 0.2
    code, out, _ = signal(capsys, monkeypatch, hook, store, "service-end", "--person", "alice", token=token)
    assert code == 0
    frames(5)
    served = [e for e in events if e.kind == "service"]
    assert len(served) == 1
    assert served[0].start == pytest.approx(5.0, abs=0.3) and served[0].end == pytest.approx(35.2, abs=0.5)
    assert ServiceMoments.from_detail(served[0].detail).source == "hook"


def test_a_login_may_signal_for_its_own_session(counter, capsys, monkeypatch):
    store, _, inbox, hook, _ = counter
    code, _, err = signal(capsys, monkeypatch, hook, store, "next-customer", "--person", "alice",
                          "--user", "alice", "--password-stdin", stdin=PASSWORDS["alice"] + "\n")
    assert code == 0 and err == "" and inbox.drain() == ["next-customer"]


@pytest.mark.parametrize("case", ["no identity", "bad token", "revoked", "other person", "other login"])
def test_unauthenticated_or_other_person_signals_are_refused_in_one_line(counter, capsys, monkeypatch, case):
    store, token, inbox, hook, admin = counter
    args, kwargs = ["next-customer", "--person", "alice"], {"token": token}
    if case == "no identity":
        kwargs = {}
    elif case == "bad token":
        kwargs = {"token": "cw_" + "x" * 43}
    elif case == "revoked":
        revoke_token(store, admin, "counter-3")
    elif case == "other person":  # a valid writer, but this live coach coaches alice
        args = ["next-customer", "--person", "bob"]
    elif case == "other login":  # bob may not record alice's sessions
        args += ["--user", "bob", "--password-stdin"]
        kwargs = {"stdin": PASSWORDS["bob"] + "\n"}
    code, out, err = signal(capsys, monkeypatch, hook, store, *args, **kwargs)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("Error") and "Traceback" not in err
    assert inbox.drain() == []


def test_the_endpoint_itself_refuses_what_the_client_would_not_send(counter):
    store, token, inbox, hook, _ = counter

    def post(body: bytes, credential: str | None) -> tuple[int, dict]:
        headers = {"Content-Type": "application/json"}
        if credential is not None:
            headers["Authorization"] = f"Bearer {credential}"
        request = urllib.request.Request(f"http://127.0.0.1:{hook.port}/signal", body, headers)
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as refused:
            return refused.code, json.loads(refused.read())

    good = json.dumps({"signal": "service-end", "person": "alice"}).encode()
    assert post(good, None)[0] == 403
    assert post(json.dumps({"signal": "next-customer", "person": "bob"}).encode(), token) \
        == (403, {"code": "service.hook.other_person", "values": {"staff_id": "bob", "coached": "alice"}})
    assert post(b"{not json", token)[0] == 400
    assert post(json.dumps({"signal": "rm -rf", "person": "alice"}).encode(), token)[0] == 400
    assert inbox.drain() == []
    assert post(good, token) == (200, {"ok": True, "signal": "service-end"})
    assert inbox.drain() == ["service-end"]


def test_no_live_coach_listening_is_one_line(counter, capsys, monkeypatch):
    store, token, _, hook, _ = counter
    port = hook.port
    hook.close()
    monkeypatch.setenv("COACH_TOKEN", token)
    code = main(["signal", "next-customer", "--person", "alice", "--port", str(port), "--db", store.url])
    _, err = capsys.readouterr()
    assert code == 2 and str(port) in err and len(err.strip().splitlines()) == 1


def test_the_live_coach_listens_and_files_the_hooks_service(tmp_path, capsys, monkeypatch):
    """The live page's frame analyser on the sample clip (real landmarks), its writer on a SQLite
    file: with a hook port set it listens, and the signals sent by the command become a service
    in the stored session."""
    import socket
    from pathlib import Path

    from sqlalchemy import select

    from coach.panel.live_worker import FrameAnalyzer
    from coach.settings import Settings
    from coach.store import Store
    from coach.store.schema import events
    from coach.store.writer import SessionWriter
    from coach.vision.sources import open_source

    clip = Path(__file__).resolve().parents[1] / "sample_videos" / "default_session.mp4"
    if not clip.is_file():
        pytest.skip(f"the sample clip {clip} is missing")
    with socket.socket() as probe:  # a free port on the loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = Store(f"sqlite:///{tmp_path / 'coach.db'}")
    access.create_first_admin(store, "adm", "Admin", PASSWORDS["adm"])
    admin = access.login(store, "adm", PASSWORDS["adm"])
    access.add_person(store, admin, "alice", "Alice", "staff", "A")
    monkeypatch.setenv("COACH_TOKEN", issue_token(store, admin, "counter-3"))
    settings = Settings().replace("service", hook_port=port)
    analyzer = FrameAnalyzer(settings, "live", lang="en",
                             open_writer=lambda: (SessionWriter(store, "alice", source="live"), None))
    try:
        with open_source(clip, target_fps=5) as source:
            frames = list(source)[:30]
        for n, frame in enumerate(frames):
            if n == 5:
                assert main(["signal", "next-customer", "--person", "alice", "--port", str(port),
                             "--db", store.url]) == 0
            if n == 20:
                assert main(["signal", "service-end", "--person", "alice", "--port", str(port),
                             "--db", store.url]) == 0
            analyzer.analyse(frame, 0.0)
        analyzer.finish()
        assert analyzer.service_hook is None  # closed with the session
        with store.reading() as conn:
            stored = conn.execute(select(events.c.start_s, events.c.end_s, events.c.detail)
                                  .where(events.c.kind == "service")).all()
    finally:
        analyzer.close()
        store.close()
    assert len(stored) == 1
    start, end, detail = stored[0]
    assert end - start == pytest.approx(frames[20].t - frames[5].t, abs=0.01)
    assert ServiceMoments.from_detail(detail).source == "hook"
