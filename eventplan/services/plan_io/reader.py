"""Reading a spreadsheet into rows of cell values: XLSX (read-only, capped) and CSV.

Merged ranges are expanded (the value applies to every cell of the range); formulas give
their cached values, and those without one are reported, as are error values (#REF!).
"""

from __future__ import annotations

import codecs
import csv
import io
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePath
from xml.etree.ElementTree import ParseError

from flask_babel import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser

from eventplan.services.errors import ValidationError

MAX_ROWS = 20_000  # rows of events after the header
MAX_BYTES = 30 * 1024 * 1024
MAX_UNPACKED = 40 * 1024 * 1024  # a 1 MB zip may unpack to gigabytes; a real plan is < 20 MB
MAX_MEMBER = 32 * 1024 * 1024  # one part of the package (a sheet, the shared strings)
MAX_CELLS = 2_000_000  # cells read, filled or not: 20 000 rows of a wide table fit
MAX_COLUMNS = 200  # a plan has about ten; cells further right are not read
MAX_SECONDS = 20.0  # reading stops with a message rather than keeping a worker busy
HEADER_ROOM = 50  # rows above the header (titles, approval stamps)
CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
FORMULA_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}f"


class BadFile(ValidationError):
    """The upload cannot be read as a plan table at all."""


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list[object]]]  # (row number in the file, values)
    formulas: set[tuple[int, int]] = field(default_factory=set)  # no cached value
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # "#REF!" …


def too_many_rows(limit: int) -> BadFile:
    return BadFile(_("The file has more than %(n)s rows; split it into smaller files.",
                     n=f"{limit:,}".replace(",", " ")))


