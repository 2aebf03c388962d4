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
from coach.i18n import language, resolve_language, t
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
)

# The figures a supervisor reads first: the PDF's per-person table and the Reports page.
HEADLINE_FIGURES = (
    "hours_observed",
    "sitting_good",
    "standing_good",
    "smile_share",
    "smiles_per_hour",
    "eye_contact",
    "alerts",
    "break_taken",
    "break_due",
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
        KeepTogether,
        LongTable,
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
        days = list(report.days)
        shares = {
            t("store.chart.sitting_good", chart_lang): [
                cell(report.days[d].sitting_good_share, "share") for d in days
            ],
            t("store.chart.standing_good", chart_lang): [
                cell(report.days[d].standing_good_share, "share") for d in days
            ],
            t("store.chart.smile", chart_lang): [cell(report.days[d].smile_share, "share") for d in days],
            t("store.chart.eye_contact", chart_lang): [
                cell(report.days[d].eye_contact_share, "share") for d in days
            ],
        }
        story.append(
            KeepTogether(
                [
                    Paragraph(t("store.report.chart_daily"), heading),
                    picture(charts.daily_shares(days, shares, "%"), 62),
                ]
            )
        )
        top = dict(list(report.faults_by_hour.items())[:5])
        faults_chart = charts.by_hour(
            {label(f, chart_lang): [ms / 60000 for ms in hours] for f, hours in top.items()},
            t("store.chart.minutes", chart_lang),
        )
        story.append(
            KeepTogether(
                [Paragraph(t("store.report.chart_faults"), heading), picture(faults_chart, 62)]
            )
        )
        break_labels = [label(kind, chart_lang) for kind in BREAK_KINDS]
        breaks_chart = charts.bars(
            break_labels, [totals.count(kind) for kind in BREAK_KINDS], t("store.chart.count", chart_lang)
        )
        story.append(
            KeepTogether(
                [Paragraph(t("store.report.chart_breaks"), heading), picture(breaks_chart, 52)]
            )
        )
        chosen = [c for c in COLUMNS if c[0] in HEADLINE_FIGURES]
        header = [Paragraph(_escape(column_label(k, kind)), small) for k, _, kind in chosen]
        if report.scope.kind == "person":
            story.append(Paragraph(t("store.report.by_day"), heading))
            rows = [
                [d.isoformat()]
                + [_show(cell(get(f), kind)) for _, get, kind in chosen]
                + [Paragraph(_escape(faults_text(f, 2)), small)]
                for d, f in report.days.items()
            ]
            first = t("store.col.day")
        else:
            story.append(Paragraph(t("store.report.by_person"), heading))
            rows = [
                [Paragraph(_escape(f"{p.display_name} ({p.staff_id})"), small)]
                + [_show(cell(get(f), kind)) for _, get, kind in chosen]
                + [Paragraph(_escape(faults_text(f, 2)), small)]
                for p, f in report.people
            ]
            first = t("store.col.name")
        header = (
            [Paragraph(_escape(first), small)] + header + [Paragraph(t("store.col.top_faults"), small)]
        )
        first_width, faults_width = width * 0.2, width * 0.2
        other = (width - first_width - faults_width) / len(chosen)
        detail = LongTable(
            [header] + rows, repeatRows=1, colWidths=[first_width] + [other] * len(chosen) + [faults_width]
        )
        detail.setStyle(grid)
        story.append(detail)

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
