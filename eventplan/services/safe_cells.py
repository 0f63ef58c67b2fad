"""Spreadsheet formula neutralisation for every export (CSV and XLSX).

A text cell that starts with ``= + - @`` (or a tab or carriage return, which some
spreadsheet programs skip before looking for a formula) would be run as a formula by
Excel or LibreOffice: ``=HYPERLINK("http://evil", "click")`` in an event title. Such a
text is written as text: with a leading apostrophe in CSV, and as a string cell (not a
formula) in XLSX. Numbers and dates are never touched.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_value(value: Any) -> Any:
    """A value for ``csv.writer``: dangerous text gets a leading apostrophe."""
    if is_formula_like(value):
        return "'" + value
    return "" if value is None else value


def xlsx_cell(ws, value: Any, number_format: str | None = None,
              font=None) -> WriteOnlyCell:
    """A write-only cell; text that looks like a formula is forced to a string cell."""
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and cell.data_type != "s":
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell

