"""The demo programme ``independence-30``: plans, events, commemorations and demo users.

``load_demo`` flushes and never commits; the caller (the CLI or a test) commits.
Generated events use bulk Core inserts so that ``extra_events=100_000`` stays fast.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import (
    Agency,
    Commemoration,
    Event,
    Plan,
    Programme,
    Region,
    Section,
    User,
)
from eventplan.services.demo import data
from eventplan.services.demo.events import EVENTS_H1
from eventplan.services.demo.events_h2 import EVENTS_H2
from eventplan.services.demo.generate import generate_events
from eventplan.services.demo.reports import generate_reports
from eventplan.services.programmes import programme_by_slug
from eventplan.services.reference import REGIONS, akimat_code, load_reference_data

RU_GENITIVE = {row[0]: row[5] for row in REGIONS}


def demo_password(role: str) -> str:
    return f"demo2021-{role}"


def load_demo(extra_events: int = 0) -> list[tuple[str, str, str]]:
    """Load the demo programme (once) and ``extra_events`` generated regional events.

    Returns the demo logins as (role, email, password).
    """
    load_reference_data()
    agencies = {a.code: a for a in db.session.scalars(select(Agency))}
    logins = _ensure_users(agencies)
    rng = random.Random(2021)
    programme = programme_by_slug(data.PROGRAMME["slug"])
    if programme is None:
        programme = _create_programme()
        hq_user = db.session.scalar(select(User).where(User.email == "hq@eventplan.local"))
        _create_republican_plan(programme, agencies, hq_user)
        for region_code, status, count, act_date in data.REGIONAL_PLANS:
            agency = agencies[akimat_code(region_code)]
            plan = _regional_plan(programme, agency, status, act_date, hq_user)
            db.session.flush()
            generate_events(programme, [plan], count, rng)
        _record_revisions(programme, hq_user)
        generate_reports(programme, random.Random(30))
    if extra_events > 0:
        plans, new = _akimat_plans(programme, agencies)
        generate_events(programme, plans, extra_events, rng)
        _record_new_approvals(new)
        generate_reports(programme, random.Random(extra_events))
    return logins


def _record_revisions(programme: Programme, hq_user: User | None) -> None:
    """Revision records for the approved demo plans. The source documents cite Resolution
    No. 101 with two dates (2 and 26 February 2021): the second is kept as an amendment so the
    plan's history shows the conflict instead of hiding it."""
    from eventplan.services.plans import record_existing_approval

    db.session.flush()
    for plan in programme.plans:
        if plan.in_force:
            record_existing_approval(plan, plan.approved_act or "", plan.approved_act_date,
                                     hq_user)
            if plan.level == "republican":
                plan.revision = 2
                record_existing_approval(plan, data.REPUBLICAN_AMENDMENT_ACT,
                                         data.REPUBLICAN_AMENDMENT_DATE, hq_user)
    db.session.flush()


def _ensure_users(agencies: dict[str, Agency]) -> list[tuple[str, str, str]]:
    logins = []
    for role, email, full_name, agency_code in data.USERS:
        password = demo_password(role)
        if db.session.scalar(select(User.id).where(User.email == email)) is None:
            user = User(
                email=email,
                role=role,
                full_name=full_name,
                agency_id=agencies[agency_code].id if agency_code else None,
            )
            user.set_password(password)
            db.session.add(user)
        logins.append((role, email, password))
    db.session.flush()
    return logins


def _create_programme() -> Programme:
    programme = Programme(**data.PROGRAMME)
    db.session.add(programme)
    for position, (_key, kk, ru, en) in enumerate(data.GENERAL_SECTIONS, start=1):
        programme.sections.append(
            Section(
                position=position, kind="general", month=None, name_kk=kk, name_ru=ru, name_en=en
            )
        )
    offset = len(data.GENERAL_SECTIONS)
    for month, kk, ru, en in data.THEMES:
        programme.sections.append(
            Section(
                position=offset + month,
                kind="block",
                month=month,
                name_kk=kk,
                name_ru=ru,
                name_en=en,
            )
        )
    for anniversary, year, origin, kk, ru, en, note in data.COMMEMORATIONS:
        programme.commemorations.append(
            Commemoration(
                anniversary=anniversary,
                origin_year=year,
                origin_date=origin,
                name_kk=kk,
                name_ru=ru,
                name_en=en,
                note=note,
            )
        )
    db.session.flush()
    return programme


def _approved_at(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(12), tzinfo=tz).astimezone(UTC)


def parse_when(when: str, tz: ZoneInfo) -> tuple[date, date, datetime | None, datetime | None]:
    """``"2021-04-23"``, ``"2021-06-21..2021-06-23"`` or ``"2021-04-12 10:00-12:00"`` (local)."""
    if " " in when:
        day_text, times = when.split(" ")
        day = date.fromisoformat(day_text)
        start, end = (time.fromisoformat(t) for t in times.split("-"))
        starts_at = datetime.combine(day, start, tzinfo=tz).astimezone(UTC)
        return day, day, starts_at, datetime.combine(day, end, tzinfo=tz).astimezone(UTC)
    first, _sep, last = when.partition("..")
    return date.fromisoformat(first), date.fromisoformat(last or first), None, None


