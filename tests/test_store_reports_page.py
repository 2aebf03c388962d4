"""The panel's Reports page through Streamlit's AppTest: log in, read the figures, and only the
scopes the login may see are offered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from engine_steps import live_steps
from streamlit.testing.v1 import AppTest

from coach.i18n import t
from coach.store import SessionWriter, Store, access


def page() -> None:
    import streamlit as st

    from coach.panel.reports_page import render
    from coach.store import Store

    render(st, Store(), None, lang="en")


@pytest.fixture
def branch(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    monkeypatch.setenv("COACH_DB_URL", url)
    previous = access.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    with Store(url) as store:
        access.create_first_admin(store, "adm", "Admin", "admin-password")
        admin = access.login(store, "adm", "admin-password")
        access.add_person(store, admin, "supA", "Sup A", "supervisor", "A", password="sup-a-password")
        access.add_person(store, admin, "a1", "Ann", "staff", "A", password="ann-password")
        access.add_person(store, admin, "b1", "Bo", "staff", "B", password="bo-password")
        for staff_id in ("a1", "b1"):
            with SessionWriter(store, staff_id, started_at=datetime.now(UTC) - timedelta(hours=1)) as writer:
                for step in live_steps(30.0, 5.0):
                    writer.add(step)
    yield url
    access.use_password_hasher(previous)


def _log_in(staff_id: str, password: str) -> AppTest:
    app = AppTest.from_function(page, default_timeout=60)
    app.run()
    app.text_input[0].input(staff_id)
    app.text_input[1].input(password)
    app.button[0].click()
    app.run()
    return app


def test_a_supervisor_logs_in_and_sees_only_their_team(branch):
    app = _log_in("supA", "sup-a-password")
    assert not app.exception
    assert app.selectbox[0].options == [
        t("store.report.scope_team", "en", name="A"),
        t("store.report.scope_person", "en", name="Ann", id="a1"),
        t("store.report.scope_person", "en", name="Sup A", id="supa"),
    ]
    labels = [m.label for m in app.metric]
    assert t("store.col.hours_present", "en") in labels
    hours = next(m.value for m in app.metric if m.label == t("store.col.hours_present", "en"))
    assert float(hours) == pytest.approx(30 / 3600, abs=0.01)


def test_staff_see_only_themselves_and_a_wrong_password_is_refused(branch):
    app = _log_in("a1", "ann-password")
    assert app.selectbox[0].options == [t("store.report.scope_person", "en", name="Ann", id="a1")]
    refused = _log_in("a1", "not-the-password")
    assert [e.value for e in refused.error] == [t("store.access.login_failed", "en")]
    assert not refused.metric
