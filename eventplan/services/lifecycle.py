"""Headquarters' decisions on single events of a plan in force: postpone and cancel."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from eventplan.extensions import db
from eventplan.models import Event, User
from eventplan.services import audit
from eventplan.services.errors import NotAllowed, ValidationError
from eventplan.services.events import check_version
from eventplan.services.schedule import schedule_values


def can_decide(event: Event, user) -> bool:
    return (user.is_authenticated and user.is_active and user.role in {"admin", "hq"}
            and event.plan.in_force and event.plan.is_open
            and event.status in {"planned", "postponed"})


def _reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason."), "reason")
    return reason


def postpone(event: Event, user: User, starts_on: date, ends_on: date | None, reason: str,
             expected_version: int) -> None:
    """Move the event; the audit entry keeps the original dates."""
    if not can_decide(event, user):
        raise NotAllowed(_("Only headquarters can postpone a planned event of a plan in force."))
    check_version(event, expected_version)
    reason = _reason(reason)
    programme = event.plan.programme
    ends_on = ends_on or starts_on + (event.ends_on - event.starts_on)
    if not (programme.contains(starts_on) and programme.contains(ends_on)):
        raise ValidationError(_("The new dates must fall within the programme period."),
                              "starts_on")
    if ends_on < starts_on:
        raise ValidationError(_("The end cannot be before the start."), "ends_on")
    fields = ["starts_on", "ends_on", "starts_at", "ends_at", "status", "status_reason"]
    before = audit.snapshot(event, fields)
    tz = programme.tz
    start_time = event.starts_at.astimezone(tz).time() if event.starts_at else None
    end_time = event.ends_at.astimezone(tz).time() if event.ends_at else None
    for key, value in schedule_values(tz, starts_on, ends_on, start_time, end_time).items():
        setattr(event, key, value)
    event.status, event.status_reason = "postponed", reason
    db.session.flush()
    changes = audit.diff(before, audit.snapshot(event, fields))
    changes["version"] = [expected_version, event.version]
    audit.record(user, "event.postpone", event, changes, note=reason)
    _reopen_not_held(event, user)


REOPENED_FIELDS = ["status", "outcome", "not_held_reason"]


def _reopen_not_held(event: Event, user: User) -> None:
    """"Not held" reports (submitted or accepted) go back to drafts: the event will be held
    on its new dates and reported then, so its clock runs again. The reason stays in the
    report's audit entry (``report.reopen``, after the event's ``event.postpone``)."""
    for report in event.reports:
        if report.outcome != "not_held" or report.status not in ("submitted", "accepted"):
            continue
        before = audit.snapshot(report, REOPENED_FIELDS)
        report.status, report.outcome, report.not_held_reason = "draft", "held", None
        db.session.flush()
        audit.record(user, "report.reopen", report,
                     audit.diff(before, audit.snapshot(report, REOPENED_FIELDS)))


def cancel(event: Event, user: User, reason: str, expected_version: int) -> None:
    if not can_decide(event, user):
        raise NotAllowed(_("Only headquarters can cancel a planned event of a plan in force."))
    check_version(event, expected_version)
    reason = _reason(reason)
    before = event.status
    event.status, event.status_reason = "cancelled", reason
    db.session.flush()
    audit.record(user, "event.cancel", event, {"status": [before, "cancelled"],
                                               "version": [expected_version, event.version]},
                 note=reason)
