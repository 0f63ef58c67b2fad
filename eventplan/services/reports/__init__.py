"""Programme figures for the dashboard, the exports and the API: one set of GROUP BY queries.

Rules (docs/reports.md):

- Only events of plans in force count.
- The reporting period selects events by their **planned first day** (``Event.starts_on``);
  an event's report figures are counted with the event, whatever its held dates.
- Due and overdue are computed *as of* a date by :mod:`eventplan.services.deadlines`.
- Figures (participants, media, charity…) are sums over **accepted** reports only: an
  event's numbers are the sum of its accepted contributions from every executing agency.
- ``media`` is the sum of the channels, not the stated total (see the warnings).
- A coordinator sees the events their agency leads or co-executes and the figures their
  agency reported; the programme's totals are given beside them (``programme_totals``).

Every caller (page, XLSX, CSV, API) goes through :func:`summary` or the ``by_*`` functions,
so the numbers are the same everywhere.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import format_date
from sqlalchemy import func, select

from eventplan import labels as app_labels
from eventplan.extensions import db
from eventplan.models import (
    CATEGORIES,
    PLAN_LEVELS,
    Agency,
    CompletionReport,
    Event,
    Plan,
    Programme,
    Region,
    ReportOutput,
    Section,
)
from eventplan.services import output_names
from eventplan.services.completion.figures import MEDIA_FIELDS
from eventplan.services.reports.cache import cached_figures
from eventplan.services.reports.cube import (
    BREAKDOWNS,
    FIGURES,
    MEASURES,
    SETS,
    Period,
    Row,
    Scope,
    Summary,
    _aggregate,
    empty_values,
    event_conditions,
    measure_condition,
    report_conditions,
    reported_by,
)
from eventplan.services.reports.labels import NOT_SET, TOTAL

# --- labels and order -------------------------------------------------------------------

def _labelled(name: str, programme: Programme, data: dict[Any, dict[str, Any]]) -> list[Row]:
    none_label = NOT_SET
    keys = [k for k in data if k is not None]
    if name == "block":
        sections = {s.id: s for s in programme.sections}
        order = sorted(keys, key=lambda k: sections[k].position if k in sections else 10**6)
        rows = [Row(k, sections[k].display_name() if k in sections else str(k), data[k])
                for k in order]
    elif name == "month":
        year = programme.starts_on.year
        rows = [Row(k, format_date(date(year, k, 1), "LLLL"), data[k]) for k in sorted(keys)]
    elif name in ("region", "agency"):
        model = Region if name == "region" else Agency
        objects = db.session.scalars(select(model).where(model.id.in_(keys))).all() \
            if keys else []
        names = {o.id: o.display_name() for o in objects}
        codes = {o.id: o.code for o in objects}
        order = sorted(keys, key=lambda k: names.get(k, "")) if name == "region" else \
            sorted(keys, key=lambda k: codes.get(k, ""))
        rows = [Row(k, names.get(k, str(k)), data[k]) for k in order]
    elif name == "category":
        rows = [Row(k, app_labels.label(app_labels.CATEGORY_LABELS, k), data[k])
                for k in sorted(keys, key=lambda c: CATEGORIES.index(c)
                                if c in CATEGORIES else 99)]
    else:
        rows = [Row(k, app_labels.label(app_labels.LEVEL_LABELS, k), data[k])
                for k in sorted(keys, key=lambda v: PLAN_LEVELS.index(v)
                                if v in PLAN_LEVELS else 99)]
    if None in data:
        rows.append(Row(None, str(none_label), data[None]))
    return rows


# --- the public functions ---------------------------------------------------------------

def totals(programme: Programme, period: Period, scope: Scope) -> Row:
    data = _aggregate(programme, period, scope, {"total": ()})["total"]
    return Row("total", str(TOTAL), data.get(None, empty_values()))


def breakdown(name: str, programme: Programme, period: Period, scope: Scope) -> list[Row]:
    if name not in BREAKDOWNS:
        raise ValueError(name)
    data = _aggregate(programme, period, scope, {name: SETS[name]})[name]
    return _labelled(name, programme, data)


def by_block(programme: Programme, period: Period, scope: Scope) -> list[Row]:
    return breakdown("block", programme, period, scope)


def by_month(programme: Programme, period: Period, scope: Scope) -> list[Row]:
    return breakdown("month", programme, period, scope)


def by_region(programme: Programme, period: Period, scope: Scope) -> list[Row]:
    return breakdown("region", programme, period, scope)


def by_agency(programme: Programme, period: Period, scope: Scope) -> list[Row]:
    return breakdown("agency", programme, period, scope)


def by_category(programme: Programme, period: Period, scope: Scope) -> list[Row]:
    return breakdown("category", programme, period, scope)


def by_level(programme: Programme, period: Period, scope: Scope) -> list[Row]:
    return breakdown("level", programme, period, scope)


def outputs(programme: Programme, period: Period, scope: Scope) -> list[tuple[str, int]]:
    """Other outputs of accepted reports, summed by name (largest first); spellings of one
    output (case, language) are counted together (:func:`output_names.merge`)."""
    total = func.sum(ReportOutput.quantity)
    # The event test as EXISTS: the few output rows drive the query, rather than every
    # event of the programme being joined to its reports first (SQLite 150 ms -> 18 ms).
    counted = (select(Event.id).join(Plan, Event.plan_id == Plan.id)
               .where(Event.id == CompletionReport.event_id,
                      *event_conditions(programme, period, Scope())))
    conditions = [CompletionReport.status == "accepted", counted.exists()]
    if scope.agency_id is not None:
        conditions.append(CompletionReport.agency_id == scope.agency_id)
    rows = db.session.execute(
        select(ReportOutput.name, total)
        .join(CompletionReport, ReportOutput.report_id == CompletionReport.id)
        .where(*conditions)
        .group_by(ReportOutput.name)
        .order_by(total.desc(), ReportOutput.name)
    )
    return output_names.merge([(name, int(quantity or 0)) for name, quantity in rows])


def _grid(data: dict[Any, dict[str, Any]]) -> dict[tuple[int, Any], dict[str, int]]:
    return {key: {"planned": v["planned"], "held": v["held"]} for key, v in data.items()}


def month_region_grid(programme: Programme, period: Period, scope: Scope
                      ) -> dict[tuple[int, Any], dict[str, int]]:
    """{(month, region id): {"planned": n, "held": n}}."""
    return _grid(_aggregate(programme, period, scope, {"grid": SETS["grid"]})["grid"])


def figures(programme: Programme, period: Period, scope: Scope
            ) -> tuple[dict[str, dict[Any, dict[str, Any]]], list[tuple[str, int]]]:
    """Every roll-up and the outputs, kept until a write changes them (``stats.cache``)."""
    return cached_figures(
        ("figures", programme.id, period, scope),
        lambda: (_aggregate(programme, period, scope, SETS), outputs(programme, period, scope)))


def summary(programme: Programme, period: Period, scope: Scope) -> Summary:
    """Totals, every breakdown and the grid from two statements, plus the outputs."""
    data, output_rows = figures(programme, period, scope)
    result = Summary(
        programme=programme, period=period, scope=scope,
        totals=Row("total", str(TOTAL), data["total"].get(None, empty_values())),
        breakdowns={name: _labelled(name, programme, data[name]) for name in BREAKDOWNS},
        outputs=output_rows,
        grid=_grid(data["grid"]),
    )
    if scope.agency_id is not None:
        whole = figures(programme, period, Scope())[0]["total"]
        result.programme_totals = Row("total", str(TOTAL), whole.get(None, empty_values()))
    return result


def section_months(programme: Programme) -> dict[int, int]:
    return {s.id: s.month for s in programme.sections if s.month is not None}


__all__ = [
    "BREAKDOWNS", "FIGURES", "MEASURES", "MEDIA_FIELDS", "Period", "Row", "Scope", "Section",
    "Summary", "breakdown", "by_agency", "by_block", "by_category", "by_level", "by_month",
    "by_region", "event_conditions", "figures", "measure_condition", "month_region_grid",
    "outputs", "report_conditions", "reported_by", "summary", "totals",
]
