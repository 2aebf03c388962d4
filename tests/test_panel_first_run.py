"""A first run on a fresh machine: the live page plays without greeting the clerk with a
credential error, and keeps figures in the store as soon as the workstation has a credential.
The real app.py through Streamlit's AppTest, on a short clip the project builds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coach.i18n import t

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def fresh_machine(monkeypatch, tmp_path):
    from coach import samples

    session = next(clip for clip in samples.CLIPS if clip.name == "default_session")
    clips = tmp_path / "samples"
    clips.mkdir()
    samples.build(clips, (replace(session, seconds=3.0),))
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("COACH_DB_URL", f"sqlite:///{tmp_path / 'coach.db'}")
    monkeypatch.setenv("COACH_SAMPLE_DIR", str(clips))
    monkeypatch.setenv("COACH_LANG", "en")
    monkeypatch.delenv("COACH_TOKEN", raising=False)
    monkeypatch.delenv("COACH_TOKEN_FILE", raising=False)
    return tmp_path


def _open_live_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    return at


def _stop(at: AppTest) -> None:
    if "live_worker" not in at.session_state:
        return
    worker = at.session_state["live_worker"]
    if worker is not None:
        worker.stop()


def test_without_a_credential_figures_stay_in_the_session_and_no_error_is_shown(fresh_machine):
    at = _open_live_page()
    try:
        assert at.toggle(key="panel_store").value is False
        shown = " ".join(str(block.value) for block in (*at.warning, *at.error, *at.info))
        assert t("security.need_identity", "en") not in shown
    finally:
        _stop(at)


def test_with_a_token_file_the_store_switch_starts_on(fresh_machine, monkeypatch):
    token_file = fresh_machine / "token"
    token_file.write_text("not-checked-until-a-write\n", encoding="utf-8")
    token_file.chmod(0o600)
    monkeypatch.setenv("COACH_TOKEN_FILE", str(token_file))
    at = _open_live_page()
    try:
        assert at.toggle(key="panel_store").value is True
    finally:
        _stop(at)
