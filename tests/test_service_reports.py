"""The service moments in what a supervisor and a clerk read: a seeded team whose clerks served
customers (the engine's service events, filed through the real session writer) shows customers
served, greeted with a smile and eye contact while serving in the report, the self-check sheet,
the CSV/XLSX and the PDF — on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest
from engine_steps import live_steps

from coach.readings import Event
from coach.store import Scope, access, build_report, export_bytes
from coach.store.self_check import self_check
from coach.store.synthetic import seed_branch
from coach.store.writer import SessionWriter
from coach.trackers.service import ServiceMoments

pytest_plugins = ("store_pg",)
DAY = date(2025, 3, 3)
# (staff id, [(greeted, seconds with a gaze reading, of which eye contact)]) — s0003 served nobody
SERVICES = {
    "s0000": [(True, 60.0, 45.0), (True, 40.0, 30.0), (False, 100.0, 75.0)],
    "s0001": [(True, 50.0, 45.0), (False, 50.0, 45.0)],
    "s0002": [(False, 80.0, 40.0)],
}


pytestmark = pytest.mark.usefixtures("cheap_hashing")  # conftest.py


@pytest.fixture
def team(store):
    access.create_first_admin(store, "adm", "Admin", "admin-password")
    seed_branch(store, staff=4, days=1, team_size=4, first_day=DAY)
    for staff_id, services in SERVICES.items():
        with SessionWriter(store, staff_id, started_at=datetime(2025, 3, 3, 7, 0, tzinfo=UTC),
                           utc_offset_min=480) as writer:
            steps = list(live_steps(30.0, 2.0))
            for n, (greeted, gaze_s, eye_s) in enumerate(services):
                moments = ServiceMoments(source="talk", greeted=greeted, gaze_s=gaze_s, eye_contact_s=eye_s)
                steps[5 * n + 5].events.append(Event(5.0 * n, 5.0 * n + 4.0, "service", moments.to_detail()))
            for step in steps:
                writer.add(step)
    return store, access.login(store, "adm", "admin-password")


def test_the_team_report_counts_services_greetings_and_eye_contact_while_serving(team):
    store, login = team
    report = build_report(store, login, Scope.team("T01"), DAY, DAY)
    totals = report.totals
    assert totals.customers_served == 6
    assert totals.greeted_share == pytest.approx(3 / 6)
    assert totals.serving_eye_contact_share == pytest.approx(280.0 / 380.0)
    by_person = {person.staff_id: figures for person, figures in report.people}
    assert by_person["s0001"].customers_served == 2 and by_person["s0001"].greeted_share == 0.5
    assert by_person["s0001"].serving_eye_contact_share == pytest.approx(0.9)
    assert by_person["s0003"].customers_served == 0 and by_person["s0003"].greeted_share is None
    # the clerk's own sheet: the two service items, ticked or crossed against the courseware
    sheet = {item.key: item for item in self_check(report.person_days[("s0000", DAY)])}
    assert sheet["greeted"].ok is False and sheet["greeted"].values["greeted"] == 2
    assert sheet["serving_eye_contact"].ok is True  # 150 of 200 s: 75%
    assert sheet["serving_eye_contact"].values["value"] == "75%"
    assert "greeted" not in {item.key for item in self_check(report.person_days[("s0003", DAY)])}


def test_the_exports_show_the_service_figures(team):
    store, login = team
    _, _, data = export_bytes(store, login, Scope.team("T01"), DAY, DAY, "csv", lang="en")
    columns, *rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    for name in ("Customers served", "Greeted with a smile (%)", "Eye contact while serving (%)"):
        assert name in columns
    row = next(r for r in rows if r[0] == "s0001")
    assert row[columns.index("Customers served")] == "2"
    assert row[columns.index("Eye contact while serving (%)")] == "90.0"
    _, _, xlsx = export_bytes(store, login, Scope.team("T01"), DAY, DAY, "xlsx", lang="zh-CN")
    from openpyxl import load_workbook

    cells = {str(c.value) for sheet in load_workbook(io.BytesIO(xlsx)) for row in sheet.iter_rows()
             for c in row}
    assert {"接待顾客数", "微笑问候 (%)", "服务中的目光接触 (%)"} <= cells


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_pdf_shows_the_service_figures(team, tmp_path, lang):
    store, login = team
    for scope in (Scope.team("T01"), Scope.person("s0000")):
        _, _, pdf = export_bytes(store, login, scope, DAY, DAY, "pdf", lang=lang)
        path = tmp_path / f"{scope.kind}.pdf"
        path.write_bytes(pdf)
        text = " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                                       text=True, check=True).stdout.split())
        if lang == "en":
            assert "Serving customers" in text and "Customers served" in text
            assert "Eye contact while serving" in text
        else:
            assert "接待顾客" in text and "服务中的目光接触" in text
        if scope.kind == "person":  # the day's self-check sheet has the service items
            assert ("Smiled when greeting each customer?" if lang == "en" else "问候顾客时微笑了吗") in text
            assert "2 of 3 customers (67%)" in text if lang == "en" else "3 位顾客中 2 位(67%)" in text
        else:
            assert "73.7" in text  # the team's eye contact while serving: 280 of 380 s
