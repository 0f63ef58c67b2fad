"""Removing, reordering, postponing and cancelling events."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventplan import parsing
from eventplan.blueprints.events.views import bp, get_event_or_404
from eventplan.blueprints.plans.forms import ActionForm, PostponeForm, ReasonForm
from eventplan.extensions import db
from eventplan.services import amendments, lifecycle
from eventplan.services import events as event_service
from eventplan.services.errors import DomainError, ValidationError
from eventplan.utils import form_error


def _version(form) -> int:
    return parsing.to_version(form.version.data)


@bp.post("/events/<int:event_id>/delete")
@login_required
def delete(event_id: int):
    event = get_event_or_404(event_id, for_edit=True)
    plan_id = event.plan_id
    if not ActionForm().validate_on_submit():
        abort(400)
    outcome = amendments.apply_or_stage(current_user, "remove", event=event,
                                        reason=request.form.get("reason"))
    if outcome.staged:
        flash(_("The removal was added to the amendment."), "success")
    else:
        flash(_("The event was removed from the plan."), "success")
    return redirect(url_for("plans.view", plan_id=plan_id))


@bp.post("/events/<int:event_id>/move")
@login_required
def move(event_id: int):
    event = get_event_or_404(event_id, for_edit=True)
    if not ActionForm().validate_on_submit():
        abort(400)
    if event.plan.is_amendment:
        flash(_("The order cannot change during an amendment."), "warning")
    else:
        event_service.move_event(event, current_user, -1 if request.form.get("to") == "up" else 1)
    return redirect(url_for("plans.view", plan_id=event.plan_id) + f"#event-{event.id}")


def _decision(event_id: int, form_class, template: str, apply):
    event = get_event_or_404(event_id)
    if not lifecycle.can_decide(event, current_user):
        abort(403)
    form = form_class()
    if request.method == "GET":
        form.version.data = str(event.version)
        if hasattr(form, "starts_on"):
            form.starts_on.data, form.ends_on.data = event.starts_on, event.ends_on
    elif form.validate_on_submit():
        try:
            apply(event, form)
        except ValidationError as exc:
            db.session.rollback()
            form_error(form, exc)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "danger")
            return render_template(template, event=event, form=form), 409
        else:
            return redirect(url_for("events.view", event_id=event.id))
    return render_template(template, event=event, form=form), (
        200 if request.method == "GET" else 422)


@bp.route("/events/<int:event_id>/postpone", methods=["GET", "POST"])
@login_required
def postpone(event_id: int):
    def apply(event, form):
        lifecycle.postpone(event, current_user, form.starts_on.data, form.ends_on.data,
                           form.reason.data, _version(form))
        flash(_("The event was postponed."), "success")

    return _decision(event_id, PostponeForm, "events/postpone.html", apply)


@bp.route("/events/<int:event_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(event_id: int):
    def apply(event, form):
        lifecycle.cancel(event, current_user, form.reason.data, _version(form))
        flash(_("The event was cancelled."), "success")

    return _decision(event_id, ReasonForm, "events/cancel.html", apply)
