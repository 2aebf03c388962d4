"""Reports as CSV, XLSX and PDF (with charts), for a person, a team or the branch.

`export_bytes` / `export_file` are the only entry points a UI or the CLI uses, and both start
from `build_report`, which checks the login and the scope on the server side: no code path
writes an export without that check. The `write_*` functions turn an already-authorised
Report into bytes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from coach.cells import neutralise_workbook, safe_row
from coach.i18n import TABLE, language, resolve_language, t
from coach.store.access import Login, Scope
from coach.store.summaries import BREAK_KINDS, Figures, Report, build_report
from coach.vocabulary import label

FORMATS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}

# (column key, value getter, kind): kind decides rounding and formatting everywhere.
COLUMNS: tuple[tuple[str, Callable[[Figures], object], str], ...] = (
    ("sessions", lambda f: f.sessions, "count"),
    ("hours_observed", lambda f: f.hours_observed, "hours"),
    ("hours_present", lambda f: f.hours_present, "hours"),
    ("sitting_hours", lambda f: f.sitting_hours, "hours"),
    ("sitting_good", lambda f: f.sitting_good_share, "share"),
    ("standing_hours", lambda f: f.standing_hours, "hours"),
    ("standing_good", lambda f: f.standing_good_share, "share"),
    ("upper_body_hours", lambda f: f.upper_body_hours, "hours"),
    ("upper_body_good", lambda f: f.upper_body_good_share, "share"),
    ("good_posture", lambda f: f.good_posture_share, "share"),
    ("smile_share", lambda f: f.smile_share, "share"),
    ("genuine_smile", lambda f: f.genuine_smile_share, "share"),
    ("smile_score", lambda f: f.mean_smile_score, "number"),
    ("smiles_per_hour", lambda f: f.smiles_per_hour, "number"),
    ("eye_contact", lambda f: f.eye_contact_share, "share"),
    ("alerts", lambda f: f.alerts, "count"),
    *((kind, (lambda k: lambda f: f.count(k))(kind), "count") for kind in BREAK_KINDS),
    # serving customers (coach.store.services): the courseware's service moments
    ("customers_served", lambda f: f.customers_served, "count"),
    ("greeted_with_smile", lambda f: f.greeted_share, "share"),
    ("serving_eye_contact", lambda f: f.serving_eye_contact_share, "share"),
)
SERVICE_FIGURES = ("customers_served", "greeted_with_smile", "serving_eye_contact")

# The figures a supervisor reads first: the PDF's per-person table and the Reports page. Good
# posture overall is known for every session (the sitting / standing / upper-body split only
# where the legs were seen), so it leads; the split follows as text (posture_split_text).
HEADLINE_FIGURES = (
    "hours_present",
    "good_posture",
    "smile_share",
    "genuine_smile",
    "smiles_per_hour",
    "eye_contact",
    "alerts",
    "break_due",
    "break_taken",
)
POSTURE_SPLIT = (
    ("sitting", lambda f: f.sitting_good_share, "sitting_ms"),
    ("standing", lambda f: f.standing_good_share, "standing_ms"),
    ("upper_body", lambda f: f.upper_body_good_share, "upper_body_ms"),
)


def export_bytes(
    store,
    login: Login | str | None,
    scope: Scope,
    start: date,
    end: date,
    fmt: str,
    *,
    lang: str | None = None,
    now: datetime | None = None,
) -> tuple[str, str, bytes]:
    """(file name, MIME type, content) of a report; AccessDenied unless the login may see `scope`."""
    if fmt not in FORMATS:
        from coach.store.errors import StoreError

        raise StoreError("store.error.bad_format", format=fmt, formats=", ".join(FORMATS))
    report = build_report(store, login, scope, start, end, now=now)
    writer = {"csv": write_csv, "xlsx": write_xlsx, "pdf": write_pdf}[fmt]
    with language(lang):  # the one place the document's language is chosen
        content = writer(report)
    return file_name(report.scope, report.start, report.end, fmt), FORMATS[fmt], content


def export_file(
    store,
    login: Login | str | None,
    scope: Scope,
    start: date,
    end: date,
    fmt: str,
    out: str | Path,
    *,
    lang: str | None = None,
    now: datetime | None = None,
) -> Path:
    """Write a report to `out` (a file, or a folder to put it in under its own name)."""
    name, _, content = export_bytes(store, login, scope, start, end, fmt, lang=lang, now=now)
    path = Path(out)
    try:
        if path.is_dir():
            path = path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.part")  # whole or not at all: a full disk leaves no half file
        try:
            partial.write_bytes(content)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    except OSError as problem:
        from coach.store.errors import StoreError

        blocking = next((p for p in reversed(path.parents) if p.exists() and not p.is_dir()), None)
        if blocking is not None:  # a file where a folder must be: say so, not "File exists"
            raise StoreError("security.export_folder_is_file", path=str(blocking)) from None
        raise StoreError(
            "security.cannot_write_export", path=str(path), detail=problem.strerror or str(problem)
        ) from None
    return path


def file_name(scope: Scope, start: date, end: date, fmt: str) -> str:
    """The name an export is saved under, e.g. coach-team-A-20250301-20250331.pdf."""
    what = scope.value if scope.kind != "branch" else "branch"
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in what)
    return f"coach-{scope.kind}-{safe}-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}"


# ---- values and labels -------------------------------------------------------------------
def cell(value: object, kind: str) -> object:
    """A value rounded for a table: shares as percentages, hours to 2 places; None stays None."""
    if value is None:
        return None
    if kind == "share":
        return round(100.0 * value, 1)
    if kind == "hours":
        return round(value, 2)
    if kind == "number":
        return round(value, 1)
    return value


def column_label(key: str, kind: str) -> str:
    """A column's header; a count of breaks is named after the break in the one vocabulary."""
    text = t("store.col.count_of", name=label(key)) if key in BREAK_KINDS else t(f"store.col.{key}")
    return f"{text} (%)" if kind == "share" else text


