"""Event page, and creating and editing events."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventplan import base_url
from eventplan.blueprints.events.forms import EventForm
from eventplan.extensions import db
from eventplan.models import Event, Plan, Region
from eventplan.models.base import current_lang
from eventplan.services import amendments, ical, lifecycle
from eventplan.services import events as event_service
from eventplan.services.agencies import agency_name_choices
from eventplan.services.completion import filing
from eventplan.services.errors import StaleVersion, ValidationError
from eventplan.utils import arg_int, form_error

bp = Blueprint("events", __name__)


def get_event_or_404(event_id: int, for_edit: bool = False) -> Event:
    event = db.session.scalar(
        select(Event).where(Event.id == event_id).options(
            selectinload(Event.plan).selectinload(Plan.programme),
            selectinload(Event.coexecutors), selectinload(Event.lead_agency),
            selectinload(Event.section), selectinload(Event.region),
        )
    )
    if event is None or not event.can_view(current_user):
        abort(404)
    if event.plan.programme.is_public is False and not current_user.is_authenticated:
        abort(404)
    if for_edit and not event.can_edit(current_user):
        abort(403)
    g.programme_tz = event.plan.programme.timezone
    return event


def _fill_choices(form: EventForm, plan: Plan) -> None:
    agency_choices = agency_name_choices()
    form.section_id.choices = [(s.id, s.display_name()) for s in plan.programme.sections]
    form.lead_agency_id.choices = agency_choices
    form.coexecutor_ids.choices = agency_choices
    programme = plan.programme
    regions = [r for r in db.session.scalars(select(Region).order_by(Region.code))
               if r.valid_on(programme.starts_on) or r.valid_on(programme.ends_on)]
    form.region_id.choices = [("", "—")] + [(r.id, r.display_name()) for r in regions]


@bp.get("/events/<int:event_id>")
def view(event_id: int):
    event = get_event_or_404(event_id)
    completion = (filing.event_completion(event, current_user)
                  if current_user.is_authenticated and event.plan.in_force else None)
    return render_template("events/view.html", event=event,
                           history=event_service.event_history(event),
                           can_decide=lifecycle.can_decide(event, current_user),
                           completion=completion)


@bp.route("/plans/<int:plan_id>/events/new", methods=["GET", "POST"])
@login_required
def create(plan_id: int):
    plan = db.session.get(Plan, plan_id)
    if plan is None or not plan.can_view(current_user):
        abort(404)
    if not plan.can_edit_events(current_user):
        abort(403)
    form = EventForm()
    _fill_choices(form, plan)
    if request.method == "GET":
        form.lead_agency_id.data = plan.agency_id
        form.section_id.data = arg_int("section")
    if form.validate_on_submit():
        try:
            outcome = amendments.apply_or_stage(current_user, "add", plan=plan,
                                                data=form.to_data())
        except ValidationError as exc:
            form_error(form, exc)
        else:
            if outcome.staged:
                flash(_("The new event was added to the amendment."), "success")
                return redirect(url_for("plans.view", plan_id=plan.id))
            flash(_("The event was added."), "success")
            return redirect(url_for("events.view", event_id=outcome.event.id))
    status = 422 if request.method == "POST" else 200
    return render_template("events/form.html", form=form, plan=plan, event=None), status


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit(event_id: int):
    event = get_event_or_404(event_id, for_edit=True)
    form = EventForm(obj=event if request.method == "GET" else None)
    _fill_choices(form, event.plan)
    stale_entries = []
    staged = amendments.staged_for(event) if event.plan.is_amendment else None
    if request.method == "GET" and staged is not None and staged.action == "change":
        form = EventForm(data=amendments.form_values(staged))
        _fill_choices(form, event.plan)
        form.version.data = str(event.version)
    elif request.method == "GET":
        form.version.data = str(event.version)
        form.coexecutor_ids.data = [a.id for a in event.coexecutors]
        if event.starts_at:
            tz = event.plan.programme.tz
            form.start_time.data = event.starts_at.astimezone(tz).time()
            form.end_time.data = event.ends_at.astimezone(tz).time() if event.ends_at else None
    elif form.validate_on_submit():
        try:
            outcome = amendments.apply_or_stage(
                current_user, "change", event=event, data=form.to_data(),
                expected_version=form.version.expected)
        except StaleVersion as exc:
            flash(exc.message, "danger")
            stale_entries = exc.changes.get("entries", [])
        except ValidationError as exc:
            form_error(form, exc)
        else:
            if outcome.staged:
                flash(_("The change was added to the amendment."), "success")
                return redirect(url_for("plans.view", plan_id=event.plan_id))
            flash(_("The event was saved."), "success")
            return redirect(url_for("events.view", event_id=event.id))
    status = 200 if request.method == "GET" else (409 if stale_entries else 422)
    return render_template("events/form.html", form=form, plan=event.plan, event=event,
                           stale_entries=stale_entries), status


@bp.get("/events/<int:event_id>.ics")
def ics(event_id: int):
    event = get_event_or_404(event_id)
    body = ical.single_event(event, current_lang(), base_url.for_links())
    response = Response(body, content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="event-{event.id}.ics"'
    return response