def _create_republican_plan(
    programme: Programme, agencies: dict[str, Agency], hq_user: User | None
) -> Plan:
    tz = programme.tz
    plan = Plan(
        programme=programme,
        agency=agencies["HQ"],
        level="republican",
        status="approved",
        in_force=True,
        revision=1,
        approved_act=data.REPUBLICAN_ACT,
        approved_act_date=data.REPUBLICAN_ACT_DATE,
        approved_at=_approved_at(data.REPUBLICAN_ACT_DATE, tz),
        approved_by=hq_user,
    )
    db.session.add(plan)
    general = {key: programme.sections[i] for i, (key, *_names) in enumerate(data.GENERAL_SECTIONS)}
    regions = {r.code: r for r in db.session.scalars(select(Region))}
    for position, row in enumerate(EVENTS_H1 + EVENTS_H2, start=1):
        when, category, lead, coexecutors, fmt, region, place, kk, ru, en = row[:10]
        extras: dict[str, Any] = row[10] if len(row) > 10 else {}
        starts_on, ends_on, starts_at, ends_at = parse_when(when, tz)
        section = general.get(extras.get("section", "")) or programme.block_for_month(
            starts_on.month
        )
        cost = extras.get("cost")
        lead_agency = agencies[lead]
        if "form" in extras:
            form = extras["form"]
        elif lead == "MISD":
            form = "информация в Правительство"
        else:
            form = "информация в МИОР"
        event = Event(
            plan=plan,
            number=str(position),
            position=position,
            title_kk=kk,
            title_ru=ru,
            title_en=en,
            section=section,
            category=category,
            lead_agency=lead_agency,
            region=regions[region] if region else None,
            place=place,
            format=fmt,
            starts_on=starts_on,
            ends_on=ends_on,
            starts_at=starts_at,
            ends_at=ends_at,
            term=extras.get("term"),
            completion_form=form,
            estimated_cost=Decimal(cost) if cost is not None else None,
            funding_source=extras.get("fund") or ("не требуется" if cost is None else None),
            status="planned",
        )
        event.coexecutors = [agencies[c] for c in coexecutors if c != lead]
        db.session.add(event)
    db.session.flush()
    return plan


def _regional_plan(
    programme: Programme,
    agency: Agency,
    status: str,
    act_date: date | None,
    approver: User | None,
) -> Plan:
    approved = status == "approved"
    plan = Plan(agency=agency, level="regional", status=status, revision=int(approved),
                in_force=approved)
    if status == "approved":
        region_code = agency.region.code if agency.region else ""
        genitive = RU_GENITIVE.get(region_code, agency.name_ru or agency.code)
        act_date = act_date or date(2021, 2, 20)
        plan.approved_act = f"Утверждён заместителем акима {genitive}"
        plan.approved_act_date = act_date
        plan.approved_at = _approved_at(act_date, programme.tz)
        plan.approved_by = approver
    plan.programme = programme  # last: attaching it earlier would autoflush a half-made plan
    db.session.add(plan)
    return plan


def _record_new_approvals(plans: list[Plan]) -> None:
    """The approval record of plans made for generated events, with the events they hold,
    so their history shows them in force like the plans loaded from the documents."""
    from eventplan.services.plans import record_existing_approval

    hq_user = db.session.scalar(select(User).where(User.email == "hq@eventplan.local"))
    for plan in plans:
        db.session.expire(plan, ["events"])
        record_existing_approval(plan, plan.approved_act or "", plan.approved_act_date, hq_user)
    db.session.flush()


def _akimat_plans(programme: Programme, agencies: dict[str, Agency]
                  ) -> tuple[list[Plan], list[Plan]]:
    """Approved regional plans of every akimat whose region existed during the programme,
    and the ones among them made here.

    An akimat without a regional plan gets an approved one; a plan still in draft or under
    review keeps its state and receives no generated events.
    """
    existing = {
        p.agency_id: p
        for p in db.session.scalars(
            select(Plan).where(Plan.programme_id == programme.id, Plan.level == "regional")
        )
    }
    hq_user = db.session.scalar(select(User).where(User.email == "hq@eventplan.local"))
    plans, new = [], []
    for agency in sorted(agencies.values(), key=lambda a: a.id):
        region = agency.region
        if agency.kind != "akimat" or region is None:
            continue
        if (region.valid_from and region.valid_from > programme.ends_on) or (
            region.valid_to and region.valid_to < programme.starts_on
        ):
            continue
        plan = existing.get(agency.id)
        if plan is None:
            plan = _regional_plan(programme, agency, "approved", None, hq_user)
            new.append(plan)
        if plan.status == "approved":
            plans.append(plan)
    db.session.flush()
    return plans, new
