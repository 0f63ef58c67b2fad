"""The SQL behind the figures: the WHERE rules, the event and report cubes and their
roll-ups (``GROUP BY ... UNION ALL``), shared by the summary, the lists and the exports."""


from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from eventplan.extensions import db
from eventplan.models import (
    CompletionReport,
    Event,
    Plan,
    Programme,
    ReportOutput,
)
from eventplan.models.completion import FIGURE
from eventplan.services import output_names
from eventplan.services.completion.figures import (
    TOTALS,
    plain_value,
    sum_columns,
    zero_values,
)
from eventplan.services.deadlines import due_conditions, stage_expression
from eventplan.services.queries import executed_by

MEASURES = ("planned", "held", "due", "overdue", "postponed", "cancelled")
FIGURES = TOTALS  # the completion figures' sums (models/completion.py declares them)
BREAKDOWNS = ("block", "month", "region", "agency", "category", "level")


@dataclass(frozen=True)
class Period:
    """Events whose first planned day lies in ``start``..``end``; stages as of ``as_of``."""

    start: date
    end: date
    as_of: date


@dataclass(frozen=True)
class Scope:
    """``agency_id`` set: only that agency's events and figures (a coordinator)."""

    agency_id: int | None = None

    @classmethod
    def for_user(cls, user) -> Scope:
        if user.role == "coordinator":
            return cls(agency_id=user.agency_id or 0)  # no agency: sees no figures
        return cls()


@dataclass
class Row:
    key: Any  # section id, month, region id, agency id, category or level; None: not set
    label: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def rate(self) -> float | None:
        """Completion rate: held over planned events that were not cancelled."""
        base = self.values.get("planned", 0) - self.values.get("cancelled", 0)
        return round(self.values.get("held", 0) / base, 4) if base > 0 else None


@dataclass
class Summary:
    programme: Programme
    period: Period
    scope: Scope
    totals: Row
    breakdowns: dict[str, list[Row]]
    outputs: list[tuple[str, int]]
    grid: dict[tuple[int, Any], int]  # (month, region id) -> events planned
    programme_totals: Row | None = None  # a coordinator's view: the whole programme


def empty_values() -> dict[str, Any]:
    return {**dict.fromkeys(MEASURES, 0), **zero_values()}


# --- building blocks --------------------------------------------------------------------

def event_conditions(programme: Programme, period: Period, scope: Scope
                     ) -> list[ColumnElement[bool]]:
    """WHERE for events counted (the caller joins ``Plan``)."""
    conditions: list[ColumnElement[bool]] = [
        Plan.programme_id == programme.id,
        Plan.in_force.is_(True),
        Event.starts_on >= period.start,
        Event.starts_on <= period.end,
    ]
    if scope.agency_id is not None:
        conditions.append(executed_by(scope.agency_id))
    return conditions


class unindexed(FunctionElement):
    """The column's own value; on SQLite written ``+column``, which keeps the planner from
    driving the statement from that column's indexes (the documented SQLite idiom)."""

    inherit_cache = True
    name = "unindexed"

    def __init__(self, column) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _unindexed(element, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element, compiler, **kw) -> str:
    return "+" + compiler.process(element.clauses, **kw)


def report_conditions(programme: Programme, period: Period, scope: Scope
                      ) -> list[ColumnElement[bool]]:
    """WHERE for report figures: accepted reports of counted events (joins Event, Plan).

    The period test is ``unindexed`` so that SQLite reads the reports in one pass and finds
    each event by its key, instead of walking the event index and probing the reports of
    every event: with table statistics (ANALYZE) it picked the latter, 460-500 ms against
    260-350 ms for the whole year at 100,000 events (a one-week period loses ~30 ms).
    PostgreSQL plans the join by itself and sees the plain column."""
    conditions = [
        CompletionReport.status == "accepted",
        Plan.programme_id == programme.id,
        Plan.in_force.is_(True),
        unindexed(Event.starts_on) >= period.start,
        unindexed(Event.starts_on) <= period.end,
    ]
    if scope.agency_id is not None:
        conditions.append(CompletionReport.agency_id == scope.agency_id)
    return conditions


def _flag(condition: ColumnElement[bool]):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def measure_condition(measure: str, programme: Programme, as_of: date) -> ColumnElement[bool]:
    """The condition that makes an event count under ``measure``."""
    if measure == "planned":
        return true()
    if measure in ("due", "overdue"):
        return and_(*due_conditions(programme, as_of, measure))
    return Event.status == measure


def stage_column(programme: Programme, as_of: date):
    """'due', 'overdue' or NULL per event: the deadlines rule, evaluated once per row."""
    return case((and_(*due_conditions(programme, as_of)), stage_expression(programme, as_of)),
                else_=null())


def _count_sums(cube) -> list:
    """Event measures from the cube's (status, stage, n) rows."""
    n = cube.c.n
    columns = [func.sum(n).label("planned")]
    for measure in MEASURES[1:]:
        column = cube.c.stage if measure in ("due", "overdue") else cube.c.status
        columns.append(func.sum(case((column == measure, n), else_=0)).label(measure))
    return columns


