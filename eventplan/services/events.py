"""Creating and changing events, with the domain's validation and the audit trail."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, time
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import CATEGORIES, FORMATS, Agency, AuditEntry, Event, Plan, Section, User
from eventplan.models.event import EVENT_FIELDS, RELATION_FIELDS, TEXT_FIELDS, TITLE_FIELDS
from eventplan.services import audit
from eventplan.services.errors import NotAllowed, StaleVersion, ValidationError
from eventplan.services.schedule import schedule_values

AUDITED_FIELDS = [f.name for f in EVENT_FIELDS]  # models/event.py
TITLE_MAX = 500


@dataclass
class EventData:
    """Everything the event form carries, already converted to Python values."""

    number: str
    section_id: int
    category: str
    lead_agency_id: int
    starts_on: date
    ends_on: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    title_kk: str | None = None
    title_ru: str | None = None
    title_en: str | None = None
    description: str | None = None
    coexecutor_ids: list[int] = field(default_factory=list)
    region_id: int | None = None
    place: str | None = None
    format: str = "offline"
    term: str | None = None
    completion_form: str | None = None
    estimated_cost: Decimal | None = None
    funding_source: str | None = None
    executors_note: str | None = None


def _event_snapshot(event: Event) -> dict:
    snap = audit.snapshot(event, [f for f in AUDITED_FIELDS if f not in RELATION_FIELDS])
    snap["coexecutor_ids"] = sorted(a.id for a in event.coexecutors)
    return snap


def touches_month(starts_on: date, ends_on: date, month: int) -> bool:
    """Whether the days from ``starts_on`` to ``ends_on`` include a day of ``month``
    (a block's event may run over several months, "июль–декабрь" under December)."""
    if (ends_on.year - starts_on.year) * 12 + ends_on.month - starts_on.month >= 11:
        return True
    months = range(starts_on.month, starts_on.month + (ends_on.year - starts_on.year) * 12
                   + ends_on.month - starts_on.month + 1)
    return any((m - 1) % 12 + 1 == month for m in months)


def validate(plan: Plan, data: EventData, event: Event | None = None,
             numbers: dict[str, int] | None = None) -> Section:
    """Raise ValidationError naming the field; return the event's section.

    ``numbers`` (event id by number in the plan) spares a query per event when a caller
    checks many at once (the plan import's preview)."""
    programme = plan.programme
    titles = [t.strip() for t in (getattr(data, name) for name in TITLE_FIELDS) if t and t.strip()]
    if not titles:
        raise ValidationError(_("Give the title in at least one language."), "title_ru")
    for name in TITLE_FIELDS:
        if len(getattr(data, name) or "") > TITLE_MAX:
            raise ValidationError(_("At most %(n)d characters.", n=TITLE_MAX), name)
    number = (data.number or "").strip()
    if not number:
        raise ValidationError(_("The event needs a number in the plan."), "number")
    if any((ch.isdigit() and not ch.isascii()) or not ch.isprintable() for ch in number):
        # "²" passes str.isdigit() but not int(): sorting and exporting the plan would break
        raise ValidationError(_("Write the number with ordinary digits, e.g. 12 or 3.1."),
                              "number")
    clash = numbers.get(number) if numbers is not None else db.session.scalar(
        select(Event.id).where(Event.plan_id == plan.id, Event.number == number)
    )
    if clash is not None and (event is None or clash != event.id):
        raise ValidationError(_("Number %(n)s is already used in this plan.", n=number), "number")
    if data.category not in CATEGORIES:
        raise ValidationError(_("Choose a category."), "category")
    if data.format not in FORMATS:
        raise ValidationError(_("Choose a format."), "format")
    section = db.session.get(Section, data.section_id)
    if section is None or section.programme_id != programme.id:
        raise ValidationError(_("Choose a section of this programme."), "section_id")
    ends_on = data.ends_on or data.starts_on
    for name, day in (("starts_on", data.starts_on), ("ends_on", ends_on)):
        if not programme.contains(day):
            raise ValidationError(
                _("The date must fall within the programme period (%(a)s – %(b)s).",
                  a=programme.starts_on.isoformat(), b=programme.ends_on.isoformat()),
                name,
            )
    if ends_on < data.starts_on:
        raise ValidationError(_("The end cannot be before the start."), "ends_on")
    if (data.end_time and data.start_time and ends_on == data.starts_on
            and data.end_time < data.start_time):
        raise ValidationError(_("The end cannot be before the start."), "end_time")
    if data.end_time and not data.start_time:
        raise ValidationError(_("Give a start time before an end time."), "start_time")
    if section.month is not None and not touches_month(data.starts_on, ends_on, section.month):
        raise ValidationError(
            _("An event of this thematic block must take place, at least in part, in its "
              "month."), "starts_on"
        )
    if db.session.get(Agency, data.lead_agency_id) is None:
        raise ValidationError(_("Choose the lead agency."), "lead_agency_id")
    if data.lead_agency_id in data.coexecutor_ids:
        raise ValidationError(
            _("The lead agency cannot also be a co-executor."), "coexecutor_ids"
        )
    if data.estimated_cost is not None and data.estimated_cost < 0:
        raise ValidationError(_("The cost cannot be negative."), "estimated_cost")
    return section


def _apply(event: Event, plan: Plan, data: EventData) -> None:
    tz = plan.programme.tz
    event.number = data.number.strip()
    for name in TEXT_FIELDS:
        value = getattr(data, name)
        setattr(event, name, value.strip() if isinstance(value, str) and value.strip() else None)
    event.section_id = data.section_id
    event.category = data.category
    event.format = data.format
    event.lead_agency_id = data.lead_agency_id
    event.region_id = data.region_id
    event.estimated_cost = data.estimated_cost
    for key, value in schedule_values(
        tz, data.starts_on, data.ends_on, data.start_time, data.end_time
    ).items():
        setattr(event, key, value)
    ids = sorted(set(data.coexecutor_ids))
    event.coexecutors = (
        list(db.session.scalars(select(Agency).where(Agency.id.in_(ids)))) if ids else []
    )


def create_event(plan: Plan, user: User, data: EventData, force: bool = False) -> Event:
    """Add an event; ``force`` is for applying an approved amendment (checked by the caller)."""
    if not force and not plan.can_edit_events(user):
        raise NotAllowed(_("You cannot add events to this plan."))
    validate(plan, data)
    position = db.session.scalar(
        select(db.func.coalesce(db.func.max(Event.position), 0)).where(Event.plan_id == plan.id)
    )
    event = Event(plan_id=plan.id, position=(position or 0) + 1)
    db.session.add(event)
    _apply(event, plan, data)
    db.session.flush()
    audit.record(user, "event.create", event, audit.diff({}, _event_snapshot(event)))
    return event


def changes_since(event: Event, version: int) -> list[AuditEntry]:
    """Audit entries of changes made after the given version was read."""
    entries = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.object_type == "event", AuditEntry.object_id == event.id)
        .order_by(AuditEntry.at)
    )
    return [e for e in entries if (e.changes.get("version") or [0, 0])[1] > version]