def posture_split_text(figures: Figures) -> str:
    """Good posture by how the person was seen, for the modes with time: "sitting 80% · upper body 11%"."""
    parts = [
        t(f"day.posture.{mode}", share=f"{100 * share:.0f}")
        for mode, get, ms in POSTURE_SPLIT
        if figures.sums[ms] and (share := get(figures)) is not None
    ]
    return " · ".join(parts)


def figure_help(key: str) -> str | None:
    """What a figure means, for a tooltip; None when its name says it all."""
    help_key = f"day.help.{key}"
    return t(help_key) if help_key in TABLE else None


def faults_text(figures: Figures, n: int = 3) -> str:
    return ", ".join(
        f"{label(fault)} {100 * share:.0f}%" for fault, share in figures.top_faults(n)
    )


def scope_text(report: Report) -> str:
    if report.scope.kind == "branch":
        return t("store.report.scope_branch")
    key = "store.report.scope_person" if report.scope.kind == "person" else "store.report.scope_team"
    return t(key, name=report.title, id=report.scope.value)


def _identity_header(with_day: bool) -> list[str]:
    keys = ["staff_id", "name", "team"] + (["day"] if with_day else [])
    return [t(f"store.col.{k}") for k in keys]


def _rows(report: Report, *, by_day: bool):
    names = {p.staff_id: p for p, _ in report.people}
    if by_day:
        for (staff_id, day), figures in report.person_days.items():
            person = names.get(staff_id)
            yield (
                [
                    staff_id,
                    person.display_name if person else staff_id,
                    (person.team if person else "") or "",
                    day,
                ],
                figures,
            )
    else:
        for person, figures in report.people:
            yield [person.staff_id, person.display_name, person.team or ""], figures