def month_of(column):
    return cast(func.extract("month", column), Integer)


def _event_keys() -> dict[str, Any]:
    return {"block": Event.section_id, "month": month_of(Event.starts_on),
            "region": Event.region_id, "agency": Event.lead_agency_id,
            "category": Event.category, "level": Plan.level}


def _report_keys() -> dict[str, Any]:
    # Figures go under the agency that reported them (events go under their lead agency).
    return {**_event_keys(), "agency": CompletionReport.agency_id}


# Each roll-up: the breakdown keys it groups by. "grid" is the month x region heat map.
SETS: dict[str, tuple[str, ...]] = {"total": (), **{name: (name,) for name in BREAKDOWNS},
                                    "grid": ("month", "region")}
INT_KEYS = {"block", "month", "region", "agency"}


def _rollups(cube, sums: list, sets: dict[str, tuple[str, ...]]):
    """One statement: the cube (a CTE grouped by every key, computed once) rolled up by
    each set of keys, all in SQL (GROUP BY ... UNION ALL)."""
    parts = []
    for set_name, keys in sets.items():
        k1 = cast(cube.c[keys[0]], String) if keys else null()
        k2 = cast(cube.c[keys[1]], String) if len(keys) > 1 else null()
        part = select(literal(set_name).label("rollup"), k1.label("k1"), k2.label("k2"), *sums)
        if keys:
            part = part.group_by(*[cube.c[k] for k in keys])
        parts.append(part)
    return union_all(*parts)


def _key(set_name: str, k1: str | None, k2: str | None) -> Any:
    if set_name == "total":
        return None
    keys = SETS[set_name]
    values = [None if raw is None else int(raw) if name in INT_KEYS else raw
              for name, raw in zip(keys, (k1, k2), strict=False)]
    return tuple(values) if len(values) > 1 else values[0]


def _fill(values: dict[str, Any], row: Any, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(row, name)
        values[name] = plain_value(FIGURE[name], value) if name in FIGURE else int(value or 0)


def _aggregate(programme: Programme, period: Period, scope: Scope,
               sets: dict[str, tuple[str, ...]]) -> dict[str, dict[Any, dict[str, Any]]]:
    """{set: {key: values}} from two statements: events' counts and accepted reports' sums."""
    event_keys, report_keys = _event_keys(), _report_keys()
    stage = stage_column(programme, period.as_of)
    # Status and stage are cube keys too, so the due rule runs once per event.
    counts = (select(*[c.label(k) for k, c in event_keys.items()],
                     Event.status.label("status"), stage.label("stage"),
                     func.count(Event.id).label("n"))
              .select_from(Event).join(Plan, Event.plan_id == Plan.id)
              .where(*event_conditions(programme, period, scope))
              .group_by(*event_keys.values(), Event.status, stage).cte("event_cube"))
    figures = (select(*[c.label(k) for k, c in report_keys.items()], *sum_columns())
               .select_from(CompletionReport)
               .join(Event, CompletionReport.event_id == Event.id)
               .join(Plan, Event.plan_id == Plan.id)
               .where(*report_conditions(programme, period, scope))
               .group_by(*report_keys.values()).cte("report_cube"))
    no_jit()
    result: dict[str, dict[Any, dict[str, Any]]] = {name: {} for name in sets}
    figure_sums = [func.sum(figures.c[name]).label(name) for name in FIGURES]
    for cube, sums, names in ((counts, _count_sums(counts), MEASURES),
                              (figures, figure_sums, FIGURES)):
        for row in db.session.execute(_rollups(cube, sums, sets)):
            key = _key(row.rollup, row.k1, row.k2)
            if row.rollup != "total" and getattr(row, names[0]) is None:
                continue
            _fill(result[row.rollup].setdefault(key, empty_values()), row, names)
    return result


def no_jit() -> None:
    """PostgreSQL settings for this transaction only: JIT off (the correlated EXISTS of the
    due rule inflates the estimated cost, and compiling takes ~0.8 s the query never needs)
    and room to group the cube in memory rather than sorting it on disk."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL jit = off"))
        db.session.execute(text("SET LOCAL work_mem = '64MB'"))

def reported_by(agency_id: int | None = None, output: str | None = None
                ) -> ColumnElement[bool]:
    """The event has an accepted report (from ``agency_id`` when given; listing the other
    output named ``output`` when given: the events behind a line of "Other outputs")."""
    conditions = [CompletionReport.event_id == Event.id, CompletionReport.status == "accepted"]
    if agency_id is not None:
        conditions.append(CompletionReport.agency_id == agency_id)
    if output is not None:
        stored = list(db.session.scalars(select(ReportOutput.name).distinct()))
        names = output_names.same_output(output, stored) or [output]
        conditions += [ReportOutput.report_id == CompletionReport.id,
                       ReportOutput.name.in_(names)]
    return exists().where(*conditions)