def check_version(event: Event, expected_version: int) -> None:
    if event.version != expected_version:
        raise StaleVersion(
            _("Someone else saved this event while you were editing it. "
              "Your changes were not saved; review what changed and edit again."),
            {"entries": changes_since(event, expected_version)},
        )


def keep_duration(event: Event, data: EventData) -> EventData:
    """When the start moves and the end was left as it was, the end moves with it: the event
    keeps its length (a one-day event stays one day instead of ending before it starts)."""
    if (data.starts_on is not None and data.starts_on != event.starts_on
            and data.ends_on == event.ends_on and event.ends_on is not None):
        return replace(data, ends_on=data.starts_on + (event.ends_on - event.starts_on))
    return data


def update_event(event: Event, user: User, data: EventData, expected_version: int,
                 force: bool = False) -> Event:
    if not force and not event.can_edit(user):
        raise NotAllowed(_("You cannot edit this event."))
    check_version(event, expected_version)
    data = keep_duration(event, data)
    validate(event.plan, data, event)
    before = _event_snapshot(event)
    _apply(event, event.plan, data)
    changes = audit.diff(before, _event_snapshot(event))
    if not changes:
        return event
    db.session.flush()  # bumps the version; a concurrent commit raises StaleDataError
    changes["version"] = [expected_version, event.version]
    audit.record(user, "event.update", event, changes)
    return event


def delete_event(event: Event, user: User, force: bool = False, note: str | None = None) -> None:
    if not force and not event.can_edit(user):
        raise NotAllowed(_("You cannot remove this event."))
    audit.record(user, "event.delete", event, audit.diff(_event_snapshot(event), {}), note=note)
    db.session.delete(event)
    db.session.flush()


def move_event(event: Event, user: User, offset: int) -> None:
    """Swap the event with its neighbour above (-1) or below (+1) in the plan."""
    if not event.can_edit(user):
        raise NotAllowed(_("You cannot reorder this plan."))
    order = Event.position.desc() if offset < 0 else Event.position
    cmp = Event.position < event.position if offset < 0 else Event.position > event.position
    neighbour = db.session.scalar(select(Event).where(Event.plan_id == event.plan_id, cmp)
                                  .order_by(order).limit(1))
    if neighbour is None:
        return
    event.position, neighbour.position = neighbour.position, event.position
    db.session.flush()
    audit.record(user, "event.move", event, {"position": [neighbour.position, event.position]})


def event_history(event: Event) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.object_type == "event", AuditEntry.object_id == event.id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        )
    )
