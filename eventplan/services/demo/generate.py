"""Bulk generation of plausible regional events, for the demo and for benchmarks at scale."""

from __future__ import annotations

import calendar
import random
from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, insert, or_, select

from eventplan.extensions import db
from eventplan.models import (
    CATEGORIES,
    Agency,
    Event,
    Plan,
    Programme,
    event_coexecutor,
)
from eventplan.services.demo import data

CHUNK = 5_000
CATEGORY_WEIGHTS = {
    "information": 200,
    "international": 120,
    "sports": 400,
    "cultural": 360,
    "charity": 150,
    "environmental": 136,
    "socio_political": 900,
    "organisational": 60,
}
CATEGORY_LIST = [c for c in CATEGORIES if c in CATEGORY_WEIGHTS]
CATEGORY_CUM = [
    sum(CATEGORY_WEIGHTS[c] for c in CATEGORY_LIST[: i + 1]) for i in range(len(CATEGORY_LIST))
]
FORMAT_CHOICES = ("offline",) * 6 + ("online",) * 2 + ("hybrid",) * 2


def _next_numbers(plans: list[Plan]) -> tuple[dict[int, int], dict[int, set[str]]]:
    ids = [p.id for p in plans]
    top = dict(
        db.session.execute(
            select(Event.plan_id, func.max(Event.position))
            .where(Event.plan_id.in_(ids))
            .group_by(Event.plan_id)
        ).all()
    )
    used: dict[int, set[str]] = defaultdict(set)
    for plan_id, number in db.session.execute(
        select(Event.plan_id, Event.number).where(Event.plan_id.in_(ids))
    ):
        used[plan_id].add(number)
    return {pid: (top.get(pid) or 0) for pid in ids}, used


def generate_events(programme: Programme, plans: list[Plan], count: int, rng: random.Random) -> int:
    """Add ``count`` generated events spread over ``plans`` (each led by the plan's agency).

    Dates fall inside the block of their month; numbers continue after each plan's last.
    Bulk Core inserts in chunks; returns the number of events added.
    """
    if count <= 0 or not plans:
        return 0
    tz = programme.tz
    year = programme.starts_on.year
    blocks = {s.month: s.id for s in programme.sections if s.month is not None}
    months = sorted(blocks)
    pool_codes = data.REGIONAL_COEXECUTORS
    pool = list(db.session.scalars(select(Agency.id).where(Agency.code.in_(pool_codes))))
    month_days = {m: calendar.monthrange(year, m)[1] for m in months}
    targets = []
    for plan in plans:
        agency = plan.agency
        region_code = agency.region.code if agency.region else ""
        if region_code == "PAVLODAR":
            places = data.PAVLODAR_PLACES
        else:
            places = [data.REGION_CENTRES.get(region_code, ("", "", ""))]
        targets.append((plan.id, agency.id, agency.region_id, places))

    now = datetime.now(UTC)
    per_plan: dict[int, list[tuple[dict[str, Any], list[int]]]] = defaultdict(list)
    for i in range(count):
        plan_id, lead_id, region_id, places = targets[i % len(targets)]
        month = rng.choice(months)
        last = month_days[month]
        category = rng.choices(CATEGORY_LIST, cum_weights=CATEGORY_CUM)[0]
        kk, ru, en = rng.choice(data.REGIONAL_TEMPLATES[category])
        place_kk, place_ru, place_en = rng.choice(places)
        day = rng.randint(1, last)
        starts_on = ends_on = date(year, month, day)
        starts_at = ends_at = None
        shape = rng.random()
        if shape < 0.15:
            hour = rng.choice((10, 11, 15, 18))
            starts_at = datetime(year, month, day, hour, tzinfo=tz).astimezone(UTC)
            ends_at = datetime(year, month, day, hour + 2, tzinfo=tz).astimezone(UTC)
        elif shape < 0.35:
            ends_on = date(year, month, min(last, day + rng.randint(1, 4)))
        cost = fund = None
        if rng.random() < 0.3:
            cost = Decimal(rng.randrange(50, 5000) * 1000)
            fund = rng.choice(data.FUNDING_SOURCES[1:3])
        else:
            fund = data.FUNDING_SOURCES[3]
        k = rng.choices((0, 1, 2, 3), cum_weights=(5, 8, 10, 11))[0]
        coexecutors = rng.sample(pool, min(k, len(pool)))
        row = {
            "plan_id": plan_id,
            "number": "",
            "position": 0,
            "title_kk": kk.format(place=place_kk),
            "title_ru": ru.format(place=place_ru),
            "title_en": en.format(place=place_en),
            "description": None,
            "section_id": blocks[month],
            "category": category,
            "lead_agency_id": lead_id,
            "region_id": region_id,
            "place": place_ru or None,
            "format": rng.choice(FORMAT_CHOICES),
            "starts_on": starts_on,
            "ends_on": ends_on,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "term": None,
            "completion_form": rng.choice(data.REGIONAL_COMPLETION_FORMS),
            "estimated_cost": cost,
            "funding_source": fund,
            "status": "planned",
            "status_reason": None,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        per_plan[plan_id].append((row, coexecutors))

    top, used = _next_numbers(plans)
    ordered: list[tuple[dict[str, Any], list[int]]] = []
    for plan_id, items in per_plan.items():
        items.sort(key=lambda item: (item[0]["starts_on"], item[0]["starts_at"] or now))
        position = top[plan_id]
        for row, coexecutors in items:
            position += 1
            while str(position) in used[plan_id]:
                position += 1
            row["position"], row["number"] = position, str(position)
            ordered.append((row, coexecutors))
    _bulk_insert(ordered, top)
    for plan in plans:
        db.session.expire(plan, ["events"])
    return count


def _bulk_insert(items: list[tuple[dict[str, Any], list[int]]], top: dict[int, int]) -> None:
    """Plain executemany (no RETURNING: fastest on SQLite, batched on PostgreSQL), then the
    new ids read back by the unique (plan, number) to link the co-executors."""
    table = Event.__table__
    for start in range(0, len(items), CHUNK):
        db.session.execute(insert(table), [row for row, _co in items[start : start + CHUNK]])
    wanted = {(row["plan_id"], row["number"]): co for row, co in items if co}
    if not wanted:
        return
    new_rows = select(Event.id, Event.plan_id, Event.number).where(
        or_(*(and_(Event.plan_id == pid, Event.position > last) for pid, last in top.items()))
    )
    links = [
        {"event_id": event_id, "agency_id": agency_id}
        for event_id, plan_id, number in db.session.execute(new_rows)
        for agency_id in wanted.get((plan_id, number), ())
    ]
    for start in range(0, len(links), CHUNK):
        db.session.execute(insert(event_coexecutor), links[start : start + CHUNK])
