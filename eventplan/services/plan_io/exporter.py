"""A plan as an XLSX table in the standard government format, plus eventplan's columns.

Headers in the reader's language, a heading row per block or section (as the government
tables have), a frozen header, and text that starts like a formula kept as text.
"""

from __future__ import annotations

import io
from itertools import groupby

from babel.dates import get_month_names
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from eventplan import parsing
from eventplan.labels import CATEGORY_LABELS, FORMAT_LABELS, LEVEL_LABELS, label
from eventplan.models import Event, Plan
from eventplan.models.base import pick
from eventplan.services.plan_io.deadlines_text import format_range
from eventplan.services.plan_io.headers import COLUMNS, HEADER_LABELS
from eventplan.services.plan_io.matching import in_language
from eventplan.services.plans import plan_events
from eventplan.services.safe_cells import is_formula_like

WIDTHS = {"number": 7, "title": 60, "completion_form": 28, "executors": 38, "deadline": 20,
          "estimated_cost": 16, "funding_source": 24, "section": 36, "category": 20,
          "region": 24, "format": 12, "starts_on": 13, "ends_on": 13}
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ROW = 3


def _number(text: str) -> int | str:
    """A plain number as a number cell; "²" or "1.2" stays text (``isdigit`` took "²")."""
    value = parsing.to_int(text, 0, 10**9)
    return text if value is None else value


def _set(cell, value) -> None:
    """Write a value; text that a spreadsheet would run as a formula stays text."""
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    cell.alignment = WRAP
    cell.border = BORDER


def heading(section, lang: str) -> str:
    name = section.display_name(lang)
    if section.month is None:
        return name
    month = get_month_names("wide", locale=lang)[section.month]
    return f"{month.upper()}. {name}"


def row_values(event: Event, lang: str) -> dict[str, object]:
    executors = [event.lead_agency, *event.coexecutors]
    return {
        "number": _number(event.number),
        "title": pick(event.titles(), lang),
        "completion_form": event.completion_form,
        "executors": "\n".join([*(a.display_name(lang) for a in executors),
                                *([event.executors_note] if event.executors_note else [])]),
        "deadline": event.term or format_range(event.starts_on, event.ends_on),
        "estimated_cost": event.estimated_cost,
        "funding_source": event.funding_source,
        "section": event.section.display_name(lang),
        "category": label(CATEGORY_LABELS, event.category),
        "region": event.region.display_name(lang) if event.region else None,
        "format": label(FORMAT_LABELS, event.format),
        "starts_on": event.starts_on,
        "ends_on": event.ends_on,
    }


def export_plan(plan: Plan, lang: str) -> bytes:
    """The plan's events (the revision in force, or the draft) as XLSX bytes."""
    events = plan_events(plan)
    events.sort(key=lambda e: (e.section.position, e.position, e.id))
    with in_language(lang):
        workbook = Workbook()
        ws = workbook.active
        ws.title = _("Plan")[:31]
        title = f"{label(LEVEL_LABELS, plan.level)} · {plan.agency.display_name(lang)} · " \
                f"{plan.programme.display_name(lang)}"
        _set(ws.cell(1, 1), title)
        ws.cell(1, 1).font = Font(bold=True, size=13)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
        for index, name in enumerate(COLUMNS, 1):
            cell = ws.cell(HEADER_ROW, index)
            _set(cell, str(HEADER_LABELS[name]))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            ws.column_dimensions[cell.column_letter].width = WIDTHS[name]
        row = HEADER_ROW + 1
        for section, group in groupby(events, key=lambda e: e.section):
            _set(ws.cell(row, 1), heading(section, lang))
            ws.cell(row, 1).font = Font(bold=True)
            ws.cell(row, 1).fill = PatternFill("solid", fgColor="F2F2F2")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
            row += 1
            for event in group:
                values = row_values(event, lang)
                for index, name in enumerate(COLUMNS, 1):
                    cell = ws.cell(row, index)
                    _set(cell, values[name])
                    if name in {"starts_on", "ends_on"}:
                        cell.number_format = "DD.MM.YYYY"
                    elif name == "estimated_cost":
                        cell.number_format = "#,##0.00"
                row += 1
    ws.freeze_panes = f"B{HEADER_ROW + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_filename(plan: Plan) -> str:
    return f"plan-{plan.id}-{plan.agency.code.lower()}.xlsx"
