"""The reminder sweep: which notifications are due now and not yet created.

The sweep is stateless. Every candidate message carries a dedupe key made of its kind, its
object, its recipient and its occasion (the local day of the step), and is inserted with
"on conflict do nothing"; a second sweep, a sweep after a day of downtime or two sweeps at
once create each message exactly once. Which messages are due comes from the one rule in
:mod:`eventplan.services.deadlines`; reports' and plans' decisions come from the audit log.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import (
    Agency,
    AuditEntry,
    CompletionReport,
    Event,
    Notification,
    NotificationPreference,
    Plan,
    Programme,
    ReminderSettings,
    User,
    event_coexecutor,
)
from eventplan.models.notification import BATCH, ESCALATIONS
from eventplan.services.deadlines import (
    OPEN_STATUSES,
    due_on,
    due_query,
    overdue_on,
    programme_today,
)
from eventplan.services.outbox import build_escalations, insert_ignoring_duplicates

# Decisions that notify at once, and who hears of them.
WORKFLOW_ACTIONS = ("plan.submit", "plan.return", "plan.approve", "report.return",
                    "report.accept")
WORKFLOW_WINDOW = timedelta(days=14)  # older decisions are history, not news
HQ_LOCKED_KINDS = ("escalation", "workflow")  # headquarters cannot turn these off
# Kinds that go, at once or in the app, as one message per recipient per sweep listing all
# the new ones (see outbox.build_escalations); in the daily digest they stay single entries.
BATCHED_KINDS = ("escalation",)
CHUNK = 500


def settings_for(programme: Programme) -> ReminderSettings:
    """The programme's settings, or unsaved defaults."""
    found = db.session.get(ReminderSettings, programme.id)
    if found is not None:
        return found
    return ReminderSettings(programme_id=programme.id, enabled=True, upcoming_days="7,1",
                            overdue_repeat_days=3, escalation_days=3, review_wait_days=3)


def sweep(now: datetime | None = None) -> Counter:
    """Create every notification due at ``now``, then one message per headquarters user
    listing the new escalations; returns how many of each kind were new."""
    now = now or datetime.now(UTC)
    candidates: list[dict[str, Any]] = []
    for programme in db.session.scalars(select(Programme).order_by(Programme.id)):
        settings = settings_for(programme)
        if not settings.enabled or programme.is_archived:  # a finished programme is quiet
            continue
        today = programme_today(programme, now)
        candidates += _upcoming(programme, settings, today)
        candidates += _due_and_overdue(programme, settings, today)
        candidates += _waiting_for_review(programme, settings, now)
    candidates += _workflow(now)
    created = store(candidates, now)
    batches = build_escalations(now)
    if batches:
        created[ESCALATIONS] = batches
    return created


# --- recipients ---------------------------------------------------------------------------

def coordinators_by_agency(agency_ids: Iterable[int]) -> dict[int, list[int]]:
    ids = sorted(set(agency_ids))
    result: dict[int, list[int]] = defaultdict(list)
    for start in range(0, len(ids), CHUNK):
        rows = db.session.execute(
            select(User.agency_id, User.id).where(
                User.role == "coordinator", User.active.is_(True),
                User.agency_id.in_(ids[start:start + CHUNK])).order_by(User.id))
        for agency_id, user_id in rows:
            result[agency_id].append(user_id)
    return result


def headquarters() -> list[int]:
    return list(db.session.scalars(
        select(User.id).where(User.role == "hq", User.active.is_(True)).order_by(User.id)))


def _executors(events: list[Event]) -> dict[int, set[int]]:
    """Event id -> ids of its lead and co-executing agencies, in one query per chunk."""
    result = {e.id: {e.lead_agency_id} for e in events}
    ids = list(result)
    for start in range(0, len(ids), CHUNK):
        for event_id, agency_id in db.session.execute(
                select(event_coexecutor.c.event_id, event_coexecutor.c.agency_id)
                .where(event_coexecutor.c.event_id.in_(ids[start:start + CHUNK]))):
            result[event_id].add(agency_id)
    return result


def _agency_names(ids: Iterable[int]) -> dict[int, dict[str, str | None]]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    return {a.id: a.names() for a in db.session.scalars(select(Agency).where(Agency.id.in_(ids)))}


def _event_params(event: Event, programme: Programme, agencies: dict[int, dict]) -> dict:
    return {"titles": event.titles(), "number": event.number,
            "starts_on": event.starts_on.isoformat(), "ends_on": event.ends_on.isoformat(),
            "deadline": (overdue_on(event, programme) - timedelta(days=1)).isoformat(),
            "agency": agencies.get(event.lead_agency_id, {})}


def _candidate(kind: str, key: str, user_id: int, programme: Programme | None,
               obj_type: str, obj_id: int, occasion: date | None, params: dict,
               link: str) -> dict[str, Any]:
    return {"dedupe_key": key, "kind": kind, "user_id": user_id,
            "programme_id": programme.id if programme is not None else None,
            "object_type": obj_type, "object_id": obj_id, "occasion": occasion,
            "params": params, "link": link}


