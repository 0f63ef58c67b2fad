"""The rows of an export's largest sheet, written as sheet XML and spliced into the
package openpyxl saved.

openpyxl makes a Python cell object per value and serializes it through lxml's
incremental writer: about 15 µs a cell on the 2-core machine here, 46 s for 100,000 rows
of 29 cells before a single figure is read (``bench/README.md``). The workbook itself —
styles, the summary sheets, the header row, widths, frozen panes, autofilter — is still
written by openpyxl; only the data rows of one sheet come from here, at ~1.5 µs a cell:

1. ``RowWriter.append(values)`` streams ``<row>`` elements into a temporary file;
2. openpyxl saves the workbook, that sheet holding its header row only;
3. ``RowWriter.splice(package, out)`` copies the package into ``out``, the rows inserted
   before the sheet's ``</sheetData>``.

Cells follow openpyxl's own typing: numbers as numbers, dates as serial days with the
column's date style, text as inline strings. Text is never written as a formula, whatever
it starts with (the rule of :mod:`eventplan.services.safe_cells`), characters XML cannot
hold are dropped, and text longer than Excel's 32,767-character cell limit is cut.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from openpyxl.utils import get_column_letter

EXCEL_EPOCH = date(1899, 12, 30)
MAX_TEXT = 32_767
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def text_cell(ref: str, value: str) -> str:
    value = ILLEGAL.sub("", value)[:MAX_TEXT].translate(ESCAPES)
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{value}</t></is></c>'


class RowWriter:
    """Data rows for one sheet of a write-only openpyxl workbook, below its header rows.

    ``styles`` maps a 0-based column to the openpyxl style id its numbers and dates take
    (``WriteOnlyCell.style_id`` of a cell with the wanted number format); a date column
    must have one, or Excel would show the serial number.
    """

    def __init__(self, styles: dict[int, int], first_row: int = 2) -> None:
        self.styles = styles
        self._first = self._next = first_row
        self._letters: list[str] = []
        self._file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

    def _letter(self, index: int) -> str:
        while len(self._letters) <= index:
            self._letters.append(get_column_letter(len(self._letters) + 1))
        return self._letters[index]

    def append(self, values: list[Any]) -> None:
        r = self._next
        parts = [f'<row r="{r}">']
        for i, value in enumerate(values):
            if value is None or value == "":
                continue
            ref = f"{self._letter(i)}{r}"
            if isinstance(value, str):
                parts.append(text_cell(ref, value))
                continue
            style = self.styles.get(i)
            s = f' s="{style}"' if style else ""
            if isinstance(value, bool):
                parts.append(f'<c r="{ref}" t="b"{s}><v>{int(value)}</v></c>')
            elif isinstance(value, int | Decimal):
                parts.append(f'<c r="{ref}"{s}><v>{value}</v></c>')
            elif isinstance(value, float):
                parts.append(f'<c r="{ref}"{s}><v>{value!r}</v></c>')
            elif isinstance(value, date) and not isinstance(value, datetime):
                parts.append(f'<c r="{ref}"{s}><v>{(value - EXCEL_EPOCH).days}</v></c>')
            else:
                raise TypeError(f"no spreadsheet cell for {type(value).__name__}")
        parts.append("</row>")
        self._file.write("".join(parts))
        self._next += 1

    @property
    def rows(self) -> int:
        return self._next - self._first

    @property
    def last_row(self) -> int:
        return self._next - 1

    def splice(self, package: IO[bytes], out: IO[bytes], part: str) -> None:
        """Copy the saved ``package`` into ``out`` with the rows inside sheet ``part``
        (``xl/worksheets/sheetN.xml``)."""
        self._file.flush()
        self._file.seek(0)
        with zipfile.ZipFile(package) as source, \
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info)
                if info.filename != part:
                    target.writestr(info, data)
                    continue
                head, tail = _split_sheet(data.decode("utf-8"))
                entry = zipfile.ZipInfo(part, info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                with target.open(entry, "w") as sheet:
                    sheet.write(head.encode("utf-8"))
                    _copy_text(self._file, sheet)
                    sheet.write(tail.encode("utf-8"))

    def close(self) -> None:
        """Drop the temporary rows (after ``splice``, or when the export fails)."""
        self._file.close()


def _split_sheet(xml: str) -> tuple[str, str]:
    if "</sheetData>" in xml:
        at = xml.index("</sheetData>")
        return xml[:at], xml[at:]
    at = xml.index("<sheetData/>")  # a sheet openpyxl saved with no rows at all
    return xml[:at] + "<sheetData>", "</sheetData>" + xml[at + len("<sheetData/>"):]


def _copy_text(source: IO[str], target: IO[bytes], size: int = 1 << 20) -> None:
    while chunk := source.read(size):
        target.write(chunk.encode("utf-8"))
