"""The plan workflow: submit, approve or return, amend; revisions and their differences."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventplan.extensions import db
from eventplan.models import (
    Agency,
    AuditEntry,
    Event,
    EventChange,
    Plan,
    PlanRevision,
    Programme,
    User,
)
from eventplan.models.event import EVENT_FIELDS, RELATION_FIELDS
from eventplan.services import audit
from eventplan.services.errors import NotAllowed, ValidationError

# What a revision records of each event (models/event.py), the co-executors added apart.
SNAPSHOT_FIELDS = [f.name for f in EVENT_FIELDS if f.revision and f.name not in RELATION_FIELDS]
LEVEL_FOR_KIND = {"akimat": "regional", "ministry": "sectoral"}
ACT_NUMBER = re.compile(r"(?:No\.?|№)\s*(\d+)", re.IGNORECASE)


def create_plan(programme: Programme, agency: Agency, user: User) -> Plan:
    level = "republican" if agency.code == "HQ" else LEVEL_FOR_KIND.get(agency.kind, "sectoral")
    if db.session.scalar(select(Plan.id).where(Plan.programme_id == programme.id,
                                               Plan.agency_id == agency.id)) is not None:
        raise ValidationError(_("This agency already has a plan in this programme."))
    if programme.is_archived:
        raise NotAllowed(_("This programme is archived: it is read-only."))
    # Ids, not relationships: is_author compares agency_id, which a relationship leaves empty
    # until the flush (every coordinator was refused), and a relationship to a persistent
    # programme would put a refused plan into the session.
    plan = Plan(programme_id=programme.id, agency_id=agency.id, level=level, status="draft")
    if not plan.is_author(user):
        raise NotAllowed(_("You cannot create a plan for this agency."))
    db.session.add(plan)
    db.session.flush()
    audit.record(user, "plan.create", plan, {"level": [None, level]})
    return plan


def plan_events(plan: Plan) -> list[Event]:
    """The plan's events in order, with what the pages show loaded in a fixed number of queries."""
    return list(db.session.scalars(
        select(Event).where(Event.plan_id == plan.id)
        .options(selectinload(Event.lead_agency), selectinload(Event.coexecutors),
                 selectinload(Event.section), selectinload(Event.region))
        .order_by(Event.position, Event.id)
    ))


def snapshot(plan: Plan, events: list[Event] | None = None) -> dict[str, dict]:
    """Field values of the plan's events by id, as a revision records them."""
    result = {}
    for event in plan_events(plan) if events is None else events:
        fields = audit.snapshot(event, SNAPSHOT_FIELDS)
        fields["coexecutor_ids"] = sorted(a.id for a in event.coexecutors)
        result[str(event.id)] = fields
    return result


def compare(before: dict[str, dict], after: dict[str, dict]) -> dict[str, list]:
    """Events added, removed and changed (field by field) between two snapshots."""
    added = [after[k] | {"id": k} for k in after if k not in before]
    removed = [before[k] | {"id": k} for k in before if k not in after]
    changed = []
    for key in after:
        if key in before and before[key] != after[key]:
            fields = {f: [before[key].get(f), v] for f, v in after[key].items()
                      if before[key].get(f) != v}
            changed.append({"id": key, "number": after[key].get("number"), "fields": fields})
    return {"added": added, "removed": removed, "changed": changed}


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise NotAllowed(message)


def submit(plan: Plan, user: User) -> None:
    _require(plan.is_open, _("This programme is archived: it is read-only."))
    _require(plan.is_author(user), _("Only the plan's authors can submit it."))
    _require(plan.status in {"draft", "returned", "amending"},
             _("Only a draft, returned or amended plan can be submitted; this one is %(s)s.",
               s=plan.status))
    model = EventChange if plan.is_amendment else Event
    if not db.session.scalar(select(func.count()).where(model.plan_id == plan.id)):
        raise ValidationError(_("There is nothing to submit: the plan has no events or changes."))
    before = plan.status
    plan.status = "submitted"
    plan.submitted_at = datetime.now(UTC)
    db.session.flush()
    audit.record(user, "plan.submit", plan, {"status": [before, "submitted"]})