# --- the rules ----------------------------------------------------------------------------

def upcoming_query(programme: Programme, today: date, within_days: int):
    """Open events of plans in force starting after ``today`` and within ``within_days``."""
    return select(Event).join(Plan, Event.plan_id == Plan.id).where(
        Plan.programme_id == programme.id, Plan.in_force.is_(True),
        Event.status.in_(OPEN_STATUSES), Event.starts_on > today,
        Event.starts_on <= today + timedelta(days=within_days))


def _upcoming(programme: Programme, settings: ReminderSettings, today: date) -> list[dict]:
    """7 and 1 days before (by default); a missed step is caught up, once, until the next."""
    days = settings.days_before
    if not days:
        return []
    events = list(db.session.scalars(upcoming_query(programme, today, max(days))))
    executors = _executors(events)
    people = coordinators_by_agency(a for ids in executors.values() for a in ids)
    agencies = _agency_names(e.lead_agency_id for e in events)
    out = []
    for event in events:
        left = (event.starts_on - today).days
        step = min(d for d in days if d >= left)
        occasion = event.starts_on - timedelta(days=step)
        params = _event_params(event, programme, agencies) | {"days": left}
        for user_id in sorted({u for a in executors[event.id] for u in people.get(a, [])}):
            out.append(_candidate("upcoming", f"upcoming:event:{event.id}:{user_id}:{occasion}",
                                  user_id, programme, "event", event.id, occasion, params,
                                  f"/events/{event.id}"))
    return out


