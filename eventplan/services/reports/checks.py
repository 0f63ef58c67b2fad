"""Consistency warnings: figures that do not add up, events held off their block's month,
and events with no report long after their date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased, selectinload

from eventplan.extensions import db
from eventplan.models import CompletionReport, Event, Plan, Programme, Section
from eventplan.services.completion.figures import MEDIA_FIELDS, media_sum
from eventplan.services.deadlines import due_query
from eventplan.services.reports.cube import Period, Scope, event_conditions, month_of

LONG_OVERDUE_DAYS = 30  # "long after": overdue for more than this many days
LIMIT = 100  # rows shown per warning; the count says how many there are


@dataclass
class Checks:
    mismatched: list[tuple[CompletionReport, int, int]]  # report, channels' sum, stated
    mismatched_count: int
    off_month: list[tuple[Event, date, int]]  # event, first held day, block month
    off_month_count: int
    long_overdue: list[Event]
    long_overdue_count: int

    @property
    def any(self) -> bool:
        return bool(self.mismatched_count or self.off_month_count or self.long_overdue_count)


def _rows_and_count(stmt, limit: int) -> tuple[list, int]:
    """The first ``limit`` rows and the number of all, in one query (a window count)."""
    rows = db.session.execute(stmt.add_columns(func.count().over().label("n")).limit(limit)).all()
    return [tuple(row)[:-1] for row in rows], (rows[0][-1] if rows else 0)


def mismatched_reports(programme: Programme, period: Period, scope: Scope):
    """Submitted or accepted reports whose channels do not add up to the stated total."""
    channels = media_sum()
    stmt = (
        select(CompletionReport, channels.label("parts"))
        .join(Event, CompletionReport.event_id == Event.id)
        .join(Plan, Event.plan_id == Plan.id)
        .where(*event_conditions(programme, period, scope),
               CompletionReport.status.in_(("submitted", "accepted")),
               CompletionReport.media_total.is_not(None),
               CompletionReport.media_total != channels)
        .order_by(Event.starts_on, CompletionReport.id)
        .options(selectinload(CompletionReport.event), selectinload(CompletionReport.agency))
    )
    if scope.agency_id is not None:
        stmt = stmt.where(CompletionReport.agency_id == scope.agency_id)
    return stmt


def off_month_events(programme: Programme, period: Period, scope: Scope):
    """Held events whose lead report puts the first held day outside the block's month."""
    lead = aliased(CompletionReport)
    held_from = func.coalesce(lead.held_from, Event.starts_on)
    return (
        select(Event, held_from.label("held_from"), Section.month)
        .join(Plan, Event.plan_id == Plan.id)
        .join(Section, Event.section_id == Section.id)
        .join(lead, and_(lead.event_id == Event.id, lead.agency_id == Event.lead_agency_id,
                         lead.status == "accepted"))
        .where(*event_conditions(programme, period, scope), Event.status == "held",
               Section.month.is_not(None), month_of(held_from) != Section.month)
        .order_by(Event.starts_on, Event.id)
        .options(selectinload(Event.lead_agency))
    )


def long_overdue_events(programme: Programme, period: Period, scope: Scope):
    """The deadlines rule, as of ``LONG_OVERDUE_DAYS`` before the "as of" date."""
    stmt = due_query(programme, period.as_of - timedelta(days=LONG_OVERDUE_DAYS),
                     agency_id=scope.agency_id, stage="overdue")
    return stmt.where(Event.starts_on >= period.start, Event.starts_on <= period.end).options(
        selectinload(Event.lead_agency))


def checks(programme: Programme, period: Period, scope: Scope, limit: int = LIMIT) -> Checks:
    mismatched, mismatched_count = _rows_and_count(
        mismatched_reports(programme, period, scope), limit)
    off_month, off_month_count = _rows_and_count(off_month_events(programme, period, scope),
                                                 limit)
    overdue, overdue_count = _rows_and_count(long_overdue_events(programme, period, scope),
                                             limit)
    return Checks(
        mismatched=[(r, int(parts), int(r.media_total or 0)) for r, parts in mismatched],
        mismatched_count=mismatched_count,
        off_month=[(e, held, month) for e, held, month in off_month],
        off_month_count=off_month_count,
        long_overdue=[row[0] for row in overdue],
        long_overdue_count=overdue_count,
    )


__all__ = ["LONG_OVERDUE_DAYS", "MEDIA_FIELDS", "Checks", "checks"]