# ---- CSV ---------------------------------------------------------------------------------
def write_csv(report: Report) -> bytes:
    """One row per person per day (UTF-8 with a BOM so that spreadsheet programs read Chinese)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        safe_row(
            _identity_header(True)
            + [column_label(k, kind) for k, _, kind in COLUMNS]
            + [t("store.col.top_faults")]
        )
    )
    for identity, figures in _rows(report, by_day=True):
        values = [cell(get(figures), kind) for _, get, kind in COLUMNS]
        writer.writerow(
            safe_row(
                [*identity[:3], identity[3].isoformat()]
                + ["" if v is None else v for v in values]
                + [faults_text(figures)]
            )
        )
    return out.getvalue().encode("utf-8-sig")


# ---- XLSX --------------------------------------------------------------------------------
def write_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    bold = Font(bold=True)

    def table(sheet, header: list[str], rows) -> None:
        sheet.append(header)
        for c in sheet[1]:
            c.font = bold
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
        for i, text in enumerate(header, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = max(10, min(40, 2 + len(str(text)) * 1.3))

    def figures_cells(figures: Figures) -> list[object]:
        return [cell(get(figures), kind) for _, get, kind in COLUMNS] + [faults_text(figures)]

    measures = [column_label(k, kind) for k, _, kind in COLUMNS] + [t("store.col.top_faults")]

    summary = book.active
    summary.title = _sheet_title(t("store.sheet.summary"))
    summary.append([t("store.report.title"), scope_text(report)])
    summary["A1"].font = bold
    summary.append([t("store.report.range"), f"{report.start.isoformat()} – {report.end.isoformat()}"])
    summary.append(
        [
            t("store.report.generated"),
            t(
                "store.report.generated_by",
                name=report.generated_by.display_name,
                at=report.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
            ),
        ]
    )
    summary.append([])
    for measure, value in zip(measures, figures_cells(report.totals), strict=True):
        summary.append([measure, value])
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 50

    table(
        book.create_sheet(_sheet_title(t("store.sheet.people"))),
        _identity_header(False) + measures,
        (identity + figures_cells(figures) for identity, figures in _rows(report, by_day=False)),
    )
    table(
        book.create_sheet(_sheet_title(t("store.sheet.daily"))),
        _identity_header(True) + measures,
        (identity + figures_cells(figures) for identity, figures in _rows(report, by_day=True)),
    )
    table(
        book.create_sheet(_sheet_title(t("store.sheet.weekly"))),
        [t("store.col.week")] + measures,
        ([f"{year}-W{week:02d}"] + figures_cells(figures) for (year, week), figures in report.weeks.items()),
    )
    table(
        book.create_sheet(_sheet_title(t("store.sheet.faults_by_hour"))),
        [t("store.col.fault")] + [f"{h:02d}:00" for h in range(24)],
        (
            [label(fault)] + [round(ms / 60000, 1) for ms in hours]
            for fault, hours in report.faults_by_hour.items()
        ),
    )
    table(
        book.create_sheet(_sheet_title(t("store.sheet.events"))),
        [t("store.col.event_kind"), t("store.col.count")],
        ([label(kind), n] for kind, n in report.totals.events.most_common()),
    )
    neutralise_workbook(book)  # names, ids, teams: never a live formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(text: str) -> str:
    return "".join(c for c in text if c not in "[]:*?/\\")[:31]


# ---- PDF ---------------------------------------------------------------------------------
def write_pdf(report: Report) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        Image,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from coach.store import charts

    font = _pdf_font(report)
    title_style = ParagraphStyle("title", fontName=font, fontSize=16, leading=20, spaceAfter=4)
    heading = ParagraphStyle("heading", fontName=font, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12)
    small = ParagraphStyle("small", fontName=font, fontSize=7, leading=9)
    width = A4[0] - 30 * mm
    chart_lang = charts.chart_language()
    lang = resolve_language()  # the document's (export_bytes chose it)

    def picture(png: bytes, height_mm: float) -> Image:
        image = Image(io.BytesIO(png))
        ratio = image.imageHeight / image.imageWidth
        image.drawWidth = width
        image.drawHeight = min(height_mm * mm, width * ratio)
        image.drawWidth = image.drawHeight / ratio
        return image

    grid = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 7.5),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#B0BEC5")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ]
    )
    story: list = [
        Paragraph(t("store.report.title") + " — " + _escape(scope_text(report)), title_style),
        Paragraph(
            _escape(
                t("store.report.range")
                + f": {report.start.isoformat()} – {report.end.isoformat()}"
                + " · "
                + t(
                    "store.report.generated_by",
                    name=report.generated_by.display_name,
                    at=report.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
                )
            ),
            body,
        ),
        Spacer(1, 4 * mm),
        Paragraph(t("store.report.key_figures"), heading),
    ]
    totals = report.totals
    key_rows = [[column_label(k, kind), _show(cell(get(totals), kind))] for k, get, kind in COLUMNS]
    key_rows.append(
        [t("store.col.top_faults"), Paragraph(_escape(faults_text(totals, 5)), small)]
    )
    half = (len(key_rows) + 1) // 2
    left, right = key_rows[:half], key_rows[half:] + [["", ""]] * (2 * half - len(key_rows))
    figures_table = Table(
        [a + b for a, b in zip(left, right, strict=True)],
        colWidths=[width * 0.32, width * 0.18, width * 0.32, width * 0.18],
    )
    figures_table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#CFD8DC")),
            ]
        )
    )
    story.append(figures_table)

    if not report.person_days:
        story.append(Spacer(1, 6 * mm))
        story.append(Paragraph(t("store.report.no_data"), body))
    else:
        story += _pdf_charts(report, lang, chart_lang, picture, heading, body)
        story.append(_pdf_detail_table(report, lang, font, width, heading, small, grid))
        story += service_table(report, lang, width, heading, small, grid)
        if report.scope.kind == "person":
            for day, figures in report.days.items():
                story.append(_pdf_self_check(report, day, figures, lang, font, width, heading, small))

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 7)
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, t("store.report.page", page=doc.page))
        canvas.drawString(15 * mm, 10 * mm, t("store.report.footer"))
        canvas.restoreState()

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=t("store.report.title"),
        author="coach",
        subject=scope_text(report),
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def daily_series(report: Report, lang: str) -> dict[str, list[float | None]]:
    """The daily chart's lines (percentages): good posture overall, smiling, genuine, eye contact."""
    days = list(report.days.values())
    return {
        t("day.chart.good_posture", lang): [cell(f.good_posture_share, "share") for f in days],
        t("store.chart.smile", lang): [cell(f.smile_share, "share") for f in days],
        t("day.chart.genuine", lang): [cell(f.genuine_smile_share, "share") for f in days],
        t("store.chart.eye_contact", lang): [cell(f.eye_contact_share, "share") for f in days],
    }


