"""Summaries and exports: figures computed from known frames, date ranges, team totals, and the
CSV / XLSX / PDF files (including a tiny version of the seeded benchmark)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from engine_steps import steps_for
from openpyxl import load_workbook

from coach.i18n import t
from coach.readings import Event
from coach.store import Scope, SessionWriter, Store, StoreError, access, build_report, export_bytes
from coach.store.charts import chart_language
from coach.store.people import put_person
from coach.store.summaries import event_category
from coach.store.synthetic import record_at, seed_branch
from coach.vocabulary import label

pytest_plugins = ("store_pg",)

DAY = date(2025, 3, 3)
BEIJING = 480  # minutes east of UTC


pytestmark = pytest.mark.usefixtures("cheap_hashing")  # conftest.py


def _session(store, staff_id: str, day: date, hour: int = 9) -> None:
    """20 s at 10 fps: 10 s sitting upright with a genuine smile and eye contact, 5 s hunched
    without either, 5 s standing upright with a mouth-only smile and eye contact; and events."""
    started = datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC).replace(hour=hour - BEIJING // 60)
    with SessionWriter(store, staff_id, started_at=started, utc_offset_min=BEIJING, t0=0.0) as writer:
        records = []
        for i in range(201):  # the frame at 20.0 s closes the last 0.1 s
            at = i / 10
            if at < 10:
                records.append(record_at(at, smiling=True, genuine=True, eye_contact=True))
            elif at < 15:
                records.append(record_at(at, eye_contact=False, issues=("hunched",)))
            else:
                records.append(record_at(at, smiling=True, eye_contact=True, mode="standing"))
        for step in steps_for(records):
            writer.add(replace(step, events=[]))  # the engine's events for these frames are added below
        writer.add_events(
            [
                Event(10.5, 14.5, "posture:hunched"),
                Event(12.0, 12.0, "break_due"),
                Event(12.5, 12.5, "break_postponed"),
                Event(13.0, 13.0, "break_skipped"),
                Event(16.0, 19.0, "break_taken"),
                Event(17.0, 18.0, "natural_break"),
                Event(0.0, 9.9, "smile", "genuine"),
                Event(15.0, 20.0, "smile", "mouth_only"),
            ]
        )


@pytest.fixture
def people(store):
    return _people(store)


def _people(store):
    admin_pw = "admin-password"
    access.create_first_admin(store, "adm", "Admin", admin_pw)
    put_person(store, "a1", "Ann", "staff", "A")
    put_person(store, "a2", "安娜", "staff", "A")
    put_person(store, "b1", "Bo", "staff", "B")
    return access.login(store, "adm", admin_pw)


def test_figures_follow_from_the_frames(store, people):
    _session(store, "a1", DAY)
    report = build_report(store, people, Scope.person("a1"), DAY, DAY)
    f = report.totals
    assert f.sessions == 1 and f.hours_observed * 3600 == pytest.approx(20.0)
    assert f.sitting_good_share == pytest.approx(10 / 15) and f.standing_good_share == pytest.approx(1.0)
    assert f.good_posture_share == pytest.approx(15 / 20)
    assert f.smile_share == pytest.approx(15 / 20) and f.genuine_smile_share == pytest.approx(10 / 15)
    assert f.eye_contact_share == pytest.approx(15 / 20)
    assert f.sums["smiles"] == 2 and f.smiles_per_hour is None  # per hour of presence, from a minute
    assert f.mean_smile_score == pytest.approx((15 * 70 + 5 * 10) / 20)
    assert (
        f.alerts,
        f.count("break_due"),
        f.count("break_taken"),
        f.count("break_postponed"),
        f.count("break_skipped"),
        f.count("natural_break"),
    ) == (1, 1, 1, 1, 1, 1)
    assert f.top_faults() == [("hunched", pytest.approx(5 / 20))]
    assert report.faults_by_hour["hunched"][9] == 5000 and sum(report.faults_by_hour["hunched"]) == 5000
    assert report.alerts_by_hour[9] == 1
    assert list(report.days) == [DAY]


def test_the_range_and_the_scope_pick_the_rows(store, people):
    _session(store, "a1", DAY)
    _session(store, "a1", date(2025, 3, 5), hour=14)
    _session(store, "a2", DAY)
    _session(store, "b1", DAY)
    one_day = build_report(store, people, Scope.person("a1"), DAY, DAY)
    both = build_report(store, people, Scope.person("a1"), DAY, date(2025, 3, 7))
    assert one_day.totals.sessions == 1 and both.totals.sessions == 2
    assert list(both.days) == [DAY, date(2025, 3, 5)]
    assert both.faults_by_hour["hunched"][14] == 5000
    team = build_report(store, people, Scope.team("A"), DAY, date(2025, 3, 7))
    assert [p.staff_id for p, _ in team.people] == ["a1", "a2"]
    assert team.totals.sums == sum((f.sums for _, f in team.people), start=type(team.totals.sums)())
    assert build_report(store, people, Scope.branch(), DAY, DAY).totals.sessions == 3
    week = next(iter(team.weeks.values()))
    assert week.sessions == 3
    with pytest.raises(StoreError) as backwards:
        build_report(store, people, Scope.branch(), DAY, date(2025, 3, 1))
    assert backwards.value.key == "store.error.bad_range"


def test_csv_has_one_row_per_person_per_day_with_translated_headers(store, people):
    _session(store, "a1", DAY)
    _session(store, "a2", DAY)
    name, mime, data = export_bytes(store, people, Scope.team("A"), DAY, DAY, "csv", lang="en")
    assert name == "coach-team-A-20250303-20250303.csv" and mime == "text/csv"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r[t("store.col.staff_id", "en")] for r in rows] == ["a1", "a2"]
    assert rows[1][t("store.col.name", "en")] == "安娜"
    assert float(rows[0][t("store.col.sitting_good", "en") + " (%)"]) == pytest.approx(66.7)
    assert rows[0][t("store.col.top_faults", "en")] == f"{label('hunched', 'en')} 25%"
    zh = export_bytes(store, people, Scope.team("A"), DAY, DAY, "csv", lang="zh-CN")[2].decode("utf-8-sig")
    assert zh.splitlines()[0].startswith("工号,姓名,班组,日期")


def test_xlsx_has_summary_people_daily_faults_and_events_sheets(store, people):
    _session(store, "a1", DAY)
    data = export_bytes(store, people, Scope.team("A"), DAY, DAY, "xlsx", lang="en")[2]
    book = load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["Summary", "People", "Daily", "Weekly (all)", "Faults by hour", "Events"]
    assert list(book["Weekly (all)"].iter_rows(values_only=True))[1][0] == "2025-W10"
    people_rows = list(book["People"].iter_rows(values_only=True))
    assert [r[0] for r in people_rows[1:]] == ["a1", "a2"]  # a2 recorded nothing and is listed anyway
    faults = list(book["Faults by hour"].iter_rows(values_only=True))
    assert faults[1][0] == label("hunched", "en") and faults[1][1 + 9] == pytest.approx(
        5 / 60, abs=0.05
    )
    # the events sheet names every kind for people, alerts included: no raw codes
    names = [r[0] for r in list(book["Events"].iter_rows(values_only=True))[1:]]
    assert label("posture:hunched", "en") in names and label("break_due", "en") in names
    assert not [name for name in names if ":" in name or "_" in name]


@pytest.mark.parametrize("lang, font", [("en", None), ("zh-CN", None), ("zh-CN", "none")])
def test_pdf_reports_build_in_both_languages_with_or_without_a_chinese_font(
    tmp_path, monkeypatch, lang, font
):
    store = Store(f"sqlite:///{tmp_path / 'coach.db'}")  # the PDF does not depend on the database
    people = _people(store)
    if font:
        monkeypatch.setenv("COACH_CJK_FONT", font)
        assert chart_language("zh-CN") == "en"  # labels inside charts fall back rather than show boxes
    _session(store, "a1", DAY)
    _session(store, "a2", DAY)
    for scope in (Scope.team("A"),) if lang == "en" else (Scope.team("A"), Scope.person("a2")):
        data = export_bytes(store, people, scope, DAY, DAY, "pdf", lang=lang)[2]
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
        assert data.count(b"/Subtype /Image") >= 3  # the three charts
    empty = export_bytes(store, people, Scope.team("B"), DAY, DAY, "pdf", lang=lang)[2]
    assert empty.startswith(b"%PDF") and b"/Subtype /Image" not in empty


def test_unknown_export_format_is_refused_with_the_choices(store, people):
    with pytest.raises(StoreError) as bad:
        export_bytes(store, people, Scope.team("A"), DAY, DAY, "docx")
    assert "csv, xlsx, pdf" in bad.value.message("en")


def test_a_small_seeded_branch_gives_a_team_pdf_and_xlsx(store, people):
    result = seed_branch(store, staff=6, days=2, team_size=3, shift_hours=4)
    assert result.metric_rows == 6 * 2 * 4 * 60 and result.sessions == 6 * 2 * 2
    start, end = date(2025, 3, 3), date(2025, 3, 4)
    pdf = export_bytes(store, people, Scope.team("T01"), start, end, "pdf", lang="zh-CN")[2]
    assert pdf.startswith(b"%PDF")
    book = load_workbook(io.BytesIO(export_bytes(store, people, Scope.team("T01"), start, end, "xlsx")[2]))
    daily = list(book.worksheets[2].iter_rows(values_only=True))
    assert len(daily) == 1 + 3 * 2
    report = build_report(store, people, Scope.team("T01"), start, end)
    assert report.totals.hours_observed == pytest.approx(3 * 2 * 4)
    assert 0.3 < report.totals.good_posture_share < 1.0 and report.totals.count("break_due") > 0


@pytest.mark.parametrize(
    "kind, category",
    [
        ("posture:hunched", "alert"),
        ("gaze:avoiding", "alert"),
        ("break_due", "break_due"),
        ("break:taken", "break_taken"),
        ("natural_break", "natural_break"),
        ("smile", None),
        ("smile:genuine", None),
        ("break_skipped", "break_skipped"),
        ("break_early", "break_due"),  # an early offer to a tired clerk is a reminder
        ("eyes_closed", None),  # told to the clerk, not counted as a posture alert
        ("setup", None),
    ],
)
def test_event_kinds_feed_the_right_counts(kind, category):
    assert event_category(kind) == category
