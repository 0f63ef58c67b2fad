"""Completion reports for the demo: most 2021 events held and accepted, the rest in every
other state a headquarters sees in a working week (submitted, returned, draft, missing).

Figures are plausible for each category, in the ranges of the regional reports quoted in
FACTS.md section 4. Three accepted reports carry media totals that do not add up, as three
of the source reports do, so the consistency warnings have something true to show.
Bulk Core inserts: the demo with ``--events 100000`` stays quick.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update

from eventplan.extensions import db
from eventplan.models import (
    CompletionReport,
    Event,
    Plan,
    Programme,
    ReportOutput,
    User,
    event_coexecutor,
)

CHUNK = 5_000
PARTICIPANTS = {  # category: (low, high) participants or audience
    "information": (500, 30_000), "international": (40, 600), "sports": (40, 1_500),
    "cultural": (80, 3_000), "charity": (20, 300), "environmental": (30, 600),
    "socio_political": (30, 800), "organisational": (10, 120),
}
OUTPUTS = ("баннеры", "билборды", "флаги", "видеоролики", "роллапы", "инфографика")
# Share of events in each state, for events that ended before December and in December.
EARLIER = (("accepted", 90), ("submitted", 4), ("returned", 3), ("none", 3))
DECEMBER = (("accepted", 30), ("submitted", 25), ("returned", 10), ("draft", 10), ("none", 25))
UNBALANCED = 3  # accepted reports whose stated media total differs from the channels


def generate_reports(programme: Programme, rng: random.Random) -> int:
    """Reports for events of plans in force that have none yet; returns how many were made."""
    events = db.session.execute(
        select(Event.id, Event.lead_agency_id, Event.category, Event.starts_on, Event.ends_on,
               Event.format, Event.place)
        .join(Plan, Event.plan_id == Plan.id)
        .where(Plan.programme_id == programme.id, Plan.in_force.is_(True),
               Event.status == "planned", ~Event.reports.any())
        .order_by(Event.id)
    ).all()
    if not events:
        return 0
    coexecutors: dict[int, list[int]] = defaultdict(list)
    for event_id, agency_id in db.session.execute(select(event_coexecutor)):
        coexecutors[event_id].append(agency_id)
    coordinators = dict(db.session.execute(
        select(User.agency_id, User.id).where(User.role == "coordinator",
                                              User.agency_id.is_not(None))).all())
    hq = db.session.scalar(select(User.id).where(User.role == "hq").order_by(User.id))
    december = date(programme.starts_on.year, 12, 1)
    rows: list[dict[str, Any]] = []
    held: list[int] = []
    outputs: dict[tuple[int, int], list[tuple[str, int]]] = {}
    unbalanced = UNBALANCED
    for event_id, lead_id, category, starts_on, ends_on, fmt, place in events:
        shares = DECEMBER if ends_on >= december else EARLIER
        state = rng.choices([s for s, _ in shares], weights=[w for _, w in shares])[0]
        if state == "none":
            continue
        row = _report(rng, event_id, lead_id, category, starts_on, ends_on, fmt, place,
                      state, programme, coordinators.get(lead_id), hq)
        if state == "accepted":
            held.append(event_id)
            if unbalanced and category == "information":
                row["media_total"] = (row["media_total"] or row_sum(row)) + rng.randint(5, 60)
                unbalanced -= 1
        rows.append(row)
        if rng.random() < 0.2:
            outputs[(event_id, lead_id)] = [(name, rng.randint(1, 40))
                                            for name in rng.sample(OUTPUTS, rng.randint(1, 3))]
        if state == "accepted":
            for agency_id in coexecutors.get(event_id, ()):
                if rng.random() < 0.5:
                    rows.append(_report(rng, event_id, agency_id, category, starts_on, ends_on,
                                        fmt, place, "accepted", programme,
                                        coordinators.get(agency_id), hq, share=0.3))
    table = CompletionReport.__table__
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(table), rows[start:start + CHUNK])
    _insert_outputs(outputs)
    for start in range(0, len(held), CHUNK):
        db.session.execute(
            update(Event).where(Event.id.in_(held[start:start + CHUNK]))
            .values(status="held", version=Event.version + 1)
            .execution_options(synchronize_session=False))
    return len(rows)


def row_sum(row: dict[str, Any]) -> int:
    return sum(row[f"media_{c}"] or 0 for c in ("tv", "radio", "print", "internet", "social"))


def _report(rng: random.Random, event_id: int, agency_id: int, category: str, starts_on: date,
            ends_on: date, fmt: str, place: str | None, state: str, programme: Programme,
            author: int | None, hq: int | None, share: float = 1.0) -> dict[str, Any]:
    low, high = PARTICIPANTS.get(category, (20, 500))
    tz = programme.tz
    submitted = datetime.combine(ends_on + timedelta(days=rng.randint(1, 6)), time(11, 30),
                                 tzinfo=tz).astimezone(UTC)
    reviewed = submitted + timedelta(days=rng.randint(1, 4)) if state in {
        "accepted", "returned"} else None
    media = {
        "tv": rng.choice((0, 0, 1, 1, 2, 3)), "radio": rng.choice((0, 0, 0, 1, 2)),
        "print": rng.randint(0, 6), "internet": rng.randint(1, 15), "social": rng.randint(2, 40),
    }
    media = {k: max(0, round(v * share)) for k, v in media.items()}
    charity = category == "charity"
    row: dict[str, Any] = {
        "event_id": event_id, "agency_id": agency_id,
        "status": state, "outcome": "held", "not_held_reason": None,
        "held_from": starts_on, "held_to": ends_on, "time_from": None, "time_to": None,
        "date_reason": None, "format": fmt, "venue": place,
        "participants": max(1, round(rng.randint(low, high) * share)),
        **{f"media_{k}": v for k, v in media.items()},
        "media_total": sum(media.values()) if rng.random() < 0.7 else None,
        "charity_amount": Decimal(rng.randrange(100, 5_000) * 1_000) if charity else None,
        "beneficiaries": rng.randint(10, 300) if charity else None,
        "links": [], "summary": None,
        "created_by_id": author,
        "submitted_at": submitted if state != "draft" else None,
        "submitted_by_id": author if state != "draft" else None,
        "reviewed_at": reviewed, "reviewed_by_id": hq if reviewed else None,
        "review_comment": ("Укажите количество участников и приложите фотографии."
                           if state == "returned" else None),
        "created_at": submitted, "updated_at": reviewed or submitted, "version": 1,
    }
    return row


def _insert_outputs(outputs: dict[tuple[int, int], list[tuple[str, int]]]) -> None:
    if not outputs:
        return
    event_ids = sorted({event_id for event_id, _ in outputs})
    ids: dict[tuple[int, int], int] = {}
    for start in range(0, len(event_ids), CHUNK):
        chunk = event_ids[start:start + CHUNK]
        for report_id, event_id, agency_id in db.session.execute(
            select(CompletionReport.id, CompletionReport.event_id, CompletionReport.agency_id)
            .where(CompletionReport.event_id.in_(chunk))
        ):
            ids[(event_id, agency_id)] = report_id
    rows = [
        {"report_id": ids[key], "position": i, "name": name, "quantity": quantity}
        for key, items in outputs.items() if key in ids
        for i, (name, quantity) in enumerate(items)
    ]
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(ReportOutput.__table__), rows[start:start + CHUNK])
