""""What to do now" on the programme overview, so every login lands on its work.

Coordinators see their agency's due, overdue, returned and upcoming events and their plans
to finish; headquarters adds the plans, amendments and reports waiting for a decision;
viewers see the next two weeks. A fixed handful of COUNT queries, pages of three rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from eventplan.blueprints.completion import nav
from eventplan.extensions import db
from eventplan.models import CompletionReport, Event, Plan, Programme
from eventplan.services.completion import tasks
from eventplan.services.deadlines import programme_today
from eventplan.services.errors import NotAllowed

SHOWN = 3


@dataclass
class Todo:
    counts: dict[str, int] = field(default_factory=dict)
    due: list = field(default_factory=list)  # (event, days overdue, own status)
    upcoming: list = field(default_factory=list)
    plans_waiting: int = 0  # submitted plans, first approval
    amendments_waiting: int = 0  # submitted changes to plans in force
    reports_waiting: int = 0
    own_plans: list = field(default_factory=list)  # the coordinator's plans to finish

    @property
    def anything(self) -> bool:
        return bool(sum(self.counts.values()) or self.plans_waiting or self.amendments_waiting
                    or self.reports_waiting or self.own_plans or self.upcoming)


def todo_for(user, programme: Programme) -> Todo | None:
    if not user.is_authenticated or programme.is_archived:
        return None
    today = programme_today(programme, nav.clock())
    todo = Todo()
    try:
        scope = tasks.scope_for(user)
    except NotAllowed:  # a viewer: what is coming, nothing owed
        todo.upcoming = [(e, None, None) for e in db.session.scalars(
            tasks.upcoming_statement(programme, today, tasks.Scope()).limit(SHOWN + 2))]
        return todo
    todo.counts = tasks.counts(programme, today, scope)
    todo.due = tasks.group_rows("due", programme, today, scope, per_page=SHOWN) + \
        tasks.group_rows("overdue", programme, today, scope, per_page=SHOWN)
    todo.upcoming = tasks.group_rows("upcoming", programme, today, scope, per_page=SHOWN)
    if user.role in {"hq", "admin"}:
        rows = dict(db.session.execute(
            select(Plan.in_force, func.count(Plan.id))
            .where(Plan.programme_id == programme.id, Plan.status == "submitted")
            .group_by(Plan.in_force)).all())
        todo.plans_waiting, todo.amendments_waiting = rows.get(False, 0), rows.get(True, 0)
        todo.reports_waiting = db.session.scalar(
            select(func.count(CompletionReport.id)).join(Event).join(Plan)
            .where(Plan.programme_id == programme.id, CompletionReport.status == "submitted"))
    else:
        todo.own_plans = db.session.scalars(
            select(Plan).where(Plan.programme_id == programme.id,
                               Plan.agency_id == user.agency_id,
                               Plan.status.in_(("draft", "returned", "amending")))).all()
    return todo