def approve(plan: Plan, user: User, act: str, act_date: date | None) -> PlanRevision:
    from eventplan.services.amendments import apply_changes

    _require(plan.can_approve(user), _("Only a submitted plan can be approved, by headquarters."))
    act = (act or "").strip()
    if not act:
        raise ValidationError(_("Cite the approving act."), "act")
    if act_date is not None and act_date > datetime.now(UTC).date():
        raise ValidationError(_("The act's date cannot be in the future."), "act_date")
    if plan.is_amendment:
        apply_changes(plan, user)
    revision = PlanRevision(plan_id=plan.id, number=plan.revision + 1, act=act,
                            act_date=act_date, approved_by_id=user.id, snapshot=snapshot(plan))
    db.session.add(revision)
    plan.status, plan.in_force, plan.revision = "approved", True, revision.number
    plan.approved_act, plan.approved_act_date = act, act_date
    plan.approved_at, plan.approved_by_id = datetime.now(UTC), user.id
    plan.return_comment = None
    db.session.flush()
    audit.record(user, "plan.approve", plan, {"status": ["submitted", "approved"],
                                              "revision": [revision.number - 1, revision.number]},
                 note=act)
    return revision


def return_plan(plan: Plan, user: User, comment: str) -> None:
    _require(plan.can_approve(user), _("Only a submitted plan can be returned, by headquarters."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Say what must be corrected."), "comment")
    plan.status = "returned"
    plan.return_comment = comment
    db.session.flush()
    audit.record(user, "plan.return", plan, {"status": ["submitted", "returned"]}, note=comment)


def open_amendment(plan: Plan, user: User) -> None:
    _require(plan.can_amend(user), _("Only an approved plan can be amended, by its authors."))
    plan.status = "amending"
    db.session.flush()
    audit.record(user, "plan.amend", plan, {"status": ["approved", "amending"]})


def revisions(plan: Plan) -> list[PlanRevision]:
    return list(db.session.scalars(
        select(PlanRevision).where(PlanRevision.plan_id == plan.id)
        .options(selectinload(PlanRevision.approved_by)).order_by(PlanRevision.number)))


def history(plan: Plan) -> list[dict]:
    """Each revision with its difference from the previous one, oldest first."""
    rows, previous = [], {}
    for revision in revisions(plan):
        rows.append({"revision": revision, "diff": compare(previous, revision.snapshot)})
        previous = revision.snapshot
    return rows


def act_conflicts(plan_revisions: list[PlanRevision]) -> list[tuple[PlanRevision, PlanRevision]]:
    """Pairs of revisions citing the same act number with different dates."""
    seen: dict[str, PlanRevision] = {}
    conflicts = []
    for revision in plan_revisions:
        match = ACT_NUMBER.search(revision.act or "")
        if not match:
            continue
        first = seen.setdefault(match.group(1), revision)
        if first is not revision and first.act_date != revision.act_date:
            conflicts.append((first, revision))
    return conflicts


def review_queue() -> list[tuple[Plan, int]]:
    """Submitted plans, oldest first, with their number of events."""
    counts = (select(Event.plan_id, func.count(Event.id).label("n"))
              .group_by(Event.plan_id).subquery())
    rows = db.session.execute(
        select(Plan, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.plan_id == Plan.id)
        .where(Plan.status == "submitted")
        .options(selectinload(Plan.agency), selectinload(Plan.programme))
        .order_by(Plan.submitted_at)
    )
    return [(plan, n) for plan, n in rows]


def next_in_queue(after: Plan | None = None) -> Plan | None:
    """The oldest submitted plan other than ``after``: where a reviewer goes next."""
    stmt = select(Plan).where(Plan.status == "submitted")
    if after is not None:
        stmt = stmt.where(Plan.id != after.id)
    return db.session.scalar(stmt.order_by(Plan.submitted_at, Plan.id).limit(1))


def record_existing_approval(plan: Plan, act: str, act_date: date | None,
                             user: User | None = None) -> PlanRevision:
    """Revision records for a plan loaded as already approved (demo, imports)."""
    revision = PlanRevision(plan_id=plan.id, number=plan.revision or 1, act=act,
                            act_date=act_date, approved_by_id=user.id if user else None,
                            snapshot=snapshot(plan))
    db.session.add(revision)
    return revision


def plan_audit(plan: Plan) -> list[AuditEntry]:
    return list(db.session.scalars(
        select(AuditEntry).where(AuditEntry.object_type == "plan", AuditEntry.object_id == plan.id)
        .options(selectinload(AuditEntry.user)).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    ))
