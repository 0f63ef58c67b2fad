"""Reading the period and the filters from query arguments, and the events behind a number.

The page, the exports and the API read their parameters here, so a link from a number on
the dashboard lists exactly the events that number counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import Select, and_, select
from sqlalchemy.orm import selectinload

from eventplan import parsing
from eventplan.models import CATEGORIES, PLAN_LEVELS, Event, Plan, Programme
from eventplan.services.deadlines import programme_today
from eventplan.services.errors import ValidationError
from eventplan.services.reports.cube import (
    MEASURES,
    Period,
    Scope,
    event_conditions,
    measure_condition,
    reported_by,
)

LIST_MEASURES = (*MEASURES, "reported")  # "reported": has an accepted report
OUTPUT_NAME_MAX = 200  # ReportOutput.name


@dataclass(frozen=True)
class Filters:
    """Which events a number counts: a measure and the key of a breakdown row."""

    measure: str | None = None
    block: int | None = None  # section id
    month: int | None = None
    region: int | str | None = None  # region id, or "none" for events without a region
    agency: int | None = None  # lead agency
    reporter: int | None = None  # agency with an accepted report
    category: str | None = None
    level: str | None = None
    output: str | None = None  # an "other output" named so in an accepted report

    def args(self) -> dict[str, str]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self)
                if getattr(self, f.name) is not None}


def _date(args: Mapping[str, str], name: str, default: date) -> date:
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    try:
        return parsing.parse_date(raw)
    except parsing.ParseError as exc:
        raise ValidationError(exc.message, name) from None


def _int(args: Mapping[str, str], name: str) -> int | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    try:
        return parsing.parse_int(raw)
    except parsing.ParseError as exc:
        raise ValidationError(exc.message, name) from None


def _choice(args: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    if raw not in choices:
        raise ValidationError(_("Unknown value: %(value)s.", value=raw[:40]), name)
    return raw


def parse_period(args: Mapping[str, str], programme: Programme) -> Period:
    """``from``, ``to`` and ``as_of``; defaults: the programme's period and today."""
    start = _date(args, "from", programme.starts_on)
    end = _date(args, "to", programme.ends_on)
    as_of = _date(args, "as_of", programme_today(programme))
    if start > end:
        raise ValidationError(_("The start of the period is after its end."), "from")
    return Period(start=start, end=end, as_of=as_of)


def parse_filters(args: Mapping[str, str]) -> Filters:
    none = (args.get("region") or "").strip() == "none"
    region: int | str | None = "none" if none else _int(args, "region")
    month = _int(args, "month")
    if month is not None and not 1 <= month <= 12:
        raise ValidationError(_("The month must be from 1 to 12."), "month")
    return Filters(
        measure=_choice(args, "measure", LIST_MEASURES),
        block=_int(args, "block"), month=month, region=region,
        agency=_int(args, "agency"), reporter=_int(args, "reporter"),
        category=_choice(args, "category", CATEGORIES),
        level=_choice(args, "level", PLAN_LEVELS),
        output=_output(args),
    )


def _output(args: Mapping[str, str]) -> str | None:
    raw = (args.get("output") or "").strip()
    if len(raw) > OUTPUT_NAME_MAX:
        raise ValidationError(_("At most %(n)d characters.", n=OUTPUT_NAME_MAX), "output")
    return raw or None


def filter_conditions(programme: Programme, period: Period, scope: Scope,
                      filters: Filters) -> list:
    """WHERE for the events behind a number (the caller joins ``Plan``)."""
    from eventplan.services.reports.cube import month_of

    conditions = list(event_conditions(programme, period, scope))
    if filters.measure == "reported":
        conditions.append(reported_by(scope.agency_id))
    elif filters.measure:
        conditions.append(measure_condition(filters.measure, programme, period.as_of))
    if filters.block is not None:
        conditions.append(Event.section_id == filters.block)
    if filters.month is not None:
        conditions.append(month_of(Event.starts_on) == filters.month)
    if filters.region == "none":
        conditions.append(Event.region_id.is_(None))
    elif filters.region is not None:
        conditions.append(Event.region_id == filters.region)
    if filters.agency is not None:
        conditions.append(Event.lead_agency_id == filters.agency)
    if filters.reporter is not None:
        conditions.append(reported_by(filters.reporter))
    if filters.category:
        conditions.append(Event.category == filters.category)
    if filters.level:
        conditions.append(Plan.level == filters.level)
    if filters.output:
        conditions.append(reported_by(scope.agency_id, output=filters.output))
    return conditions


def events_statement(programme: Programme, period: Period, scope: Scope,
                     filters: Filters) -> Select:
    """``select(Event)`` of the events behind a number, in date order."""
    return (
        select(Event)
        .join(Plan, Event.plan_id == Plan.id)
        .where(and_(*filter_conditions(programme, period, scope, filters)))
        .options(selectinload(Event.lead_agency), selectinload(Event.region),
                 selectinload(Event.plan), selectinload(Event.section),
                 selectinload(Event.coexecutors))
        .order_by(Event.starts_on, Event.id)
    )


def row_filters(breakdown: str, key) -> dict[str, str]:
    """Query arguments naming one row of a breakdown (for the links behind its numbers)."""
    if key == "total":
        return {}
    if key is None:
        return {"region": "none"} if breakdown == "region" else {}
    name = {"block": "block", "month": "month", "region": "region", "agency": "agency",
            "category": "category", "level": "level"}[breakdown]
    return {name: str(key)}


def figure_filters(breakdown: str, key) -> dict[str, str]:
    """Arguments for the events behind a report figure: figures group by the reporter."""
    args = row_filters(breakdown, key)
    if breakdown == "agency" and "agency" in args:
        args["reporter"] = args.pop("agency")
    return {**args, "measure": "reported"}
