"""Agency list and agency page."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventplan.extensions import db
from eventplan.models import Agency, Plan, Programme
from eventplan.services import queries
from eventplan.utils import arg_page

bp = Blueprint("agencies", __name__, url_prefix="/agencies")


@bp.get("/")
@login_required
def index():
    agencies = db.session.scalars(
        select(Agency).options(selectinload(Agency.region)).order_by(Agency.kind, Agency.code)
    ).all()
    return render_template("agencies/index.html", agencies=agencies)


@bp.get("/<int:agency_id>")
@login_required
def view(agency_id: int):
    agency = db.session.get(Agency, agency_id)
    if agency is None:
        abort(404)
    plans = db.session.scalars(
        select(Plan).where(Plan.agency_id == agency.id, queries.plan_visible_to(current_user))
        .options(selectinload(Plan.programme)).order_by(Plan.id)
    ).all()
    programme = db.session.scalar(select(Programme).order_by(Programme.starts_on.desc()))
    page = None
    if programme is not None:
        stmt = queries.events_query(current_user, programme, agency_id=agency.id)
        page = db.paginate(stmt, page=arg_page(),
                           per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template("agencies/view.html", agency=agency, plans=plans,
                           programme=programme, page=page)
