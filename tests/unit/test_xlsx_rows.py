"""Rows spliced into an openpyxl package read back as openpyxl itself would have written
them: numbers, money and dates with their formats, text as text (never a formula)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from eventplan.services.xlsx_rows import MAX_TEXT, RowWriter


def build(rows: list[list], header=("ID", "Title", "Day", "Money")) -> bytes:
    wb = Workbook(write_only=True)
    summary = wb.create_sheet("Summary")
    summary.append(["kept", 42])
    ws = wb.create_sheet("Events")
    ws.freeze_panes = "B2"
    ws.column_dimensions["B"].width = 40
    ws.append(list(header))
    day = WriteOnlyCell(ws, date(2021, 1, 1))
    day.number_format = "yyyy-mm-dd"
    money = WriteOnlyCell(ws, Decimal("0"))
    money.number_format = "#,##0.00"
    writer = RowWriter({2: day.style_id, 3: money.style_id})
    for row in rows:
        writer.append(row)
    ws.auto_filter.ref = f"A1:D{writer.last_row}"
    package, out = io.BytesIO(), io.BytesIO()
    wb.save(package)
    package.seek(0)
    writer.splice(package, out, ws.path.lstrip("/"))
    writer.close()
    return out.getvalue()


def events_sheet(body: bytes):
    return load_workbook(io.BytesIO(body))["Events"]


def test_numbers_dates_and_money_keep_their_types_and_formats():
    ws = events_sheet(build([[1, "Nauryz", date(2021, 3, 22), Decimal("1500000.50")],
                             [2, "Forum", date(2024, 2, 29), Decimal("0.00")]]))
    rows = list(ws.iter_rows(min_row=2))
    assert [c.value for c in rows[0]] == [1, "Nauryz", datetime(2021, 3, 22), 1500000.5]
    assert rows[1][2].value == datetime(2024, 2, 29)
    assert rows[0][2].number_format == "yyyy-mm-dd"
    assert rows[0][3].number_format == "#,##0.00"
    assert ws.max_row == 3 and ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:D3"


def test_formula_like_text_stays_text():
    ws = events_sheet(build([[1, '=HYPERLINK("http://evil.example","click")', None, None],
                             [2, "+1 attack", None, None], [3, "@SUM(A1)", None, None]]))
    cells = [row[1] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == ['=HYPERLINK("http://evil.example","click")',
                                        "+1 attack", "@SUM(A1)"]
    assert all(c.data_type == "s" for c in cells)


def test_markup_spaces_and_control_characters():
    ws = events_sheet(build([[1, "<b>Tom & Jerry</b>", None, None],
                             [2, "  indented  ", None, None],
                             [3, "bell\x07 and form feed\x0c gone\ttab kept", None, None]]))
    titles = [row[1].value for row in ws.iter_rows(min_row=2)]
    assert titles == ["<b>Tom & Jerry</b>", "  indented  ", "bell and form feed gone\ttab kept"]


def test_text_beyond_excels_cell_limit_is_cut():
    ws = events_sheet(build([[1, "я" * (MAX_TEXT + 100), None, None]]))
    assert len(ws["B2"].value) == MAX_TEXT


def test_empty_values_leave_the_cell_empty_and_other_sheets_stay():
    body = build([[1, "", None, None]])
    book = load_workbook(io.BytesIO(body))
    assert [c.value for c in book["Events"][2]][:2] == [1, None]
    assert [c.value for c in book["Summary"][1]] == ["kept", 42]


def test_no_rows_gives_a_header_only_sheet():
    ws = events_sheet(build([]))
    assert ws.max_row == 1 and [c.value for c in ws[1]] == ["ID", "Title", "Day", "Money"]


def test_every_part_is_compressed():
    with zipfile.ZipFile(io.BytesIO(build([[i, "x" * 50, None, None] for i in range(50)]))) as z:
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist())


def test_a_value_with_no_cell_type_is_refused():
    writer = RowWriter({})
    with pytest.raises(TypeError):
        writer.append([1, object()])
    writer.close()
