"""Reusable queries: functions returning ``select`` statements or plain rows."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select, true
from sqlalchemy.orm import joinedload, selectinload

from eventplan.extensions import db
from eventplan.models import Event, Plan, Programme, event_coexecutor

IN_FORCE = ("approved", "amending")  # kept for callers; ``Plan.in_force`` is the rule


def plan_visible_to(user, programme: Programme | None = None) -> ColumnElement[bool]:
    """Plans a user may see: those in force, plus their own agency's drafts; staff see all."""
    if user.is_authenticated and user.role in {"admin", "hq"}:
        return true()
    in_force = Plan.in_force.is_(True)
    if user.is_authenticated and user.role == "coordinator" and user.agency_id:
        return or_(in_force, Plan.agency_id == user.agency_id)
    if user.is_authenticated:
        return in_force
    if programme is not None and programme.is_public:
        return in_force
    return false()


def executed_by(agency_id: int) -> ColumnElement[bool]:
    """Events an agency leads or co-executes."""
    return or_(
        Event.lead_agency_id == agency_id,
        exists().where(
            event_coexecutor.c.event_id == Event.id, event_coexecutor.c.agency_id == agency_id
        ),
    )


def event_conditions(user, programme: Programme, *, section_id: int | None = None,
                     category: str | None = None, agency_id: int | None = None,
                     region_id: int | None = None, status: str | None = None
                     ) -> list[ColumnElement[bool]]:
    """The WHERE of a programme's events list (joined to Plan) as a reader sees it."""
    conditions = [Plan.programme_id == programme.id, plan_visible_to(user, programme)]
    if section_id is not None:
        conditions.append(Event.section_id == section_id)
    if category:
        conditions.append(Event.category == category)
    if agency_id is not None:
        conditions.append(executed_by(agency_id))
    if region_id is not None:
        conditions.append(Event.region_id == region_id)
    if status:
        conditions.append(Event.status == status)
    return conditions


def events_query(user, programme: Programme, **filters) -> Select:
    return (
        select(Event)
        .join(Plan, Event.plan_id == Plan.id)
        .where(and_(true(), *event_conditions(user, programme, **filters)))
        # Many-to-one in the same statement; co-executors in one more.
        .options(joinedload(Event.lead_agency), joinedload(Event.region),
                 joinedload(Event.plan), selectinload(Event.coexecutors))
        .order_by(Event.starts_on, Event.id)
    )


def count_events(user, programme: Programme, extra: Sequence[ColumnElement[bool]] = (),
                 **filters) -> int:
    return db.session.scalar(
        select(func.count(Event.id)).join(Plan, Event.plan_id == Plan.id)
        .where(and_(true(), *event_conditions(user, programme, **filters), *extra))) or 0


def status_counts_by_section(user, programme: Programme) -> dict[int, dict[str, int]]:
    """{section_id: {status: count}} in one GROUP BY."""
    rows = db.session.execute(
        select(Event.section_id, Event.status, func.count(Event.id))
        .join(Plan, Event.plan_id == Plan.id)
        .where(Plan.programme_id == programme.id, plan_visible_to(user, programme))
        .group_by(Event.section_id, Event.status)
    )
    counts: dict[int, dict[str, int]] = {}
    for section_id, status, n in rows:
        counts.setdefault(section_id, {})[status] = n
    return counts
