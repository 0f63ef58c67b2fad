"""The live demo: a programme copied from ``independence-30`` that runs across today.

It starts on the first day of the month four months before ``today``: events already past
are mostly held with accepted reports, some reports are submitted or returned, some events
are due or overdue by days; events come in the next two weeks; two regional plans wait for
approval and one amendment for review; commemorations fall in this month. Every demo
coordinator has something due, overdue, returned and upcoming (the "anchors"). The
historical ``independence-30`` is archived (read-only). Flushes only; the caller commits.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select, update

from eventplan.extensions import db
from eventplan.models import (
    Agency,
    Commemoration,
    CompletionReport,
    Event,
    EventChange,
    Plan,
    Programme,
    User,
)
from eventplan.models.base import utcnow
from eventplan.services.amendments import dump
from eventplan.services.demo import data
from eventplan.services.demo.generate import generate_events
from eventplan.services.demo.live_data import FIGURES, NAMES, SLUG
from eventplan.services.demo.reports import _report
from eventplan.services.events import EventData
from eventplan.services.programme_copy import copy_programme
from eventplan.services.programmes import programme_by_slug
from eventplan.services.reference import akimat_code

# region code, final status, generated events. Karaganda's plan is in force with an
# amendment waiting for review; Turkistan's and Kostanay's wait for approval.
PLANS = (("PAVLODAR", "approved", 110), ("AKMOLA", "approved", 45),
         ("MANGYSTAU", "approved", 35), ("KARAGANDA", "amendment", 25),
         ("TURKISTAN", "submitted", 20), ("KOSTANAY", "submitted", 15))
COORDINATED = ("AKIMAT_PAVLODAR", "AKIMAT_AKMOLA", "AKIMAT_MANGYSTAU", "AKIMAT_KARAGANDA",
               "MISD")
# days from today to an anchor event's day, and the lead report it gets
ANCHORS = ((-2, "none"), (-4, "submitted"), (-9, "none"), (-16, "returned"), (2, None),
           (9, None))
CAPITAL = ("Астана қ.", "г. Астана", "Astana")


def live_start(today: date) -> date:
    month = today.month - 4
    year = today.year + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def load_live_demo(today: date) -> Programme | None:
    """Build the live demo around ``today`` unless it exists; None when it already did."""
    if programme_by_slug(SLUG) is not None:
        return None
    source = programme_by_slug(data.PROGRAMME["slug"])
    if source is None:
        raise LookupError("load the demo programme independence-30 first")
    now = datetime.combine(today, time(9), tzinfo=source.tz).astimezone(UTC)
    hq = db.session.scalar(select(User).where(User.email == "hq@eventplan.local"))
    programme = copy_programme(source, None, slug=SLUG, names=NAMES, starts_on=live_start(today))
    programme.is_public = True
    if source.archived_at is None:
        source.archived_at = min(now, utcnow())
    agencies = {a.code: a for a in db.session.scalars(select(Agency))}
    rng = random.Random(today.toordinal())
    republican = next(p for p in programme.plans if p.level == "republican")
    plans = _regional_plans(programme, agencies, rng)
    anchors: list[tuple[Event, int, str]] = []
    for code in COORDINATED:
        plan = republican if code == "MISD" else plans[code]
        anchors += _anchors(programme, plan, agencies[code], today, rng)
    _approve(republican, programme.starts_on - timedelta(days=10),
             "ДЕМО: Постановление Правительства № 1", hq)
    _statuses(programme, plans, hq, today)
    for event, agency_id, state in anchors:
        if state != "none":
            _insert_report(event, agency_id, state, programme, rng, today)
    _past_reports(programme, today, {e.id for e, _a, _s in anchors}, rng)
    _commemorations(programme, today)
    db.session.flush()
    return programme


def _approve(plan: Plan, act_date: date, act: str, hq: User | None) -> None:
    from eventplan.services.plans import record_existing_approval

    plan.status, plan.in_force, plan.revision = "approved", True, 1
    plan.approved_act, plan.approved_act_date = act, act_date
    plan.approved_at = datetime.combine(act_date, time(12), tzinfo=UTC)
    plan.approved_by = hq
    db.session.flush()
    db.session.expire(plan, ["events"])
    record_existing_approval(plan, act, act_date, hq)


def _regional_plans(programme: Programme, agencies: dict[str, Agency], rng: random.Random
                    ) -> dict[str, Plan]:
    by_agency = {p.agency.code: p for p in programme.plans}
    made: dict[str, Plan] = {}
    for region, _status, count in PLANS:
        code = akimat_code(region)
        plan = by_agency.get(code)
        if plan is None:
            plan = Plan(agency=agencies[code], level="regional", status="draft")
            plan.programme = programme
            db.session.add(plan)
            db.session.flush()
        generate_events(programme, [plan], count, rng)
        _into_period(programme, plan)
        made[code] = plan
    return made


def _statuses(programme: Programme, plans: dict[str, Plan], hq: User | None,
              today: date) -> None:
    for region, status, _count in PLANS:
        plan = plans[akimat_code(region)]
        if status in {"approved", "amendment"}:
            _approve(plan, programme.starts_on + timedelta(days=12),
                     f"ДЕМО: утверждён заместителем акима ({plan.agency.name_ru})", hq)
        if status == "amendment":
            _stage_amendment(plan, programme, today)
        if status in {"submitted", "amendment"}:
            plan.status = "submitted"
            plan.submitted_at = datetime.combine(today - timedelta(days=2), time(6), tzinfo=UTC)


def _into_period(programme: Programme, plan: Plan) -> None:
    """Generated dates carry the start's year; months before the start month belong to the
    next year of a programme that runs across the new year."""
    for event in db.session.scalars(select(Event).where(Event.plan_id == plan.id,
                                                        Event.starts_on < programme.starts_on)):
        event.starts_on, event.ends_on = _next_year(event.starts_on), _next_year(event.ends_on)
        if event.starts_at is not None:
            event.starts_at = _next_year(event.starts_at)
            event.ends_at = _next_year(event.ends_at)
    db.session.flush()


def _next_year(value):
    try:
        return value.replace(year=value.year + 1)
    except ValueError:  # 29 February
        return value.replace(year=value.year + 1, day=28)


def _stage_amendment(plan: Plan, programme: Programme, today: date) -> None:
    """One added event waiting in the amendment headquarters has to review."""
    section = programme.block_for_month((today + timedelta(days=20)).month) or \
        programme.sections[0]
    day = today + timedelta(days=20)
    change = EventData(
        number=str(len(plan.events) + 100), section_id=section.id, category="cultural",
        lead_agency_id=plan.agency_id, starts_on=day, ends_on=day,
        title_kk="«Тәуелсіздік әуендері» қосымша концерті (Қарағанды қ.)",
        title_ru="Дополнительный концерт «Мелодии Независимости» (г. Караганда)",
        title_en="Additional 'Melodies of Independence' concert (Karaganda)",
        region_id=plan.agency.region_id, place="г. Караганда")
    author = db.session.scalar(select(User.id).where(User.email == "karaganda@eventplan.local"))
    db.session.add(EventChange(plan_id=plan.id, action="add", data=dump(change), user_id=author))


def _anchors(programme: Programme, plan: Plan, agency: Agency, today: date,
             rng: random.Random) -> list[tuple[Event, int, str]]:
    """Events of ``agency`` at fixed distances from today, so each coordinator's first page
    shows something due, overdue, submitted, returned and upcoming."""
    before = set(db.session.scalars(select(Event.id).where(Event.plan_id == plan.id)))
    generate_events(programme, [plan], len(ANCHORS), rng)
    new = db.session.scalars(select(Event).where(Event.plan_id == plan.id,
                                                 Event.id.not_in(before))
                             .order_by(Event.id)).all()
    blocks = {s.month: s for s in programme.sections if s.month is not None}
    for event, (offset, _state) in zip(new, ANCHORS, strict=True):
        day = today + timedelta(days=offset)
        event.starts_on = event.ends_on = day
        event.starts_at = event.ends_at = None
        event.lead_agency_id = agency.id
        event.section_id = blocks.get(day.month, event.section).id
        for lang, place in zip(("kk", "ru", "en"), CAPITAL, strict=True):  # HQ has no region
            setattr(event, f"title_{lang}", getattr(event, f"title_{lang}").replace(
                "()", f"({place})"))
    db.session.flush()
    return [(event, agency.id, state) for event, (_offset, state) in zip(new, ANCHORS,
                                                                         strict=True) if state]


def _insert_report(event: Event, agency_id: int, state: str, programme: Programme,
                   rng: random.Random, today: date) -> None:
    row = _report(rng, event.id, agency_id, event.category, event.starts_on, event.ends_on,
                  event.format, event.place, state, programme, _author(agency_id), _hq_id())
    _clamp(row, today, programme)
    db.session.execute(insert(CompletionReport.__table__), [row])


def _author(agency_id: int) -> int | None:
    return db.session.scalar(select(User.id).where(User.agency_id == agency_id,
                                                   User.role == "coordinator"))


def _hq_id() -> int | None:
    return db.session.scalar(select(User.id).where(User.email == "hq@eventplan.local"))


def _clamp(row: dict[str, Any], today: date, programme: Programme) -> None:
    """Nothing submitted or reviewed after this morning."""
    latest = datetime.combine(today, time(8), tzinfo=programme.tz).astimezone(UTC)
    held_to = datetime.combine(row["held_to"] + timedelta(days=1), time(10),
                               tzinfo=programme.tz).astimezone(UTC)
    for key in ("submitted_at", "reviewed_at", "created_at", "updated_at"):
        if row.get(key) is not None:
            row[key] = max(min(row[key], latest), min(held_to, latest))
    if row["reviewed_at"] and row["submitted_at"] and row["reviewed_at"] < row["submitted_at"]:
        row["reviewed_at"] = row["submitted_at"]


def _state(age: int, deadline: int, rng: random.Random) -> str:
    """A report's state by how many days ago its event ended."""
    if age <= deadline:
        shares = (("none", 55), ("submitted", 35), ("accepted", 10))
    elif age <= 30:
        shares = (("accepted", 60), ("submitted", 12), ("returned", 10), ("none", 18))
    else:
        shares = (("accepted", 98), ("submitted", 2))  # nothing owed for months
    return rng.choices([s for s, _ in shares], weights=[w for _, w in shares])[0]


