"""The letter's lists: the basis (revision history), highlights, jubilees and problems.

Figures of an event are the sums of its accepted reports, as everywhere in ``stats``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import selectinload

from eventplan.extensions import db
from eventplan.models import (
    CompletionReport,
    Event,
    KeyEvent,
    Plan,
    PlanRevision,
    Programme,
)
from eventplan.services.completion.figures import media_sum
from eventplan.services.reports import Period, Scope, event_conditions
from eventplan.services.reports.params import Filters, events_statement

HIGHLIGHTS = 10  # key events listed at most; the largest events when none is marked
LARGEST = 5
PROBLEM_ROWS = 20  # postponed or cancelled events listed each; the count gives the rest


@dataclass
class Highlight:
    event: Event
    participants: int
    media: int


def republican_revisions(programme: Programme) -> list[PlanRevision]:
    """The approving act and every amending act of the republican plan, oldest first."""
    return list(db.session.scalars(
        select(PlanRevision).join(Plan, PlanRevision.plan_id == Plan.id)
        .where(Plan.programme_id == programme.id, Plan.level == "republican")
        .order_by(PlanRevision.number)))


def plans_in_force(programme: Programme) -> dict[str, int]:
    """Plans in force by level."""
    rows = db.session.execute(
        select(Plan.level, func.count(Plan.id))
        .where(Plan.programme_id == programme.id, Plan.in_force.is_(True))
        .group_by(Plan.level))
    return {row[0]: int(row[1]) for row in rows.all()}


def highlights(programme: Programme, period: Period) -> tuple[list[Highlight], bool]:
    """Key events of the period (``True``), else the largest held ones by participants."""
    participants = func.coalesce(func.sum(CompletionReport.participants), 0)
    media = func.coalesce(func.sum(media_sum()), 0)
    base = (select(Event.id, participants.label("p"), media.label("m"))
            .join(Plan, Event.plan_id == Plan.id)
            .outerjoin(CompletionReport, and_(CompletionReport.event_id == Event.id,
                                              CompletionReport.status == "accepted"))
            .where(*event_conditions(programme, period, Scope()))
            .group_by(Event.id))
    marked = base.where(exists().where(KeyEvent.event_id == Event.id))
    rows = db.session.execute(marked.order_by(Event.id).limit(HIGHLIGHTS)).all()
    key = bool(rows)
    if not key:
        rows = db.session.execute(
            base.where(Event.status == "held").having(participants > 0)
            .order_by(participants.desc(), Event.id).limit(LARGEST)).all()
    if not rows:
        return [], key
    events = {e.id: e for e in db.session.scalars(
        select(Event).where(Event.id.in_([r.id for r in rows]))
        .options(selectinload(Event.region)))}
    found = [Highlight(events[r.id], int(r.p or 0), int(r.m or 0)) for r in rows]
    if key:
        found.sort(key=lambda h: (h.event.starts_on, h.event.id))
    return found, key


def jubilees(programme: Programme, period: Period) -> list[tuple[object, date | None]]:
    """Commemorations whose anniversary falls in the period (a year-only one: its year)."""
    found = []
    for c in sorted(programme.commemorations, key=lambda c: (c.observed_on() or
                                                             date(c.origin_year
                                                                  + c.anniversary, 12, 31))):
        day = c.observed_on()
        year = c.origin_year + c.anniversary
        if (day is not None and period.start <= day <= period.end) or (
                day is None and period.start.year <= year <= period.end.year):
            found.append((c, day))
    return found


def decided_events(programme: Programme, period: Period, measure: str
                   ) -> tuple[list[Event], int]:
    """Postponed or cancelled events of the period (the dashboard's list behind that number)."""
    stmt = events_statement(programme, period, Scope(), Filters(measure=measure))
    count = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    return list(db.session.scalars(stmt.limit(PROBLEM_ROWS))), int(count or 0)
