"""What a supervisor and a clerk read: the self-check sheet against the norms, PDF headers that never
break a word, figures instead of "None", and clerk-facing lines without codes, URLs or temp paths."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle

from coach.i18n import language, t
from coach.store import Scope, Store, access, build_report, export_bytes
from coach.store.exports import _header_style, _pdf_detail_table, _word_width, column_label
from coach.store.self_check import self_check
from coach.store.summaries import Figures
from coach.store.synthetic import seed_branch

ROOT = Path(__file__).resolve().parents[1]
DAY = date(2025, 3, 3)


pytestmark = pytest.mark.usefixtures("cheap_hashing")  # conftest.py


def _figures(**sums) -> Figures:
    figures = Figures()
    figures.sums.update(sums)
    return figures


def test_the_self_check_ticks_and_crosses_against_the_courseware_norms():
    hour = 3_600_000
    good = _figures(present_ms=hour, smiles=20, smile_ms=600_000, genuine_smile_ms=400_000, gaze_ms=hour,
                    eye_contact_ms=int(0.75 * hour), sitting_ms=hour, sitting_good_ms=int(0.95 * hour))
    good.events = Counter({"break_due": 1, "break_taken": 1})
    assert [(i.key, i.ok) for i in self_check(good)] == [
        ("smiled", True), ("natural", True), ("eye_contact", True), ("posture", True), ("breaks", True)
    ]
    poor = _figures(present_ms=hour, smiles=5, smile_ms=600_000, genuine_smile_ms=100_000, gaze_ms=hour,
                    eye_contact_ms=int(0.95 * hour), upper_body_ms=hour, upper_body_good_ms=int(0.5 * hour))
    poor.faults = Counter({"hunched": 20 * 60_000, "head_down": 10 * 60_000})
    poor.events = Counter({"break_due": 2, "break_taken": 1, "break_skipped": 1})
    items = {i.key: i for i in self_check(poor)}
    assert [i.ok for i in items.values()] == [False, False, False, False, False]
    assert items["eye_contact"].values["value"] == "95%"  # staring counts against the norm too
    assert items["posture"].values["faults"] == [("hunched", 20.0), ("head_down", 10.0)]
    empty = self_check(Figures())
    assert [i.ok for i in empty] == [None, None, None, None, True]  # nothing measured; no break missed


def test_smiles_per_hour_are_per_hour_of_presence_and_not_from_seconds():
    assert _figures(present_ms=23_000, face_ms=23_000, smiles=3).smiles_per_hour is None
    assert _figures(present_ms=1_800_000, face_ms=600_000, smiles=12).smiles_per_hour == pytest.approx(24.0)


def _seeded(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'coach.db'}")
    access.create_first_admin(store, "adm", "Admin", "admin-password")
    seed_branch(store, staff=4, days=1, team_size=4, first_day=DAY)
    return store, access.login(store, "adm", "admin-password")


def test_english_pdf_headers_wrap_between_words_only(tmp_path):
    from reportlab.lib.units import mm

    store, login = _seeded(tmp_path)
    report = build_report(store, login, Scope.team("T01"), DAY, DAY)
    small = ParagraphStyle("small", fontName="Helvetica", fontSize=7, leading=9)
    with language("en"):  # the document's language, as export_bytes sets it
        table = _pdf_detail_table(report, "en", "Helvetica", 180 * mm, small, small, [])
    table = getattr(table, "_content", [table])[-1]  # inside KeepTogether for a short table
    checked = 0
    for cell, col_width in zip(table._cellvalues[0], table._argW, strict=True):
        words = cell.text.split()
        cell.wrap(col_width - 6, 100)
        lines = [" ".join(w if isinstance(w, str) else w.text for w in line[1]) for line in cell.blPara.lines]
        assert " ".join(lines).split() == words, f"{cell.text!r} broke inside a word: {lines}"
        checked += len(lines) > 1
    assert checked >= 3, "some headers do wrap, between words"
    style = _header_style(small, "en")
    with language("en"):
        label = column_label("good_posture", "share")
    assert label == "Good posture overall (%)"
    assert _word_width(label, "Helvetica", style.fontSize) > 0
    store.close()


def test_no_none_in_the_exports_and_both_pdf_languages_build(tmp_path):
    store, login = _seeded(tmp_path)
    for lang in ("en", "zh-CN"):
        for scope in (Scope.team("T01"), Scope.person("S0001")):
            _, _, pdf = export_bytes(store, login, scope, DAY, DAY, "pdf", lang=lang)
            assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    _, _, data = export_bytes(store, login, Scope.team("T01"), DAY, DAY, "csv", lang="en")
    assert "None" not in data.decode("utf-8-sig")
    store.close()


def test_clerk_lines_name_the_place_and_the_smile_kind_in_words(tmp_path):
    from coach.panel.store_bridge import place
    from coach.panel.summary_view import event_detail

    with Store(f"sqlite:///{tmp_path / 'x.db'}") as local:
        assert place(local, "en") == t("day.store.this_computer", "en")
        assert "sqlite" not in place(local, "zh-CN")
    branch = Store("postgresql+psycopg://coach:secret@branch-db.example:5432/coach", migrate=False)
    assert place(branch, "en") == t("day.store.branch_db", "en", host="branch-db.example")
    assert "secret" not in place(branch, "en")
    assert event_detail("mouth_only") == t("event.detail.mouth_only")  # the one vocabulary (main)
    assert "mouth_only" not in event_detail("mouth_only")


def test_a_truncated_upload_is_named_by_its_file_not_a_temporary_path(tmp_path):
    from coach.panel.review_runner import run_review
    from coach.settings import Settings

    sample = ROOT / "sample_videos" / "default_session.mp4"
    if not sample.exists():
        pytest.skip("sample_videos/default_session.mp4 is not built (python -m coach.samples sample_videos)")
    private = tmp_path / "coach-review-x" / "upload.mp4"
    private.parent.mkdir()
    shutil.copy(sample, private)
    with private.open("r+b") as cut:
        cut.truncate(2_000)
    outcome = run_review(private, tmp_path / "out", name="窗口录像.mp4", fps=None, annotate=False,
                         settings=Settings(), lang="zh-CN", progress=lambda done, total: None)
    assert outcome.error == t("day.upload.unreadable", "zh-CN", name="窗口录像.mp4")
    assert str(private) not in outcome.error and "upload.mp4" not in outcome.error
