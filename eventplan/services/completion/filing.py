"""Completion reports, the reporting side: open, save a draft, submit; an event's totals.

Each executing agency (the lead and every co-executor) keeps one report per event: its
contribution. Only the agency's own people write it, only for events of plans in force,
and only while it is a draft or was returned. Review (accept, return) lives elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventplan.extensions import db
from eventplan.models import (
    Agency,
    AuditEntry,
    CompletionReport,
    Event,
    ReportOutput,
    User,
)
from eventplan.models.completion import TOTALLED_FIGURES, TYPED_FIGURES
from eventplan.models.event import REPORTER_ROLES
from eventplan.services import audit
from eventplan.services.completion.figures import sum_columns
from eventplan.services.completion.rules import ReportData, check_complete, clean
from eventplan.services.errors import NotAllowed, StaleVersion
from eventplan.services.queries import executed_by

SCALAR_FIELDS = [
    "status", "outcome", "not_held_reason", "held_from", "held_to", "time_from", "time_to",
    "date_reason", "format", "venue", *(f.name for f in TYPED_FIGURES), "links", "summary",
]


# Who may do what: Event.can_report, CompletionReport.can_view / can_edit / can_review.

def reportable_ids(events: list[Event], user) -> set[int]:
    """Of ``events``, those the user may report on (``Event.can_report``), in one query:
    My tasks lists many."""
    if not (user is not None and user.is_authenticated and user.is_active
            and user.role in REPORTER_ROLES and user.agency_id is not None):
        return set()
    open_ids = [e.id for e in events
                if e.plan.in_force and e.plan.is_open and e.status != "cancelled"]
    if not open_ids:
        return set()
    return set(db.session.scalars(select(Event.id).where(Event.id.in_(open_ids),
                                                         executed_by(user.agency_id))))


def find_report(event: Event, agency_id: int | None) -> CompletionReport | None:
    if agency_id is None:
        return None
    return db.session.scalar(select(CompletionReport).where(
        CompletionReport.event_id == event.id, CompletionReport.agency_id == agency_id))


def not_editable_message(report: CompletionReport) -> str:
    if report.status == "accepted":
        return _("This report was accepted and can no longer be changed.")
    return _("This report was submitted for review and cannot be changed until it is "
             "returned.")



# Operations -----------------------------------------------------------------------------

def _snapshot(report: CompletionReport) -> dict:
    snap = audit.snapshot(report, SCALAR_FIELDS)
    for name in ("time_from", "time_to"):
        snap[name] = snap[name].isoformat(timespec="minutes") if snap[name] else None
    snap["outputs"] = [f"{o.name}: {o.quantity}" for o in report.outputs]
    return snap


def check_version(report: CompletionReport, expected_version: int | None) -> None:
    if expected_version is None or report.version != expected_version:
        raise StaleVersion(_("Someone else saved this report while you were editing it. "
                             "Your changes were not saved; reload the report and enter "
                             "them again."))


def open_report(event: Event, user: User) -> CompletionReport:
    """The user's agency's contribution to the event, created as an empty draft if new."""
    if not event.can_report(user):
        raise NotAllowed(_("Your agency does not execute this event, or its plan is not "
                           "in force."))
    report = find_report(event, user.agency_id)
    if report is not None:
        return report
    report = CompletionReport(event=event, agency_id=user.agency_id, status="draft",
                              outcome="held", links=[], created_by_id=user.id)
    db.session.add(report)
    db.session.flush()
    audit.record(user, "report.create", report, {"event_id": [None, event.id],
                                                 "agency_id": [None, user.agency_id]})
    return report


def _ensure_editable(report: CompletionReport, user: User) -> None:
    if not report.is_reporter(user):
        raise NotAllowed(_("Only the reporting agency can change its report."))
    if not report.is_editable:
        raise NotAllowed(not_editable_message(report))


def save_draft(report: CompletionReport, user: User, data: ReportData,
               expected_version: int | None, today: date,
               submitting: bool = False) -> CompletionReport:
    """Store what was entered; the report keeps its status (draft or returned). With
    ``submitting``, what review needs is checked in the same pass (every error at once)."""
    _ensure_editable(report, user)
    check_version(report, expected_version)
    cleaned = clean(report.event, data, today, submitting)
    before = _snapshot(report)
    for name, value in cleaned.values.items():
        setattr(report, name, value)
    current = [(o.name, o.quantity) for o in report.outputs]
    if current != cleaned.outputs:
        report.outputs = [ReportOutput(position=i, name=name, quantity=quantity)
                          for i, (name, quantity) in enumerate(cleaned.outputs)]
    changes = audit.diff(before, _snapshot(report))
    if not changes:
        return report
    db.session.flush()  # bumps the version; a concurrent commit raises StaleDataError
    changes["version"] = [expected_version, report.version]
    audit.record(user, "report.update", report, changes)
    return report


def submit_report(report: CompletionReport, user: User, expected_version: int | None
                  ) -> CompletionReport:
    """Send a draft or returned report to headquarters' review."""
    _ensure_editable(report, user)
    check_version(report, expected_version)
    check_complete(report)
    before = report.status
    report.status = "submitted"
    report.submitted_at = datetime.now(UTC)
    report.submitted_by_id = user.id
    db.session.flush()
    audit.record(user, "report.submit", report,
                 {"status": [before, "submitted"],
                  "version": [expected_version, report.version]})
    return report


