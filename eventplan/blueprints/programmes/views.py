"""Programme overview (the year in 12 blocks) and the block page."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, g, render_template, request
from flask_login import current_user
from sqlalchemy import select

from eventplan.blueprints.programmes.page_cache import anonymous_cached
from eventplan.blueprints.programmes.todo import todo_for
from eventplan.extensions import db
from eventplan.models import CATEGORIES, EVENT_STATUSES, Agency, Programme, Region, Section
from eventplan.services import agenda, keyset, queries, rollups
from eventplan.services.deadlines import programme_today
from eventplan.services.errors import ValidationError
from eventplan.services.programmes import programme_by_slug
from eventplan.utils import arg_int, arg_page

bp = Blueprint("programmes", __name__, url_prefix="/programmes")


def get_programme_or_404(slug: str) -> Programme:
    programme = programme_by_slug(slug)
    if programme is None:
        abort(404)
    if not programme.is_public and not current_user.is_authenticated:
        abort(404)
    g.programme_tz = programme.timezone
    return programme


@bp.get("/<slug>/")
@anonymous_cached
def overview(slug: str):
    programme = get_programme_or_404(slug)
    counts = rollups.status_counts_by_section(current_user, programme)  # kept until a write
    return render_template("programmes/overview.html", programme=programme, counts=counts,
                           statuses=EVENT_STATUSES, todo=todo_for(current_user, programme))


def _filters(statuses: bool = True) -> dict:
    """Block and agenda filters from the query string; unknown values are ignored."""
    filters = {
        "category": request.args.get("category") if request.args.get("category") in CATEGORIES
        else None,
        "agency_id": arg_int("agency"),
        "region_id": arg_int("region"),
    }
    if statuses:
        filters["status"] = request.args.get("status") \
            if request.args.get("status") in EVENT_STATUSES else None
    return filters


def _choices() -> dict:
    agencies = sorted(db.session.scalars(select(Agency)), key=lambda a: (a.kind, a.name.casefold()))
    return {"agencies": agencies,
            "regions": db.session.scalars(select(Region).order_by(Region.code)).all(),
            "categories": CATEGORIES, "statuses": EVENT_STATUSES}


@bp.get("/<slug>/agenda")
@anonymous_cached
def agenda_week(slug: str):
    """Seven days of events from the Monday of ``week`` (default: this week)."""
    programme = get_programme_or_404(slug)
    error, start = None, agenda.default_start(programme)
    if request.args.get("week", "").strip():
        try:
            start = agenda.parse_week(request.args["week"], programme)
        except ValidationError as exc:
            error = exc.message
    filters = _filters(statuses=False)
    try:  # a day of the week listed in full ("before": what is under way); else ignored
        open_day = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        open_day = None
    result = agenda.week(current_user, programme, start, open_day=open_day,
                         open_continuing=request.args.get("day") == "before", **filters)
    return render_template("programmes/agenda.html", programme=programme, week=result,
                           filters=filters, error=error, today=programme_today(programme),
                           this_week=agenda.default_start(programme),
                           **_choices()), 400 if error else 200


@bp.get("/<slug>/blocks/<int:month>")
@anonymous_cached
def block(slug: str, month: int):
    programme = get_programme_or_404(slug)
    section = programme.block_for_month(month)
    if section is None:
        abort(404)
    return _section_page(programme, section)


@bp.get("/<slug>/sections/<int:section_id>")
def section(slug: str, section_id: int):
    """A general section ("Organisational and preparatory measures"…), listed like a block."""
    programme = get_programme_or_404(slug)
    found = db.session.get(Section, section_id)
    if found is None or found.programme_id != programme.id:
        abort(404)
    return _section_page(programme, found)


def _section_page(programme: Programme, section: Section):
    filters = _filters()
    stmt = queries.events_query(current_user, programme, section_id=section.id, **filters)
    # Keyset pages: page 200 costs what page 1 costs; the total is a kept count.
    page = keyset.paginate(
        stmt, total=rollups.block_total(current_user, programme, section.id, **filters),
        per_page=current_app.config["PER_PAGE"], page=arg_page(),
        after=request.args.get("after"), before=request.args.get("before"),
        last=request.args.get("last") == "1")
    editable = [plan for plan in programme.plans if plan.can_edit_events(current_user)]
    return render_template(
        "programmes/block.html", programme=programme, section=section, page=page,
        editable_plans=editable, filters=filters, **_choices(),
    )
