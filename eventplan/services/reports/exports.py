"""XLSX and CSV exports of the same figures as the dashboard, streamed for large programmes.

The summary sheets come from :func:`eventplan.services.reports.summary` (the page's numbers);
the events sheet streams one row per event with its accepted reports' figures, read in
batches (``yield_per``) and written by openpyxl in write-only mode, so memory stays flat.
Text cells go through :mod:`eventplan.services.safe_cells`.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import IO, Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy import and_, case, literal, select

from eventplan import labels as app_labels
from eventplan.extensions import db
from eventplan.models import Agency, CompletionReport, Event, Plan, Programme, Region
from eventplan.models.base import pick
from eventplan.models.completion import FIGURE, MONEY
from eventplan.models.event import event_coexecutor
from eventplan.services.completion.figures import event_sums, plain_value
from eventplan.services.deadlines import due_conditions
from eventplan.services.reports.cube import (
    BREAKDOWNS,
    FIGURES,
    MEASURES,
    Period,
    Scope,
    Summary,
    event_conditions,
)
from eventplan.services.reports.labels import (
    BREAKDOWN_LABELS,
    FIGURE_LABELS,
    KEY_LABELS,
    MEASURE_LABELS,
    RATE_LABEL,
)
from eventplan.services.reports.params import Filters, filter_conditions
from eventplan.services.safe_cells import csv_value, xlsx_cell
from eventplan.services.xlsx_rows import RowWriter

BATCH = 2000
INT_FORMAT = "#,##0"
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
BOLD = Font(bold=True)

# Events sheet: (key, label, kind, width); kind picks the number format.
EVENT_COLUMNS: list[tuple[str, Any, str, int]] = [
    ("id", "ID", "int", 8),
    ("number", app_labels.FIELD_LABELS["number"], "text", 8),
    ("title", _l("Event"), "text", 50),
    ("title_kk", app_labels.FIELD_LABELS["title_kk"], "text", 30),
    ("title_ru", app_labels.FIELD_LABELS["title_ru"], "text", 30),
    ("title_en", app_labels.FIELD_LABELS["title_en"], "text", 30),
    ("description", app_labels.FIELD_LABELS["description"], "text", 30),
    ("level", KEY_LABELS["level"], "text", 12),
    ("section", app_labels.FIELD_LABELS["section_id"], "text", 28),
    ("category", app_labels.FIELD_LABELS["category"], "text", 18),
    ("lead_agency", app_labels.FIELD_LABELS["lead_agency_id"], "text", 30),
    ("coexecutors", app_labels.FIELD_LABELS["coexecutor_ids"], "text", 20),
    ("region", app_labels.FIELD_LABELS["region_id"], "text", 22),
    ("place", app_labels.FIELD_LABELS["place"], "text", 20),
    ("format", app_labels.FIELD_LABELS["format"], "text", 10),
    ("starts_on", app_labels.FIELD_LABELS["starts_on"], "date", 12),
    ("ends_on", app_labels.FIELD_LABELS["ends_on"], "date", 12),
    ("term", app_labels.FIELD_LABELS["term"], "text", 14),
    ("completion_form", app_labels.FIELD_LABELS["completion_form"], "text", 24),
    ("estimated_cost", app_labels.FIELD_LABELS["estimated_cost"], "money", 16),
    ("funding_source", app_labels.FIELD_LABELS["funding_source"], "text", 18),
    ("status", app_labels.FIELD_LABELS["status"], "text", 12),
    ("stage", MEASURE_LABELS["due"], "text", 12),
    ("status_reason", app_labels.FIELD_LABELS["status_reason"], "text", 24),
    *[(name, FIGURE_LABELS[name], "money" if FIGURE[name].kind == MONEY else "int", 12)
      for name in FIGURES],
]


# --- events, streamed -------------------------------------------------------------------

def _stage(programme: Programme, as_of: date):
    return case(
        (and_(*due_conditions(programme, as_of, "overdue")), literal("overdue")),
        (and_(*due_conditions(programme, as_of, "due")), literal("due")),
        else_=literal(None),
    )


def event_rows(programme: Programme, period: Period, scope: Scope,
               filters: Filters | None = None, lang: str | None = None
               ) -> Iterator[dict[str, Any]]:
    """One dict per event (keys of ``EVENT_COLUMNS``), in date order, read in batches.

    Everything that touches ORM objects or the request's locale happens here, at the call;
    the returned iterator only runs the prepared statement, so a streamed response can
    consume it after the request has committed and its objects have expired.
    """
    accepted = [CompletionReport.status == "accepted"]
    if scope.agency_id is not None:
        accepted.append(CompletionReport.agency_id == scope.agency_id)
    figures = event_sums(*accepted).subquery()
    stmt = (
        select(Event.id, Event.number, Event.title_kk, Event.title_ru, Event.title_en,
               Event.description, Plan.level, Event.section_id, Event.category,
               Event.lead_agency_id, Event.region_id, Event.place, Event.format,
               Event.starts_on, Event.ends_on, Event.term, Event.completion_form,
               Event.estimated_cost, Event.funding_source, Event.status,
               Event.status_reason, _stage(programme, period.as_of).label("stage"),
               *[figures.c[name] for name in FIGURES])
        .join(Plan, Event.plan_id == Plan.id)
        .outerjoin(figures, figures.c.event_id == Event.id)
        .where(*filter_conditions(programme, period, scope, filters or Filters()))
        .order_by(Event.starts_on, Event.id)
        .execution_options(yield_per=BATCH)
    )
    sections = {s.id: s.display_name(lang) for s in programme.sections}
    agencies = {a.id: (a.code, a.display_name(lang)) for a in db.session.scalars(select(Agency))}
    regions = {r.id: r.display_name(lang) for r in db.session.scalars(select(Region))}
    coexecutors: dict[int, list[str]] = defaultdict(list)
    for event_id, agency_id in db.session.execute(
            select(event_coexecutor.c.event_id, event_coexecutor.c.agency_id)
            .join(Event, Event.id == event_coexecutor.c.event_id)
            .join(Plan, Event.plan_id == Plan.id)
            .where(*event_conditions(programme, period, Scope()))):
        coexecutors[event_id].append(agencies.get(agency_id, ("", ""))[0])
    status_label = {k: str(v) for k, v in app_labels.STATUS_LABELS.items()}
    stage_label = {"due": str(MEASURE_LABELS["due"]), "overdue": str(MEASURE_LABELS["overdue"])}
    category_label = {k: str(v) for k, v in app_labels.CATEGORY_LABELS.items()}
    level_label = {k: str(v) for k, v in app_labels.LEVEL_LABELS.items()}
    format_label = {k: str(v) for k, v in app_labels.FORMAT_LABELS.items()}
    labels = (sections, agencies, regions, coexecutors, status_label, stage_label,
              category_label, level_label, format_label)
    return _event_dicts(stmt, labels, lang)


def _event_dicts(stmt, labels, lang: str | None) -> Iterator[dict[str, Any]]:
    (sections, agencies, regions, coexecutors, status_label, stage_label, category_label,
     level_label, format_label) = labels
    for r in db.session.execute(stmt):
        lead = agencies.get(r.lead_agency_id, ("", ""))
        row = {
            "id": r.id, "number": r.number,
            "title": pick({"kk": r.title_kk, "ru": r.title_ru, "en": r.title_en}, lang),
            "title_kk": r.title_kk, "title_ru": r.title_ru, "title_en": r.title_en,
            "description": r.description, "level": level_label.get(r.level, r.level),
            "section": sections.get(r.section_id, ""),
            "category": category_label.get(r.category, r.category),
            "lead_agency": lead[1] or lead[0], "coexecutors": ", ".join(coexecutors.get(r.id, ())),
            "region": regions.get(r.region_id, "") if r.region_id else "",
            "place": r.place, "format": format_label.get(r.format, r.format),
            "starts_on": r.starts_on, "ends_on": r.ends_on, "term": r.term,
            "completion_form": r.completion_form, "estimated_cost": r.estimated_cost,
            "funding_source": r.funding_source,
            "status": status_label.get(r.status, r.status),
            "stage": stage_label.get(r.stage, "") if r.stage else "",
            "status_reason": r.status_reason,
        }
        for name in FIGURES:
            row[name] = plain_value(FIGURE[name], getattr(r, name))
        yield row


# --- breakdown tables -------------------------------------------------------------------

def table_header(name: str) -> list[str]:
    return [str(KEY_LABELS[name]), *[str(MEASURE_LABELS[m]) for m in MEASURES],
            str(RATE_LABEL), *[str(FIGURE_LABELS[f]) for f in FIGURES]]


def table_rows(result: Summary, name: str) -> list[list[Any]]:
    rows = [[row.label, *[row.values[m] for m in MEASURES], row.rate,
             *[row.values[f] for f in FIGURES]] for row in result.breakdowns[name]]
    total = result.totals
    rows.append([total.label, *[total.values[m] for m in MEASURES], total.rate,
                 *[total.values[f] for f in FIGURES]])
    return rows


def table_formats() -> list[str | None]:
    return [None, *[INT_FORMAT] * len(MEASURES), "0.0%",
            *[_number_format(f) for f in FIGURES]]


def _number_format(name: str) -> str:
    figure = FIGURE.get(name)
    return MONEY_FORMAT if figure is not None and figure.kind == MONEY else INT_FORMAT


# --- XLSX -------------------------------------------------------------------------------

def _sheet(wb: Workbook, title: str, header: list[str], widths: list[int]):
    ws = wb.create_sheet(title[:31])
    ws.freeze_panes = "B2"
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.append([xlsx_cell(ws, h, font=BOLD) for h in header])
    return ws


def _finish(ws, columns: int, rows: int) -> None:
    ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(rows, 1) + 1}"


def write_xlsx(out: IO[bytes], result: Summary, events: Iterable[dict[str, Any]],
               narrative_text: str) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Summary")[:31])
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 18
    ws.append([xlsx_cell(ws, result.programme.display_name(), font=Font(bold=True, size=13))])
    ws.append([xlsx_cell(ws, _("Period")), xlsx_cell(ws, result.period.start, DATE_FORMAT),
               xlsx_cell(ws, result.period.end, DATE_FORMAT)])
    ws.append([xlsx_cell(ws, _("As of")), xlsx_cell(ws, result.period.as_of, DATE_FORMAT)])
    para = xlsx_cell(ws, narrative_text)
    para.alignment = Alignment(wrap_text=True, vertical="top")
    ws.append([para])
    ws.append([])
    ws.append([xlsx_cell(ws, _("Figure"), font=BOLD), xlsx_cell(ws, _("Value"), font=BOLD)])
    for name in (*MEASURES, *FIGURES):
        label = MEASURE_LABELS.get(name) or FIGURE_LABELS[name]
        fmt = _number_format(name)
        ws.append([xlsx_cell(ws, str(label)), xlsx_cell(ws, result.totals.values[name], fmt)])
    ws.append([xlsx_cell(ws, str(RATE_LABEL)), xlsx_cell(ws, result.totals.rate, "0.0%")])
    if result.outputs:
        ws.append([])
        ws.append([xlsx_cell(ws, _("Other outputs"), font=BOLD)])
        for name, quantity in result.outputs:
            ws.append([xlsx_cell(ws, name), xlsx_cell(ws, quantity, INT_FORMAT)])

    formats = table_formats()
    for name in ("region", "agency", "block", "month", "category", "level"):
        header = table_header(name)
        ws = _sheet(wb, str(BREAKDOWN_LABELS[name]), header, [34] + [12] * (len(header) - 1))
        rows = table_rows(result, name)
        for values in rows:
            ws.append([xlsx_cell(ws, v, fmt) for v, fmt in zip(values, formats, strict=True)])
        _finish(ws, len(header), len(rows))

    header = [str(label) for _key, label, _kind, _w in EVENT_COLUMNS]
    ws = _sheet(wb, _("Events"), header, [w for *_rest, w in EVENT_COLUMNS])
    # The events sheet is the bulk of a large export: its rows are written as sheet XML
    # and spliced into the package openpyxl saves (services/xlsx_rows.py: ~1.5 µs a cell
    # against openpyxl's ~15 µs).
    style_of = {"date": xlsx_cell(ws, date(2021, 1, 1), DATE_FORMAT).style_id,
                "money": xlsx_cell(ws, Decimal("0.00"), MONEY_FORMAT).style_id}
    rows = RowWriter({i: style_of[kind] for i, (_k, _l, kind, _w) in
                          enumerate(EVENT_COLUMNS) if kind in style_of})
    try:
        keys = [key for key, *_rest in EVENT_COLUMNS]
        for row in events:
            rows.append([row[key] for key in keys])
        _finish(ws, len(header), rows.rows)
        with tempfile.TemporaryFile() as package:
            wb.save(package)
            package.seek(0)
            rows.splice(package, out, ws.path.lstrip("/"))
    finally:
        rows.close()


# --- CSV --------------------------------------------------------------------------------

def _csv_plain(value: Any, decimal_comma: bool) -> Any:
    if isinstance(value, Decimal | float):
        text = f"{value:.2f}" if isinstance(value, Decimal) else f"{value:.4f}"
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, date):
        return value.isoformat()
    return csv_value(value)


def csv_lines(header: list[str], rows: Iterable[list[Any]], delimiter: str = ","
              ) -> Iterator[str]:
    """UTF-8 text with a BOM first (Excel then reads the encoding right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    decimal_comma = delimiter == ";"
    yield "\ufeff"
    writer.writerow([csv_value(h) for h in header])
    for i, row in enumerate(rows):
        writer.writerow([_csv_plain(v, decimal_comma) for v in row])
        if i % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_events(events: Iterable[dict[str, Any]], delimiter: str = ",") -> Iterator[str]:
    header = [str(label) for _key, label, _kind, _w in EVENT_COLUMNS]
    keys = [key for key, *_rest in EVENT_COLUMNS]
    return csv_lines(header, ([row[k] for k in keys] for row in events), delimiter)


def csv_table(result: Summary, name: str, delimiter: str = ",") -> Iterator[str]:
    if name == "summary":
        names = (*MEASURES, *FIGURES)
        rows = [[str(MEASURE_LABELS.get(n) or FIGURE_LABELS[n]), result.totals.values[n]]
                for n in names]
        return csv_lines([_("Figure"), _("Value")], rows, delimiter)
    return csv_lines(table_header(name), table_rows(result, name), delimiter)


CSV_TABLES = ("events", "summary", *BREAKDOWNS)
