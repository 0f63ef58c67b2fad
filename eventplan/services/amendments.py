"""Changes to a plan in force, staged while its amendment is drafted and applied on approval.

Until an amendment is approved, everyone else keeps seeing the events in force: the authors'
edits live in EventChange rows, not in the events themselves.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import CHANGE_ACTIONS, Event, EventChange, Plan, User
from eventplan.services import audit, events
from eventplan.services.errors import NotAllowed, ValidationError
from eventplan.services.events import EventData
from eventplan.services.plans import compare, snapshot

DATE_FIELDS = {"starts_on", "ends_on"}
TIME_FIELDS = {"start_time", "end_time"}


def dump(data: EventData) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in dataclasses.asdict(data).items():
        if isinstance(value, date | time):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        out[key] = value
    return out


def load(raw: dict[str, Any]) -> EventData:
    values = dict(raw)
    for key in DATE_FIELDS:
        values[key] = date.fromisoformat(values[key]) if values.get(key) else None
    for key in TIME_FIELDS:
        values[key] = time.fromisoformat(values[key]) if values.get(key) else None
    if values.get("estimated_cost") is not None:
        values["estimated_cost"] = Decimal(values["estimated_cost"])
    return EventData(**values)


def _check(plan: Plan, user: User) -> None:
    if not (plan.is_amendment and plan.can_edit_events(user)):
        raise NotAllowed(_("You cannot change this plan now."))


def _existing(plan: Plan, event_id: int | None) -> EventChange | None:
    if event_id is None:
        return None
    return db.session.scalar(select(EventChange).where(EventChange.plan_id == plan.id,
                                                       EventChange.event_id == event_id))


def stage_add(plan: Plan, user: User, data: EventData) -> EventChange:
    _check(plan, user)
    events.validate(plan, data)
    change = EventChange(plan_id=plan.id, action="add", data=dump(data), user_id=user.id)
    db.session.add(change)
    db.session.flush()
    audit.record(user, "plan.stage_add", plan, {"number": [None, data.number]})
    return change


def update_staged_add(change: EventChange, user: User, data: EventData) -> EventChange:
    """Correct a new event staged for the amendment (before, it could only be discarded)."""
    plan = db.session.get(Plan, change.plan_id)
    _check(plan, user)
    if change.action != "add":
        raise ValidationError(_("Only a staged new event is edited here."))
    events.validate(plan, data)
    before = change.data.get("number")
    change.data, change.user_id = dump(data), user.id
    db.session.flush()
    audit.record(user, "plan.stage_change", plan, {"number": [before, data.number]})
    return change


def stage_change(event: Event, user: User, data: EventData) -> EventChange:
    plan = event.plan
    _check(plan, user)
    data = events.keep_duration(event, data)
    events.validate(plan, data, event)
    change = _existing(plan, event.id) or EventChange(plan_id=plan.id, event_id=event.id)
    if change.action == "remove":
        raise ValidationError(_("This event is marked for removal; restore it first."))
    change.action, change.data, change.user_id = "change", dump(data), user.id
    db.session.add(change)
    db.session.flush()
    audit.record(user, "plan.stage_change", plan, {"number": [event.number, data.number]})
    return change


def stage_remove(event: Event, user: User, reason: str | None = None) -> EventChange:
    plan = event.plan
    _check(plan, user)
    change = _existing(plan, event.id) or EventChange(plan_id=plan.id, event_id=event.id)
    change.action, change.data, change.user_id, change.note = "remove", {}, user.id, reason
    db.session.add(change)
    db.session.flush()
    audit.record(user, "plan.stage_remove", plan, {"number": [event.number, None]}, note=reason)
    return change


def discard(change: EventChange, user: User) -> None:
    plan = db.session.get(Plan, change.plan_id)
    _check(plan, user)
    db.session.delete(change)
    db.session.flush()
    audit.record(user, "plan.discard_change", plan, {"change": [change.action, None]})


@dataclass
class Outcome:
    """What :func:`apply_or_stage` did: ``staged`` in the amendment, or applied to ``event``."""

    staged: bool
    event: Event | None = None  # the event created or changed now (None: staged or removed)
    change: EventChange | None = None  # the staged change


def apply_or_stage(user: User, action: str, *, plan: Plan | None = None,
                   event: Event | None = None, data: EventData | None = None,
                   expected_version: int | None = None, reason: str | None = None) -> Outcome:
    """Add (``plan``, ``data``), change (``event``, ``data``, ``expected_version``) or
    remove (``event``, ``reason``) an event: staged in the amendment while the plan in force
    is being amended, applied at once otherwise. The one place that decides it."""
    if (action not in CHANGE_ACTIONS or (data is None and action != "remove")
            or (event is None and action != "add") or (plan is None and event is None)):
        raise ValueError(f"apply_or_stage: {action} with these arguments")
    plan = plan if plan is not None else event.plan  # type: ignore[union-attr]
    if action == "add":
        if plan.is_amendment:
            return Outcome(True, change=stage_add(plan, user, data))
        return Outcome(False, event=events.create_event(plan, user, data))
    version = -1 if expected_version is None else expected_version
    if action == "change":
        if plan.is_amendment:
            events.check_version(event, version)
            return Outcome(True, change=stage_change(event, user, data))
        return Outcome(False, event=events.update_event(event, user, data, version))
    if plan.is_amendment:
        return Outcome(True, change=stage_remove(event, user, reason))
    events.delete_event(event, user)
    return Outcome(False)


def staged(plan: Plan) -> list[EventChange]:
    return list(db.session.scalars(
        select(EventChange).where(EventChange.plan_id == plan.id).order_by(EventChange.id)))


def apply_changes(plan: Plan, user: User) -> None:
    """Apply every staged change as the approving user; any invalid change stops everything."""
    for change in staged(plan):
        action, event, raw, note = change.action, change.event, change.data, change.note
        db.session.delete(change)
        db.session.flush()
        try:
            if action == "add":
                events.create_event(plan, user, load(raw), force=True)
            elif action == "change" and event is not None:
                events.update_event(event, user, load(raw), event.version, force=True)
            elif action == "remove" and event is not None:
                events.delete_event(event, user, force=True, note=note)
        except ValidationError as exc:
            number = raw.get("number") or (event.number if event else "?")
            raise ValidationError(_("Event %(n)s: %(m)s", n=number, m=exc.message)) from exc


def proposed_diff(plan: Plan, events: list[Event]) -> dict[str, list]:
    """What approving the amendment would change, against the events in force."""
    current = snapshot(plan, events)
    proposed = dict(current)
    for change in staged(plan):
        if change.action == "remove":
            proposed.pop(str(change.event_id), None)
            continue
        key = str(change.event_id) if change.event_id else f"new-{change.id}"
        values = {k: v for k, v in change.data.items() if k not in TIME_FIELDS}
        if change.action == "change":
            values = {k: v for k, v in values.items() if k in current.get(key, {})}
        proposed[key] = {**current.get(key, {}), **values}
    diff = compare(current, proposed)
    for entry in diff["changed"]:
        entry["fields"] = {name: pair for name, pair in entry["fields"].items()
                           if _plain(pair[0]) != _plain(pair[1])}
        entry["after"] = proposed[entry["id"]]
    diff["changed"] = [e for e in diff["changed"] if e["fields"]]
    return diff


def _plain(value: Any) -> Any:
    """A value as compared for the review: an empty text is no value, numbers by amount, so
    that "—" to "" or 1000 to "1000.00" is not shown as a change."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, list):
        return sorted(_plain(v) for v in value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except ArithmeticError:
            return value.strip()
    return value


def staged_for(event: Event) -> EventChange | None:
    return _existing(event.plan, event.id)


def form_values(change: EventChange) -> dict[str, Any]:
    """The staged values in the shape the event form takes as ``data``."""
    data = load(change.data)
    return dataclasses.asdict(data)
