"""Headquarters' decisions on submitted completion reports: accept, return, bulk accept.

Accepting the lead agency's report of an event that was held marks the event ``held``
through the ORM, so its version moves on and the feeds see the change. A report that
says the event was *not* held is accepted as a record only: headquarters then postpones
or cancels the event (``services/lifecycle.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from eventplan.extensions import db
from eventplan.models import CompletionReport, Event, Plan, User
from eventplan.models.base import utcnow
from eventplan.models.completion import may_review
from eventplan.services import audit
from eventplan.services.deadlines import OPEN_STATUSES
from eventplan.services.errors import NotAllowed, StaleVersion, ValidationError

CHUNK = 500
QUEUE_PER_PAGE = 100
REVIEW_FIELDS = ["status", "reviewed_at", "reviewed_by_id", "review_comment"]


def _allowed(user, report: CompletionReport | None = None) -> None:
    if not (report.can_review(user) if report is not None else may_review(user)):
        raise NotAllowed(_("Only headquarters can accept or return reports."))


def _check(report: CompletionReport, expected_version: int) -> None:
    if report.version != expected_version:
        raise StaleVersion(_("Someone else changed this report meanwhile. Nothing was "
                             "saved; reload the queue and decide again."))
    if report.status != "submitted":
        raise StaleVersion(_("This report is not waiting for review any more."))
    if not report.event.plan.is_open:
        raise NotAllowed(_("This programme is archived: it is read-only."))


def marks_event_held(report: CompletionReport) -> bool:
    """Accepting this report makes its event ``held``."""
    event = report.event
    return (report.outcome == "held" and report.agency_id == event.lead_agency_id
            and event.status in OPEN_STATUSES)


def _decide(report: CompletionReport, user: User, status: str, comment: str | None,
            now: datetime) -> tuple[dict, str | None]:
    """Set the decision; returns the before-snapshot and the event's old status if it moves."""
    before = audit.snapshot(report, REVIEW_FIELDS)
    held_from = report.event.status if status == "accepted" and marks_event_held(report) \
        else None
    report.status = status
    report.reviewed_at = now
    report.reviewed_by_id = user.id
    report.review_comment = comment or None
    if held_from is not None:
        report.event.status = "held"
    return before, held_from


def _record(report: CompletionReport, user: User, action: str, before: dict,
            expected_version: int, held_from: str | None, comment: str | None,
            event_version: int | None = None) -> None:
    """Audit after the flush, when the new versions are known."""
    changes = audit.diff(before, audit.snapshot(report, REVIEW_FIELDS))
    changes["version"] = [expected_version, report.version]
    audit.record(user, action, report, changes, note=comment or None)
    if held_from is not None:
        event = report.event
        audit.record(user, "event.held", event,
                     {"status": [held_from, "held"], "version": [event_version, event.version]})


def accept(report: CompletionReport, user: User, expected_version: int,
           comment: str | None = None, now: datetime | None = None) -> bool:
    """Accept a submitted report; returns True when the event became ``held``."""
    _allowed(user, report)
    _check(report, expected_version)
    comment = (comment or "").strip() or None
    event_version = report.event.version
    before, held_from = _decide(report, user, "accepted", comment, now or utcnow())
    db.session.flush()
    _record(report, user, "report.accept", before, expected_version, held_from, comment,
            event_version)
    return held_from is not None


def return_report(report: CompletionReport, user: User, comment: str | None,
                  expected_version: int, now: datetime | None = None) -> None:
    """Send a submitted report back to its agency with what must be corrected."""
    _allowed(user, report)
    _check(report, expected_version)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Say what must be corrected."), "comment")
    before, _held = _decide(report, user, "returned", comment, now or utcnow())
    db.session.flush()
    _record(report, user, "report.return", before, expected_version, None, comment)


@dataclass
class Skipped:
    report_id: int
    reason: str  # "missing", "not_submitted" or "changed"
    report: CompletionReport | None = None