def _pdf_charts(report: Report, lang: str, chart_lang: str, picture, heading, body) -> list:
    from reportlab.platypus import KeepTogether, Paragraph

    from coach.store import charts

    totals = report.totals
    out = [
        KeepTogether(
            [
                Paragraph(t("store.report.chart_daily", lang), heading),
                picture(charts.daily_shares(list(report.days), daily_series(report, chart_lang), "%"), 62),
            ]
        )
    ]
    top = dict(list(report.faults_by_hour.items())[:5])
    if any(sum(hours) for hours in top.values()):
        faults_chart = charts.by_hour(
            {label(f, chart_lang): [ms / 60000 for ms in hours] for f, hours in top.items()},
            t("store.chart.minutes", chart_lang),
        )
        shown = [Paragraph(t("day.chart.faults_legend", lang), body), picture(faults_chart, 62)]
    else:
        shown = [Paragraph(t("day.chart.no_faults", lang), body)]
    out.append(KeepTogether([Paragraph(t("store.report.chart_faults", lang), heading), *shown]))
    counts = [totals.count(kind) for kind in BREAK_KINDS]
    if any(counts):
        break_labels = [label(kind, chart_lang) for kind in BREAK_KINDS]
        shown = [picture(charts.bars(break_labels, counts, t("store.chart.count", chart_lang)), 52)]
    else:
        shown = [Paragraph(t("day.chart.no_breaks", lang), body)]
    out.append(KeepTogether([Paragraph(t("store.report.chart_breaks", lang), heading), *shown]))
    return out


