"""My tasks: which events an agency owes a report for, which reports came back, what is next.

Groups (DESIGN "States"): *due* and *overdue* come from the one rule in
:mod:`eventplan.services.deadlines`; *returned* are the agency's reports sent back for
correction; *not_held* are events whose lead report headquarters accepted as "not held" and
that are still ``planned``: they have left due/overdue (the lead reported) and wait for
headquarters to postpone or cancel them; *upcoming* are open events that start within
:data:`UPCOMING_DAYS` of the programme-local today (or are under way). Counts come from
aggregate queries and the lists are pages, so an akimat with thousands of events costs a
fixed handful of indexed queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Select, func, select, union
from sqlalchemy.orm import joinedload

from eventplan.extensions import db
from eventplan.models import CompletionReport, Event, Plan, Programme
from eventplan.services.deadlines import OPEN_STATUSES, due_query, stage_expression
from eventplan.services.errors import NotAllowed
from eventplan.services.queries import executed_by

GROUPS = ("due", "overdue", "returned", "not_held", "upcoming")
UPCOMING_DAYS = 14
PER_PAGE = 50


@dataclass(frozen=True)
class Scope:
    """Whose tasks: one agency (coordinators, or staff filtering) and optional narrowing."""

    agency_id: int | None = None
    region_id: int | None = None
    section_id: int | None = None


@dataclass
class Group:
    name: str
    total: int
    page: int
    per_page: int
    rows: list  # (Event, extra) pairs: stage, own report status, or the returned report

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def scope_for(user, agency_id: int | None = None, region_id: int | None = None,
              section_id: int | None = None) -> Scope:
    """A coordinator sees their own agency only; staff see all, narrowed by the filters."""
    if not user.is_authenticated or not user.is_active:
        raise NotAllowed("")
    if user.role in {"admin", "hq"}:
        return Scope(agency_id, region_id, section_id)
    if user.role == "coordinator" and user.agency_id:
        return Scope(user.agency_id, region_id, section_id)
    raise NotAllowed("")


def _narrow(scope: Scope) -> list[ColumnElement[bool]]:
    conditions = []
    if scope.region_id is not None:
        conditions.append(Event.region_id == scope.region_id)
    if scope.section_id is not None:
        conditions.append(Event.section_id == scope.section_id)
    return conditions


def due_statement(programme: Programme, today: date, scope: Scope,
                  stage: str | None = None) -> Select:
    return due_query(programme, today, agency_id=scope.agency_id, stage=stage).where(
        *_narrow(scope))


def returned_statement(programme: Programme, scope: Scope) -> Select:
    """``(CompletionReport)`` sent back for correction, on events of plans in force."""
    stmt = (
        select(CompletionReport)
        .join(Event, CompletionReport.event_id == Event.id)
        .join(Plan, Event.plan_id == Plan.id)
        .where(CompletionReport.status == "returned", Plan.programme_id == programme.id,
               Plan.in_force.is_(True), *_narrow(scope))
        .order_by(CompletionReport.reviewed_at, CompletionReport.id)
    )
    if scope.agency_id is not None:
        stmt = stmt.where(CompletionReport.agency_id == scope.agency_id)
    return stmt


def not_held_statement(programme: Programme, scope: Scope) -> Select:
    """``(CompletionReport)`` lead reports accepted as not held whose event is still planned.

    Headquarters owes each one a decision; postponing or cancelling the event changes its
    status and so takes it off the list. Oldest acceptance first.
    """
    stmt = (
        select(CompletionReport)
        .join(Event, CompletionReport.event_id == Event.id)
        .join(Plan, Event.plan_id == Plan.id)
        .where(CompletionReport.status == "accepted", CompletionReport.outcome == "not_held",
               CompletionReport.agency_id == Event.lead_agency_id, Event.status == "planned",
               Plan.programme_id == programme.id, Plan.in_force.is_(True), *_narrow(scope))
        .order_by(CompletionReport.reviewed_at, CompletionReport.id)
    )
    if scope.agency_id is not None:
        stmt = stmt.where(executed_by(scope.agency_id))
    return stmt


def upcoming_statement(programme: Programme, today: date, scope: Scope) -> Select:
    """Open events under way or starting within the next :data:`UPCOMING_DAYS` days."""
    stmt = (
        select(Event)
        .join(Plan, Event.plan_id == Plan.id)
        .where(Plan.programme_id == programme.id, Plan.in_force.is_(True),
               Event.status.in_(OPEN_STATUSES), Event.ends_on >= today,
               Event.starts_on <= today + timedelta(days=UPCOMING_DAYS), *_narrow(scope))
        .order_by(Event.starts_on, Event.id)
    )
    if scope.agency_id is not None:
        stmt = stmt.where(executed_by(scope.agency_id))
    return stmt


def _count(stmt: Select):
    return select(func.count()).select_from(stmt.order_by(None).subquery()).scalar_subquery()


def counts(programme: Programme, today: date, scope: Scope) -> dict[str, int]:
    """The size of every group in two queries (a GROUP BY on the stage, then the others)."""
    stage = stage_expression(programme, today)
    due = due_statement(programme, today, scope).order_by(None)
    result = dict.fromkeys(GROUPS, 0)
    for name, n in db.session.execute(
            due.with_only_columns(stage, func.count(Event.id)).group_by(stage)):
        result[name] = n
    returned, not_held, upcoming = db.session.execute(select(
        _count(returned_statement(programme, scope).with_only_columns(CompletionReport.id)),
        _count(not_held_statement(programme, scope).with_only_columns(CompletionReport.id)),
        _count(upcoming_statement(programme, today, scope).with_only_columns(Event.id)),
    )).one()
    result.update(returned=returned, not_held=not_held, upcoming=upcoming)
    return result


def open_task_count(programme: Programme, today: date, agency_id: int) -> int:
    """Events due, overdue or returned for one agency, each once, in one query (the
    navigation badge): an overdue event whose report came back is one task, not two."""
    scope = Scope(agency_id)
    due = due_statement(programme, today, scope).order_by(None).with_only_columns(Event.id)
    returned = returned_statement(programme, scope).order_by(None).with_only_columns(
        CompletionReport.event_id)
    events = union(due, returned).subquery()
    return db.session.scalar(select(func.count()).select_from(events)) or 0


def _event_options(stmt: Select) -> Select:
    return stmt.options(joinedload(Event.plan).joinedload(Plan.agency),
                        joinedload(Event.lead_agency))


def _own_status(agency_id: int):
    return (select(CompletionReport.status)
            .where(CompletionReport.event_id == Event.id,
                   CompletionReport.agency_id == agency_id)
            .correlate(Event).scalar_subquery())


def _page(stmt: Select, page: int, per_page: int) -> Select:
    return stmt.limit(per_page).offset((max(page, 1) - 1) * per_page)


def group_rows(name: str, programme: Programme, today: date, scope: Scope, page: int = 1,
               per_page: int = PER_PAGE) -> list[tuple]:
    """One page of a group: ``(event, extra)`` where extra is the stage detail.

    due/overdue: ``(event, days_overdue, own_status)``; returned and not_held:
    ``(event, report, None)``; upcoming: ``(event, None, own_status)``. ``own_status`` is
    the scoped agency's report status (None when staff look at all agencies).
    """
    own = _own_status(scope.agency_id).label("own") if scope.agency_id else None
    if name in {"due", "overdue"}:
        stmt = _event_options(due_statement(programme, today, scope, stage=name))
        if own is not None:
            stmt = stmt.add_columns(own)
        rows = db.session.execute(_page(stmt, page, per_page)).unique().all()
        days = programme.report_deadline_days
        return [(r[0], max((today - r[0].ends_on).days - days, 0),
                 r[2] if own is not None else None) for r in rows]
    if name in {"returned", "not_held"}:
        statement = returned_statement if name == "returned" else not_held_statement
        stmt = statement(programme, scope).options(
            joinedload(CompletionReport.event).joinedload(Event.plan).joinedload(Plan.agency),
            joinedload(CompletionReport.event).joinedload(Event.lead_agency),
            joinedload(CompletionReport.agency))
        reports = db.session.scalars(_page(stmt, page, per_page)).unique().all()
        return [(r.event, r, None) for r in reports]
    if name == "upcoming":
        stmt = _event_options(upcoming_statement(programme, today, scope))
        if own is not None:
            stmt = stmt.add_columns(own)
            rows = db.session.execute(_page(stmt, page, per_page)).unique().all()
            return [(r[0], None, r[1]) for r in rows]
        events = db.session.scalars(_page(stmt, page, per_page)).unique().all()
        return [(e, None, None) for e in events]
    raise ValueError(name)


def task_groups(programme: Programme, today: date, scope: Scope,
                pages: dict[str, int] | None = None, per_page: int = PER_PAGE
                ) -> dict[str, Group]:
    """Every group with its total and the requested page of rows."""
    pages = pages or {}
    totals = counts(programme, today, scope)
    groups = {}
    for name in GROUPS:
        page = min(max(pages.get(name, 1), 1), max(1, -(-totals[name] // per_page)))
        rows = group_rows(name, programme, today, scope, page, per_page) if totals[name] else []
        groups[name] = Group(name, totals[name], page, per_page, rows)
    return groups
