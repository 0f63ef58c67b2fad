"""Editing a new event staged for an amendment (it could only be discarded before)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventplan.blueprints.events.forms import EventForm
from eventplan.blueprints.events.views import _fill_choices
from eventplan.blueprints.plans.views import bp, get_plan_or_404
from eventplan.extensions import db
from eventplan.models import EventChange
from eventplan.services import amendments
from eventplan.services.errors import ValidationError
from eventplan.utils import form_error


@bp.route("/plans/changes/<int:change_id>/edit", methods=["GET", "POST"])
@login_required
def edit_staged(change_id: int):
    change = db.session.get(EventChange, change_id)
    if change is None or change.action != "add":
        abort(404)
    plan = get_plan_or_404(change.plan_id)
    if not (plan.is_amendment and plan.can_edit_events(current_user)):
        abort(403)
    form = EventForm(data=amendments.form_values(change)) if request.method == "GET" \
        else EventForm()
    _fill_choices(form, plan)
    if form.validate_on_submit():
        try:
            amendments.update_staged_add(change, current_user, form.to_data())
        except ValidationError as exc:
            form_error(form, exc)
        else:
            flash(_("The staged new event was updated."), "success")
            return redirect(url_for("plans.view", plan_id=plan.id))
    status = 422 if request.method == "POST" else 200
    return render_template("events/form.html", form=form, plan=plan, event=None), status
