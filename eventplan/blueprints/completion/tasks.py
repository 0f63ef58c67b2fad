"""My tasks: what an agency must report, and what staff watch across agencies."""

from __future__ import annotations

from flask import abort, g, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from eventplan.blueprints.completion import nav
from eventplan.blueprints.completion.views import bp
from eventplan.blueprints.programmes.current import chosen_programme
from eventplan.extensions import db
from eventplan.models import Agency, Programme, Region, Section
from eventplan.permissions import role_required
from eventplan.services.completion import filing, tasks
from eventplan.services.deadlines import programme_today
from eventplan.services.errors import NotAllowed
from eventplan.services.programmes import programme_by_slug
from eventplan.utils import arg_int, arg_page


def filters_from_args() -> dict[str, int | None]:
    return {"agency_id": arg_int("agency"), "region_id": arg_int("region"),
            "section_id": arg_int("block")}


def filter_choices(programme: Programme | None) -> dict[str, list]:
    """What the staff filters offer: agencies, regions and the programme's sections."""
    sections = []
    if programme is not None:
        sections = db.session.scalars(select(Section).where(
            Section.programme_id == programme.id).order_by(Section.position)).all()
    return {
        "agencies": db.session.scalars(select(Agency).order_by(Agency.kind, Agency.code)).all(),
        "regions": db.session.scalars(select(Region).order_by(Region.code)).all(),
        "sections": sections,
    }


def allowed_actions(groups: dict, user) -> tuple[set[int], set[int]]:
    """Events the viewer may report on and returned reports they may correct, so the page
    offers only buttons that work (staff see every agency's tasks, not their own to do)."""
    rows = [(name, row) for name, group in groups.items() if name in {"due", "overdue", "returned"}
            for row in group.rows]
    allowed = filing.reportable_ids([event for _, (event, _, _) in rows], user)
    events = {event.id for name, (event, _, _) in rows
              if name != "returned" and event.id in allowed}
    reports = {report.id for name, (event, report, _) in rows
               if name == "returned" and event.id in allowed and report.agency_id == user.agency_id
               and report.is_editable}
    return events, reports


def _group_url(name: str, number: int) -> str:
    args = {k: v for k, v in request.args.items() if k != f"p_{name}"}
    return url_for("completion.my_tasks", **args, **{f"p_{name}": number}) + f"#{name}"


@bp.get("/tasks")
@role_required("coordinator", "hq", "admin")
def my_tasks():
    slug = request.args.get("programme")
    programme = programme_by_slug(slug) if slug else chosen_programme()
    if programme is None:
        abort(404)
    g.programme_tz = programme.timezone
    try:
        scope = tasks.scope_for(current_user, **filters_from_args())
    except NotAllowed:
        abort(403)
    today = programme_today(programme, nav.clock())
    pages = {name: arg_page(f"p_{name}") for name in tasks.GROUPS}
    groups = tasks.task_groups(programme, today, scope, pages)
    may_report, may_correct = allowed_actions(groups, current_user)
    return render_template(
        "completion/tasks.html", programme=programme, today=today, groups=groups, scope=scope,
        choices=filter_choices(programme) if current_user.is_staff else None,
        upcoming_days=tasks.UPCOMING_DAYS, group_url=_group_url, may_report=may_report,
        may_correct=may_correct)
