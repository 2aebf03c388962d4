"""Spreadsheet cells that cannot run anything: OWASP's rule against CSV / formula injection.

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula (`=HYPERLINK(...)`, `@SUM(...)`, `-2+3`), so a staff
member's name or a file name could run in a supervisor's spreadsheet. Such text gets a leading
apostrophe, which spreadsheets show as text. Numbers (int, float, Decimal) stay numbers; only
text is changed. Both the CSV and the XLSX writers put every cell through `safe_cell`.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """`value` as it may go into a spreadsheet cell: risky text prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(value) for value in values]


def neutralise_workbook(book) -> None:
    """Every text cell of an openpyxl workbook made safe, and stored as text, not as a formula
    (openpyxl turns any string starting with `=` into a formula cell)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.value = safe_cell(cell.value)
                    cell.data_type = "s"