def _due_and_overdue(programme: Programme, settings: ReminderSettings, today: date
                     ) -> list[dict]:
    rows = db.session.execute(due_query(programme, today)).all()
    events = [event for event, _stage in rows]
    executors = _executors(events)
    people = coordinators_by_agency(a for ids in executors.values() for a in ids)
    agencies = _agency_names(e.lead_agency_id for e in events)
    hq = headquarters()
    repeat = max(1, settings.overdue_repeat_days)
    out = []
    for event, stage in rows:
        params = _event_params(event, programme, agencies)
        link = f"/events/{event.id}"
        recipients = sorted({u for a in executors[event.id] for u in people.get(a, [])})
        if stage == "due":
            kind, occasion = "due", due_on(event)
        else:
            start = overdue_on(event, programme)
            kind = "overdue"
            occasion = start + timedelta(days=(today - start).days // repeat * repeat)
            if today >= start + timedelta(days=settings.escalation_days):
                for user_id in hq:
                    out.append(_candidate(
                        "escalation", f"escalation:event:{event.id}:{user_id}:{start}", user_id,
                        programme, "event", event.id, start,
                        params | {"reason": "overdue", "since": start.isoformat()}, link))
        for user_id in recipients:
            out.append(_candidate(kind, f"{kind}:event:{event.id}:{user_id}:{occasion}",
                                  user_id, programme, "event", event.id, occasion, params, link))
    return out


def _waiting_for_review(programme: Programme, settings: ReminderSettings, now: datetime
                        ) -> list[dict]:
    """Plans and reports submitted more than ``review_wait_days`` ago and not decided."""
    limit = now - timedelta(days=settings.review_wait_days)
    hq = headquarters()
    if not hq:
        return []
    out = []
    plans = db.session.scalars(select(Plan).where(
        Plan.programme_id == programme.id, Plan.status == "submitted",
        Plan.submitted_at <= limit))
    for plan in plans:
        since = plan.submitted_at.astimezone(programme.tz).date()
        params = {"reason": "plan_review", "agency": plan.agency.names(),
                  "since": since.isoformat()}
        for user_id in hq:
            out.append(_candidate("escalation",
                                  f"escalation:plan:{plan.id}:{user_id}:{plan.submitted_at:%Y%m%dT%H%M%S}",
                                  user_id, programme, "plan", plan.id, since, params,
                                  f"/plans/{plan.id}"))
    reports = db.session.execute(
        select(CompletionReport, Event).join(Event, CompletionReport.event_id == Event.id)
        .join(Plan, Event.plan_id == Plan.id)
        .where(Plan.programme_id == programme.id, CompletionReport.status == "submitted",
               CompletionReport.submitted_at <= limit)).all()
    agencies = _agency_names(r.agency_id for r, _e in reports)
    for report, event in reports:
        since = report.submitted_at.astimezone(programme.tz).date()
        params = {"reason": "report_review", "titles": event.titles(), "number": event.number,
                  "agency": agencies.get(report.agency_id, {}), "since": since.isoformat()}
        for user_id in hq:
            out.append(_candidate(
                "escalation",
                f"escalation:report:{report.id}:{user_id}:{report.submitted_at:%Y%m%dT%H%M%S}",
                user_id, programme, "completion_report", report.id, since, params,
                f"/events/{event.id}"))
    return out


def _workflow(now: datetime) -> list[dict]:
    """A notice per recent decision in the audit log, to the people it concerns."""
    entries = list(db.session.scalars(
        select(AuditEntry).where(AuditEntry.action.in_(WORKFLOW_ACTIONS),
                                 AuditEntry.at >= now - WORKFLOW_WINDOW)
        .order_by(AuditEntry.id)))
    if not entries:
        return []
    plan_ids = {e.object_id for e in entries if e.object_type == "plan"}
    report_ids = {e.object_id for e in entries if e.object_type == "completion_report"}
    plans = {p.id: p for p in db.session.scalars(select(Plan).where(Plan.id.in_(plan_ids)))}
    reports = {r.id: (r, ev) for r, ev in db.session.execute(
        select(CompletionReport, Event).join(Event, CompletionReport.event_id == Event.id)
        .where(CompletionReport.id.in_(report_ids)))}
    programmes = {p.id: p for p in db.session.scalars(select(Programme))}
    event_plans = {ev.plan_id for _r, ev in reports.values()}
    plan_programme = dict(db.session.execute(
        select(Plan.id, Plan.programme_id).where(Plan.id.in_(plan_ids | event_plans))).all())
    agency_ids = {p.agency_id for p in plans.values()} | {r.agency_id for r, _ in reports.values()}
    agencies = _agency_names(agency_ids)
    people = coordinators_by_agency(agency_ids)
    hq = headquarters()
    out = []
    for entry in entries:
        params: dict[str, Any] = {"action": entry.action, "note": entry.note or ""}
        if entry.object_type == "plan" and entry.object_id in plans:
            plan = plans[entry.object_id]
            params["agency"] = agencies.get(plan.agency_id, {})
            recipients = hq if entry.action == "plan.submit" else people.get(plan.agency_id, [])
            programme = programmes.get(plan.programme_id)
            link = f"/plans/{plan.id}"
        elif entry.object_type == "completion_report" and entry.object_id in reports:
            report, event = reports[entry.object_id]
            params |= {"agency": agencies.get(report.agency_id, {}), "titles": event.titles(),
                       "number": event.number}
            recipients = people.get(report.agency_id, [])
            programme = programmes.get(plan_programme.get(event.plan_id, 0))
            link = f"/events/{event.id}"
        else:
            continue
        occasion = entry.at.astimezone(programme.tz).date() if programme else entry.at.date()
        for user_id in recipients:
            if user_id == entry.user_id:
                continue  # one does not need telling what one just did
            out.append(_candidate("workflow", f"workflow:audit:{entry.id}:{user_id}", user_id,
                                  programme, entry.object_type, entry.object_id or 0, occasion,
                                  params, link))
    return out


# --- storing ------------------------------------------------------------------------------

def preferences(user_ids: Iterable[int]) -> dict[int, NotificationPreference]:
    ids = sorted(set(user_ids))
    found: dict[int, NotificationPreference] = {}
    for start in range(0, len(ids), CHUNK):
        for pref in db.session.scalars(select(NotificationPreference).where(
                NotificationPreference.user_id.in_(ids[start:start + CHUNK]))):
            found[pref.user_id] = pref
    return found


def mode_for(pref: NotificationPreference | None, kind: str, role: str | None) -> str:
    mode = pref.mode(kind) if pref is not None else NotificationPreference().mode(kind)
    if mode == "off" and kind in HQ_LOCKED_KINDS and role in {"hq", "admin"}:
        return "now"
    return mode


def _existing(keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        found.update(db.session.scalars(select(Notification.dedupe_key).where(
            Notification.dedupe_key.in_(keys[start:start + CHUNK]))))
    return found


def store(candidates: list[dict[str, Any]], now: datetime) -> Counter:
    """Insert the candidates not yet created, each as its recipient wants it delivered."""
    unique = {c["dedupe_key"]: c for c in candidates}
    existing = _existing(list(unique))
    new = [c for key, c in unique.items() if key not in existing]
    if not new:
        return Counter()
    prefs = preferences(c["user_id"] for c in new)
    roles = dict(db.session.execute(select(User.id, User.role).where(
        User.id.in_({c["user_id"] for c in new}))).all())
    rows, created = [], Counter()
    for c in new:
        mode = mode_for(prefs.get(c["user_id"]), c["kind"], roles.get(c["user_id"]))
        if mode == "off":
            continue
        row = c | {"created_at": now, "attempts": 0, "channel": "email", "delivery": mode,
                   "status": "pending", "next_attempt_at": None, "sent_at": None,
                   "read_at": None}
        if c["kind"] in BATCHED_KINDS and mode in ("now", "in_app"):
            # Waits, read and out of the list, for this sweep's one message to carry it.
            row |= {"channel": "email" if mode == "now" else "in_app", "delivery": BATCH,
                    "read_at": now}
        elif mode == "now":
            row["next_attempt_at"] = now
        elif mode == "in_app":
            row |= {"channel": "in_app", "status": "sent", "sent_at": now}
        rows.append(row)
        created[c["kind"]] += 1
    insert_ignoring_duplicates(rows)
    db.session.flush()
    return created