def read_sheets(content: bytes, filename: str, max_rows: int = MAX_ROWS,
                max_bytes: int = MAX_BYTES) -> list[Sheet]:
    """Every sheet's rows; raises BadFile with a message a person can act on."""
    if len(content) > max_bytes:
        raise BadFile(_("The file is larger than %(n)d MB.", n=max_bytes // (1024 * 1024)))
    if not content.strip():
        raise BadFile(_("The file is empty."))
    suffix = PurePath(filename or "").suffix.lower()
    if content.startswith(CFB_SIGNATURE):
        raise BadFile(_("The file is password-protected or an old Excel 97–2003 (.xls) "
                        "workbook. Remove the password or save it as .xlsx and try again."))
    if content.startswith(ZIP_SIGNATURES):
        return _read_xlsx(content, max_rows)
    if suffix in TEXT_SUFFIXES:
        return [_read_csv(content, max_rows)]
    if suffix in {".xlsx", ".xlsm"}:
        raise BadFile(_("The file is damaged: it is not a valid .xlsx workbook."))
    raise BadFile(_("This is not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV "
                    "file."))


def _open_zip(content: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise BadFile(_("The file is damaged: it is not a valid .xlsx workbook.")) from None
    if "word/document.xml" in names:
        raise BadFile(_("This is a Word document. Copy the table into Excel, save it as "
                        ".xlsx and upload that."))
    if "xl/workbook.xml" not in names:
        raise BadFile(_("This is not an Excel workbook. Save the table as .xlsx and try "
                        "again."))
    # The sizes in the directory bound the work: zipfile stops a member at its stated size.
    sizes = [info.file_size for info in archive.infolist()]
    if sum(sizes) > MAX_UNPACKED or max(sizes, default=0) > MAX_MEMBER:
        raise BadFile(_("The workbook is too large when unpacked (more than %(n)d MB). "
                        "Remove unused sheets, images and empty formatted rows, or split it.",
                        n=MAX_UNPACKED // (1024 * 1024)))
    return archive


class _Parser(WorkSheetParser):
    """openpyxl's sheet parser that also says which cells hold formulas."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        cell["formula"] = element.find(FORMULA_TAG) is not None
        return cell


def _read_xlsx(content: bytes, max_rows: int) -> list[Sheet]:
    _open_zip(content).close()
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a broken package
        raise BadFile(_("The file is damaged: it is not a valid .xlsx workbook.")) from None
    try:
        budget, deadline = [MAX_CELLS], time.monotonic() + MAX_SECONDS
        return [_read_sheet(workbook, ws, max_rows, budget, deadline)
                for ws in workbook.worksheets if getattr(ws, "_worksheet_path", None)]
    except BadFile:
        raise
    except (zipfile.BadZipFile, zlib.error, ParseError, KeyError, ValueError, EOFError):
        raise BadFile(_("The file is damaged: it is not a valid .xlsx workbook.")) from None
    finally:
        workbook.close()


def _too_much_work() -> BadFile:
    return BadFile(_("The workbook takes too long to read: it has more than %(n)s cells. "
                     "Remove unused sheets and empty formatted rows, or split it.",
                     n=f"{MAX_CELLS:,}".replace(",", " ")))


def _read_sheet(workbook, ws, max_rows: int, budget: list[int], deadline: float) -> Sheet:
    sheet = Sheet(ws.title, [])
    grid: dict[int, list[object]] = {}
    with workbook._archive.open(ws._worksheet_path) as source:
        parser = _Parser(source, workbook.shared_strings, data_only=True,
                         epoch=workbook.epoch, date_formats=workbook._date_formats,
                         timedelta_formats=workbook._timedelta_formats)
        filled = 0
        for number, cells in parser.parse():
            values: list[object] = []
            flagged = False
            budget[0] -= len(cells) + 1
            if budget[0] < 0 or (number % 256 == 0 and time.monotonic() > deadline):
                raise _too_much_work()
            for cell in cells:
                column, value = cell["column"], cell["value"]
                if column > MAX_COLUMNS:
                    continue
                if cell["data_type"] == "e":
                    sheet.errors[(number, column)] = str(value)
                    value, flagged = None, True
                elif cell["formula"] and value is None:
                    sheet.formulas.add((number, column))
                    flagged = True
                values.extend([None] * (column - len(values)))
                values[column - 1] = value.strip() if isinstance(value, str) else value
            if any(v not in (None, "") for v in values):
                filled += 1
                if filled > max_rows + HEADER_ROOM:
                    raise too_many_rows(max_rows)
                grid[number] = values
            elif flagged:
                grid[number] = values
        merged = parser.merged_cells.mergeCell if parser.merged_cells else []
    _expand_merges(grid, [str(m.ref) for m in merged])
    sheet.rows = sorted(grid.items())
    return sheet


def _expand_merges(grid: dict[int, list[object]], refs: list[str]) -> None:
    for ref in refs:
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (TypeError, ValueError):
            continue
        top = grid.get(min_row, [])
        value = top[min_col - 1] if len(top) >= min_col else None
        if value in (None, ""):
            continue
        for row in range(min_row, min(max_row, min_row + 10_000) + 1):
            values = grid.setdefault(row, [])
            values.extend([None] * (max_col - len(values)))
            for col in range(min_col, max_col + 1):
                values[col - 1] = value


def _decode(content: bytes) -> str:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if content.startswith(bom):
            return content.decode(encoding, errors="replace")
    if b"\x00" in content[:4096]:
        raise BadFile(_("This is not a spreadsheet. Upload an Excel workbook (.xlsx) or a "
                        "CSV file."))
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1251", errors="replace")  # Excel's "CSV" on Russian Windows


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        lines = sample.splitlines()[:10]
        return max(";,\t", key=lambda d: sum(line.count(d) for line in lines))


def _read_csv(content: bytes, max_rows: int) -> Sheet:
    text = _decode(content)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text[:8192]))
    rows = []
    try:
        for number, values in enumerate(reader, 1):
            cleaned: list[object] = [v.strip() for v in values]
            if any(cleaned):
                rows.append((number, cleaned))
                if len(rows) > max_rows + HEADER_ROOM:
                    raise too_many_rows(max_rows)
    except csv.Error:
        raise BadFile(_("The CSV file is damaged and cannot be read.")) from None
    return Sheet("CSV", rows)