# Reading --------------------------------------------------------------------------------

@dataclass
class Totals:
    """Sums of accepted contributions: ``overall`` and ``per_agency`` {agency_id: sums}."""

    overall: dict[str, object]
    per_agency: dict[int, dict[str, object]]
    outputs: list[tuple[str, int]]  # other outputs by name, summed


def event_totals(event: Event) -> Totals:
    """The event's totals from its accepted contributions, summed by the database."""
    accepted = (CompletionReport.event_id == event.id, CompletionReport.status == "accepted")
    names = [f.name for f in TOTALLED_FIGURES]
    # NULL, not 0, for a figure nobody reported: the page leaves it out (zero=False).
    per_agency = {
        row.agency_id: {name: getattr(row, name) for name in names}
        for row in db.session.execute(
            select(CompletionReport.agency_id, *sum_columns(zero=False))
            .where(*accepted).group_by(CompletionReport.agency_id))
    }
    row = db.session.execute(select(*sum_columns(zero=False)).where(*accepted)).one()
    overall = {name: getattr(row, name) for name in names}
    outputs = [(name, int(quantity)) for name, quantity in db.session.execute(
        select(ReportOutput.name, func.sum(ReportOutput.quantity))
        .join(CompletionReport, ReportOutput.report_id == CompletionReport.id)
        .where(*accepted).group_by(ReportOutput.name).order_by(ReportOutput.name))]
    return Totals(overall, per_agency, outputs)


@dataclass
class Contribution:
    """One executing agency's line on the event page."""

    agency: Agency
    is_lead: bool
    report: CompletionReport | None  # None: nothing entered yet
    visible: bool  # the reader may see the report's numbers and files


@dataclass
class EventCompletion:
    totals: Totals
    rows: list[Contribution]
    can_report: bool  # the reader's agency executes the event
    own_report: CompletionReport | None


def event_completion(event: Event, user) -> EventCompletion:
    """What the event page's "Completion" section shows to ``user``, in three queries."""
    loaded = {r.agency_id: r for r in db.session.scalars(
        select(CompletionReport).where(CompletionReport.event_id == event.id)
        .options(selectinload(CompletionReport.outputs),
                 selectinload(CompletionReport.attachments)))}
    rows = []
    for agency in [event.lead_agency, *event.coexecutors]:
        report = loaded.get(agency.id)
        rows.append(Contribution(agency, agency.id == event.lead_agency_id, report,
                                 report is not None and report.can_view(user)))
    reporter = event.can_report(user)
    return EventCompletion(event_totals(event), rows, reporter,
                           loaded.get(user.agency_id) if reporter else None)


def report_history(report: CompletionReport) -> list[AuditEntry]:
    """The report's audit entries, newest first, with their authors loaded."""
    return list(db.session.scalars(
        select(AuditEntry).options(selectinload(AuditEntry.user))
        .where(AuditEntry.object_type == CompletionReport.__tablename__,
               AuditEntry.object_id == report.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())))