def service_table(report: Report, lang: str, width: float, heading, small, grid) -> list:
    """Per person (or per day for one person): customers served, greeted with a smile (count and
    share), eye contact while serving; nothing when nobody was seen serving."""
    from reportlab.platypus import KeepTogether, Paragraph, Table

    if not report.totals.customers_served:
        return []
    if report.scope.kind == "person":
        rows = [(d.isoformat(), f) for d, f in report.days.items()]
        first = t("store.col.day", lang)
    else:
        rows = [(f"{p.display_name} ({p.staff_id})", f) for p, f in report.people]
        first = t("store.col.name", lang)
    header = [first] + [column_label(k, kind) for k, _, kind in COLUMNS if k in SERVICE_FIGURES]
    body = [[Paragraph(_escape(name), small), str(f.customers_served),
             f"{f.service['greeted']} · {_show(cell(f.greeted_share, 'share'))}",
             _show(cell(f.serving_eye_contact_share, "share"))] for name, f in rows if f.customers_served]
    table = Table([[Paragraph(_escape(text), small) for text in header]] + body,
                  colWidths=[width * 0.4, width * 0.2, width * 0.2, width * 0.2], repeatRows=1)
    table.setStyle(grid)
    return [KeepTogether([Paragraph(_escape(t("service.report.heading", lang)), heading), table])]


def _pdf_detail_table(report: Report, lang: str, font: str, width: float, heading, small, grid):
    """Per person (or per day for one person): the headline figures, headers never broken mid-word."""
    from reportlab.platypus import KeepTogether, LongTable, Paragraph

    chosen = [c for c in COLUMNS if c[0] in HEADLINE_FIGURES]
    header_style = _header_style(small, lang)
    if report.scope.kind == "person":
        title, first = t("store.report.by_day", lang), t("store.col.day", lang)
        rows = [(d.isoformat(), f) for d, f in report.days.items()]
    else:
        title, first = t("store.report.by_person", lang), t("store.col.name", lang)
        rows = [(f"{p.display_name} ({p.staff_id})", f) for p, f in report.people]
    labels = [column_label(k, kind) for k, _, kind in chosen]
    figure_widths = [_word_width(label, font, header_style.fontSize) + 6 for label in labels]
    figure_widths = [max(w, 30.0) for w in figure_widths]
    rest = width - sum(figure_widths)
    first_width, faults_width = rest * 0.5, rest * 0.5
    header = (
        [Paragraph(_escape(first), header_style)]
        + [Paragraph(_escape(label), header_style) for label in labels]
        + [Paragraph(_escape(t("store.col.top_faults", lang)), header_style)]
    )
    body_rows = [
        [Paragraph(_escape(name), small)]
        + [_show(cell(get(f), kind)) for _, get, kind in chosen]
        + [Paragraph(_escape(faults_text(f, 2)), small)]
        for name, f in rows
    ]
    table = LongTable(
        [header] + body_rows, repeatRows=1, colWidths=[first_width, *figure_widths, faults_width]
    )
    table.setStyle(grid)
    table.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)])
    return KeepTogether([Paragraph(title, heading), table]) if len(rows) < 30 else table


