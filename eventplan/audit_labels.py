"""Every audit action as a sentence in the reader's language (history pages, the audit log).

A new action code needs a line here: tests/unit/test_audit_labels.py finds every code the
services record and fails on one without a sentence.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from eventplan.extensions import db

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")

ACTION_LABELS = {
    "admin.reminder_settings": _l("Changed the reminder settings"),
    "agency.alias": _l("Remembered a name used in plan tables for the agency"),
    "agency.create": _l("Added the agency"),
    "agency.update": _l("Changed the agency"),
    "api_token.create": _l("Created an access token"),
    "api_token.revoke": _l("Revoked an access token"),
    "document.requisites": _l("Saved the progress report's requisites"),
    "event.cancel": _l("Cancelled the event"),
    "event.create": _l("Added the event to the plan"),
    "event.delete": _l("Removed the event from the plan"),
    "event.held": _l("Marked the event as held: the lead agency's report was accepted"),
    "event.key": _l("Changed whether the event is a key event of the progress report"),
    "event.move": _l("Moved the event within the plan"),
    "event.postpone": _l("Postponed the event"),
    "event.update": _l("Changed the event"),
    "feed.create": _l("Created a calendar feed"),
    "feed.regenerate": _l("Gave the calendar feed a new address"),
    "feed.rename": _l("Renamed the calendar feed"),
    "feed.revoke": _l("Revoked the calendar feed"),
    "notification.preferences": _l("Changed the notification settings"),
    "notification.retry": _l("Sent the message again"),
    "plan.amend": _l("Opened an amendment of the plan"),
    "plan.approve": _l("Approved the plan"),
    "plan.create": _l("Created the plan"),
    "plan.discard_change": _l("Discarded a staged change"),
    "plan.import": _l("Imported the plan from a table"),
    "plan.return": _l("Returned the plan for correction"),
    "plan.stage_add": _l("Staged a new event for the amendment"),
    "plan.stage_change": _l("Staged a change of an event for the amendment"),
    "plan.stage_remove": _l("Staged the removal of an event for the amendment"),
    "plan.submit": _l("Submitted the plan for approval"),
    "programme.archive": _l("Archived the programme: it is read-only now"),
    "programme.copy": _l("Created the programme as a copy of another"),
    "programme.reopen": _l("Reopened the archived programme"),
    "report.accept": _l("Accepted the completion report"),
    "report.attach": _l("Attached a file to the report"),
    "report.create": _l("Started the completion report"),
    "report.detach": _l("Removed a file from the report"),
    "report.reopen": _l("Reopened the report for changes"),
    "report.return": _l("Returned the report for correction"),
    "report.submit": _l("Submitted the completion report"),
    "report.update": _l("Changed the completion report"),
    "user.create": _l("Added the user"),
    "user.password": _l("Set a new password"),
    "user.update": _l("Changed the user"),
}
def _agency():
    from eventplan.models import Agency
    return Agency


def _section():
    from eventplan.models import Section
    return Section


def _region():
    from eventplan.models import Region
    return Region


# Ids recorded for a reference, shown by the name of what they point to.
REFERENCES = {"lead_agency_id": _agency, "coexecutor_id": _agency, "agency_id": _agency,
              "section_id": _section, "region_id": _region}
# Notes the services once stored in the reviewer's language; the action's sentence says it now.
SUPERSEDED_NOTES = {"event.held"}


def action_label(code: str) -> str:
    value = ACTION_LABELS.get(code)
    return str(value) if value is not None else code


def change_value(name: str, value: Any, report: bool = False) -> str:
    """A recorded before or after value as the reader reads it: a state or category by its
    name, a date in the reader's format, a list joined."""
    from eventplan import dates, labels
    from eventplan.blueprints.completion.labels import OUTCOME_LABELS, REPORT_STATUS_LABELS

    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return "; ".join(change_value(name.removesuffix("s"), v, report) for v in value)
    if name in REFERENCES and isinstance(value, int) and not isinstance(value, bool):
        found = db.session.get(REFERENCES[name](), value)
        return found.display_name() if found is not None else str(value)
    tables = {"status": REPORT_STATUS_LABELS if report else labels.STATUS_LABELS,
              "category": labels.CATEGORY_LABELS, "format": labels.FORMAT_LABELS,
              "outcome": OUTCOME_LABELS, "level": labels.LEVEL_LABELS}
    if name in tables and value in tables[name]:
        return str(tables[name][value])
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        return dates.day(date.fromisoformat(value))
    if isinstance(value, str) and ISO_MOMENT.match(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return dates.moment(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    if isinstance(value, bool):
        return str(_l("yes") if value else _l("no"))
    return str(value)
