"""One vocabulary: every event kind, posture fault and smile kind has a name in both languages,
and events.csv, the XLSX and the PDF name an event the same way."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from engine_steps import steps_for
from openpyxl import load_workbook

from coach.i18n import LANGUAGES, TABLE, language, t
from coach.readings import Event
from coach.rules.posture import FAULTS
from coach.sinks import EventsCsvSink
from coach.store import Scope, SessionWriter, access, export_bytes
from coach.store.exports import column_label
from coach.store.people import put_person
from coach.store.synthetic import record_at
from coach.vocabulary import EVENT_KINDS, SMILE_KINDS, _keys, describe, label

pytest_plugins = ("store_pg",)


@pytest.mark.parametrize("code", [*EVENT_KINDS, *FAULTS, *SMILE_KINDS])
def test_every_code_has_a_name_in_every_language(code):
    assert any(key in TABLE for key in _keys(code)), f"{code} has no translation"
    names = {lang: label(code, lang) for lang in LANGUAGES}
    assert all(names.values()) and names["zh-CN"] != names["en"]
    assert not [name for name in names.values() if ":" in name or "_" in name]  # never a raw code


def test_the_document_language_reaches_helpers_that_take_none():
    with language("en"):
        assert label("break_due") == "Break reminder"
        assert describe(Event(0.0, 5.0, "smile", "mouth_only")) == "Smile (mouth-only) 00:00:00–00:00:05"
    with language("zh-CN"):
        assert label("break_due") == TABLE["event.break_due"]["zh-CN"]


def test_a_due_break_reads_the_same_in_events_csv_the_xlsx_and_the_pdf(tmp_path, monkeypatch):
    store_url = f"sqlite:///{tmp_path / 'coach.db'}"
    from coach.store import Store

    store = Store(store_url)
    access.create_first_admin(store, "adm", "Admin", "admin-password")
    admin = access.login(store, "adm", "admin-password")
    put_person(store, "a1", "Ann", "staff", "A")
    day = date(2025, 3, 4)
    with SessionWriter(store, "a1", started_at=datetime(2025, 3, 4, 2, 0, tzinfo=UTC), t0=0.0) as writer:
        records = [record_at(i / 10, issues=("shoulders_sloped",) if i > 50 else ()) for i in range(300)]
        for step in steps_for(records):
            writer.add(step)
        writer.add_events([Event(12.0, 12.0, "break_due"), Event(6.0, 29.0, "posture:shoulders_sloped")])
    for lang in LANGUAGES:
        due = label("break_due", lang)
        monkeypatch.setenv("COACH_LANG", lang)
        path = tmp_path / f"events-{lang}.csv"
        with EventsCsvSink(path) as sink:
            sink.add([Event(12.0, 12.0, "break_due")], "clip.mp4")
        with open(path, encoding="utf-8") as file:
            row = next(csv.DictReader(file))
        assert row["kind"] == "break_due" and row["detail"].startswith(due)
        book = load_workbook(io.BytesIO(export_bytes(store, admin, Scope.person("a1"), day, day, "xlsx",
                                                     lang=lang)[2]), read_only=True)
        events_sheet = book.worksheets[-1]
        names = [r[0] for r in list(events_sheet.iter_rows(values_only=True))[1:]]
        assert due in names and label("posture:shoulders_sloped", lang) in names
        assert "posture:shoulders_sloped" not in names
        with language(lang):  # the PDF's and the Reports page's count column and break chart
            assert column_label("break_due", "count").startswith(due)
        assert export_bytes(store, admin, Scope.person("a1"), day, day, "pdf", lang=lang)[2][:5] == b"%PDF-"


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_a_posture_mix_names_its_other_faults_not_their_codes(lang):
    from coach.vocabulary import detail

    shown = detail("head_tilted;leaning_sideways", lang)
    assert "head_tilted" not in shown and "leaning_sideways" not in shown
    for fault in ("head_tilted", "leaning_sideways"):
        assert t(f"posture.fault.{fault}", lang) in shown
    assert detail("not_a_fault;head_tilted", lang) == "not_a_fault;head_tilted"  # free text stays as it is


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_set_up_and_fatigue_details_read_as_words_alone_and_in_lists(lang):
    from coach.rules.setup import PROBLEMS
    from coach.vocabulary import detail

    for problem in PROBLEMS:
        assert detail(problem, lang) == t(f"setup.problem.{problem}", lang)
    shown = detail(";".join(PROBLEMS), lang)
    assert "_" not in shown and ";" not in shown
    assert all(t(f"setup.problem.{problem}", lang) in shown for problem in PROBLEMS)
    for reason in ("perclos", "long_blinks", "yawns", "ok"):
        assert detail(reason, lang) == t(f"event.detail.{reason}", lang)