def _pdf_self_check(report: Report, day: date, figures: Figures, lang: str, font: str, width: float,
                    heading, small):
    """The person-day's self-check sheet (self_check.py): item, figure, norm, a tick or a cross."""
    from reportlab.lib import colors
    from reportlab.platypus import KeepTogether, Paragraph, Table, TableStyle

    from coach.store.self_check import describe, self_check

    style = _header_style(small, lang)
    rows = [[Paragraph(_escape(t(f"day.check.col.{c}", lang)), style)
             for c in ("item", "figure", "norm", "result")]]
    for item in self_check(figures):
        what, figure, norm = describe(item, lang, label)
        verdict = {True: "day.check.met", False: "day.check.not_met", None: "day.check.nothing"}[item.ok]
        rows.append([Paragraph(_escape(x), small) for x in (what, figure, norm)]
                    + [[_mark(item.ok), Paragraph(_escape(t(verdict, lang)), small)]])
    table = Table(rows, colWidths=[width * 0.32, width * 0.36, width * 0.18, width * 0.14])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#B0BEC5")),
    ]))
    name = report.title or (report.scope.value or "")
    return KeepTogether(
        [Paragraph(_escape(t("day.check.title", lang, name=name, day=day.isoformat())), heading),
         Paragraph(_escape(t("day.check.intro", lang)), small), table]
    )


def _mark(ok: bool | None):
    """A tick (green), a cross (red) or a dash, drawn as lines: no font needs the glyphs."""
    from reportlab.graphics.shapes import Drawing, Line, PolyLine
    from reportlab.lib import colors

    mark = Drawing(12, 12)
    if ok is True:
        mark.add(PolyLine([1, 6, 4.5, 2, 11, 11], strokeColor=colors.HexColor("#2E7D32"), strokeWidth=2))
    elif ok is False:
        red = colors.HexColor("#C62828")
        mark.add(Line(2, 2, 10, 10, strokeColor=red, strokeWidth=2))
        mark.add(Line(2, 10, 10, 2, strokeColor=red, strokeWidth=2))
    else:
        mark.add(Line(3, 6, 9, 6, strokeColor=colors.HexColor("#78909C"), strokeWidth=1.5))
    return mark


def _header_style(small, lang: str):
    """Table headers: English wraps only between words (never "observ/ed"); Chinese between characters."""
    from reportlab.lib.styles import ParagraphStyle

    if lang == "en":
        return ParagraphStyle("header", parent=small, splitLongWords=0)
    return ParagraphStyle("header_cjk", parent=small, wordWrap="CJK")


def _word_width(text: str, font: str, size: float) -> float:
    """The width of the longest word of `text` (a CJK label breaks anywhere: its widest character)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces = [w for w in text.split() if w]
    if not text.isascii():
        pieces = [c for c in text if not c.isspace()] + [w for w in pieces if w.isascii()]
    return max((stringWidth(p, font, size) for p in pieces), default=0.0)


def _show(value: object) -> str:
    return "—" if value is None else str(value)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _pdf_font(report: Report) -> str:
    """The PDF's font: Helvetica for all-ASCII English reports; else a Chinese font.

    A TrueType CJK font found on the system is embedded (subset), so every viewer shows it;
    without one, reportlab's built-in STSong-Light is referenced, which Acrobat, browsers and
    macOS show but a bare Linux viewer without Chinese fonts may not.
    """
    from coach.store.charts import cjk_font_file

    names = " ".join(p.display_name + (p.team or "") for p, _ in report.people) + report.title
    if resolve_language() == "en" and names.isascii():
        return "Helvetica"
    from reportlab.pdfbase import pdfmetrics

    path = cjk_font_file()
    if path:
        name = "CoachCJK-" + hashlib.sha1(path.encode()).hexdigest()[:8]
        if name in pdfmetrics.getRegisteredFontNames():
            return name
        try:
            from reportlab.pdfbase.ttfonts import TTFont

            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
            return name
        except Exception:  # noqa: BLE001 - CFF-outline or broken fonts: reportlab cannot embed them
            pass
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"
