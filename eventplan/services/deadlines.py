"""When an event's report is due and when it is overdue (DESIGN "States").

An event is *due for report* once its last day has passed in the programme's time zone
and its lead agency has neither submitted nor had accepted a report; it is *overdue*
once the programme's report deadline (``report_deadline_days`` after the last day) has
passed too. One query serves the task pages, the review pages and the reminder sweep.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, case, exists, literal, select

from eventplan.models import CompletionReport, Event, Plan, Programme
from eventplan.services.queries import executed_by

OPEN_STATUSES = ("planned", "postponed")  # events that still owe a report
REPORTED = ("submitted", "accepted")  # a lead report in these states stops the clock


def programme_today(programme: Programme, now: datetime | None = None) -> date:
    """Today's date in the programme's time zone (``now`` is an aware instant)."""
    now = now or datetime.now(UTC)
    return now.astimezone(programme.tz).date()


def due_on(event: Event) -> date:
    """The first day the event's report is due: the day after its last day."""
    return event.ends_on + timedelta(days=1)


def overdue_on(event: Event, programme: Programme) -> date:
    """The first day the report is overdue: the day after the deadline."""
    return event.ends_on + timedelta(days=programme.report_deadline_days + 1)


def lead_reported() -> ColumnElement[bool]:
    """The event's lead agency has a submitted or accepted report."""
    return exists().where(
        CompletionReport.event_id == Event.id,
        CompletionReport.agency_id == Event.lead_agency_id,
        CompletionReport.status.in_(REPORTED),
    )


def stage_expression(programme: Programme, today: date) -> ColumnElement[str]:
    """``'overdue'`` or ``'due'`` for rows already filtered by :func:`due_conditions`."""
    cutoff = today - timedelta(days=programme.report_deadline_days)
    return case((Event.ends_on < cutoff, literal("overdue")), else_=literal("due"))


def due_conditions(programme: Programme, today: date, stage: str | None = None
                   ) -> list[ColumnElement[bool]]:
    """WHERE conditions for events of ``programme`` owing a report on ``today``.

    ``stage`` narrows to ``"due"`` (deadline not yet passed) or ``"overdue"``.
    The caller joins ``Plan`` on ``Event.plan_id``.
    """
    cutoff = today - timedelta(days=programme.report_deadline_days)
    conditions: list[ColumnElement[bool]] = [
        Plan.programme_id == programme.id,
        Plan.in_force.is_(True),
        Event.status.in_(OPEN_STATUSES),
        Event.ends_on < today,
        ~lead_reported(),
    ]
    if stage == "overdue":
        conditions.append(Event.ends_on < cutoff)
    elif stage == "due":
        conditions.append(Event.ends_on >= cutoff)
    return conditions


def due_query(programme: Programme, today: date, *, agency_id: int | None = None,
              stage: str | None = None) -> Select:
    """``(Event, stage)`` rows owing a report, oldest first.

    ``agency_id`` keeps the events that agency leads or co-executes. The query uses the
    ``ix_event_status_ends`` index; callers add options, limits or counts.
    """
    stmt = (
        select(Event, stage_expression(programme, today).label("stage"))
        .join(Plan, Event.plan_id == Plan.id)
        .where(and_(*due_conditions(programme, today, stage)))
        .order_by(Event.ends_on, Event.id)
    )
    if agency_id is not None:
        stmt = stmt.where(executed_by(agency_id))
    return stmt


def event_stage(event: Event, programme: Programme, today: date) -> str | None:
    """The same rule for one loaded event: ``'due'``, ``'overdue'`` or ``None``."""
    if not event.plan.in_force or event.status not in OPEN_STATUSES or event.ends_on >= today:
        return None
    if any(r.agency_id == event.lead_agency_id and r.status in REPORTED for r in event.reports):
        return None
    return "overdue" if today >= overdue_on(event, programme) else "due"