def _past_reports(programme: Programme, today: date, skip: set[int],
                  rng: random.Random) -> None:
    events = db.session.execute(
        select(Event.id, Event.lead_agency_id, Event.category, Event.starts_on, Event.ends_on,
               Event.format, Event.place)
        .join(Plan, Event.plan_id == Plan.id)
        .where(Plan.programme_id == programme.id, Plan.in_force.is_(True),
               Event.ends_on < today, Event.status == "planned", ~Event.reports.any())
        .order_by(Event.id)).all()
    coordinators = dict(db.session.execute(
        select(User.agency_id, User.id).where(User.role == "coordinator")).all())
    hq, rows, held = _hq_id(), [], []
    for event_id, lead, category, starts_on, ends_on, fmt, place in events:
        state = _state((today - ends_on).days, programme.report_deadline_days, rng)
        if state == "none" or event_id in skip:
            continue
        row = _report(rng, event_id, lead, category, starts_on, ends_on, fmt, place, state,
                      programme, coordinators.get(lead), hq)
        _clamp(row, today, programme)
        rows.append(row)
        if state == "accepted":
            held.append(event_id)
    if rows:
        db.session.execute(insert(CompletionReport.__table__), rows)
    if held:
        db.session.execute(update(Event).where(Event.id.in_(held))
                           .values(status="held", version=Event.version + 1)
                           .execution_options(synchronize_session=False))


def _commemorations(programme: Programme, today: date) -> None:
    """Figures born in this month and the next, with the anniversary of this programme."""
    months = {today.month, (today.month % 12) + 1}
    present = {c.name_en for c in programme.commemorations}
    for month, day, year, kk, ru, en, note in FIGURES:
        if month not in months or en in present:
            continue
        observed = date(today.year if month >= today.month else today.year + 1, month, day)
        programme.commemorations.append(Commemoration(
            anniversary=observed.year - year, origin_year=year, origin_date=date(year, month, day),
            name_kk=kk, name_ru=ru, name_en=en, note=note))