@dataclass
class BulkResult:
    accepted: list[CompletionReport] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    held: list[Event] = field(default_factory=list)  # events that became held
    not_held: list[CompletionReport] = field(default_factory=list)  # need postpone or cancel


def _wanted(ids: Mapping[int, int | None] | Iterable[int]) -> dict[int, int | None]:
    if isinstance(ids, Mapping):
        return {int(k): v for k, v in ids.items()}
    return dict.fromkeys((int(i) for i in ids), None)


def bulk_accept(ids: Mapping[int, int | None] | Iterable[int], user: User,
                now: datetime | None = None) -> BulkResult:
    """Accept the selected submitted reports; skip (and name) the rest.

    ``ids`` is either report ids or ``{report_id: expected_version}``: a report whose
    version moved on since the page was shown is skipped as changed. Everything happens in
    the caller's one transaction; reports are loaded in chunks with ``IN``.
    """
    _allowed(user)
    wanted = _wanted(ids)
    now = now or utcnow()
    result = BulkResult()
    order = sorted(wanted)
    for start in range(0, len(order), CHUNK):
        chunk = order[start:start + CHUNK]
        found = {r.id: r for r in db.session.scalars(
            select(CompletionReport).where(CompletionReport.id.in_(chunk))
            .options(joinedload(CompletionReport.event), joinedload(CompletionReport.agency))
        )}
        done = []
        for report_id in chunk:
            report = found.get(report_id)
            expected = wanted[report_id]
            if report is None:
                result.skipped.append(Skipped(report_id, "missing"))
            elif report.status != "submitted":
                result.skipped.append(Skipped(report_id, "not_submitted", report))
            elif expected is not None and report.version != expected:
                result.skipped.append(Skipped(report_id, "changed", report))
            elif not report.event.plan.is_open:  # archived programme: read-only
                result.skipped.append(Skipped(report_id, "not_submitted", report))
            else:
                versions = (report.version, report.event.version)
                before, held_from = _decide(report, user, "accepted", None, now)
                done.append((report, before, versions, held_from))
        db.session.flush()
        for report, before, (version, event_version), held_from in done:
            _record(report, user, "report.accept", before, version, held_from, None,
                    event_version)
            result.accepted.append(report)
            if held_from is not None:
                result.held.append(report.event)
            elif report.outcome == "not_held":
                result.not_held.append(report)
    db.session.flush()
    return result


def queue_statement(agency_id: int | None = None, region_id: int | None = None,
                    section_id: int | None = None) -> Select:
    """Submitted reports, oldest submission first, with what the queue shows loaded."""
    stmt = (
        select(CompletionReport)
        .join(Event, CompletionReport.event_id == Event.id)
        .where(CompletionReport.status == "submitted")
        .options(joinedload(CompletionReport.event).joinedload(Event.plan)
                 .joinedload(Plan.agency),
                 joinedload(CompletionReport.event).joinedload(Event.region),
                 joinedload(CompletionReport.agency))
        .order_by(CompletionReport.submitted_at, CompletionReport.id)
    )
    if agency_id is not None:
        stmt = stmt.where(CompletionReport.agency_id == agency_id)
    if region_id is not None:
        stmt = stmt.where(Event.region_id == region_id)
    if section_id is not None:
        stmt = stmt.where(Event.section_id == section_id)
    return stmt


def next_in_queue(after: CompletionReport | None = None) -> CompletionReport | None:
    """The oldest submitted report other than ``after``: where a reviewer goes next."""
    stmt = select(CompletionReport).where(CompletionReport.status == "submitted")
    if after is not None:
        stmt = stmt.where(CompletionReport.id != after.id)
    return db.session.scalar(stmt.order_by(CompletionReport.submitted_at,
                                           CompletionReport.id).limit(1))


def waiting_count() -> int:
    """Submitted reports waiting for headquarters (the navigation badge)."""
    return db.session.scalar(select(func.count(CompletionReport.id)).where(
        CompletionReport.status == "submitted")) or 0
