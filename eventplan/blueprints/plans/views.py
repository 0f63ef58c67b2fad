"""Plan pages and the approval workflow."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventplan.blueprints.plans.forms import ActionForm, ApproveForm, ReturnForm
from eventplan.blueprints.programmes.views import get_programme_or_404
from eventplan.extensions import db
from eventplan.models import EventChange, Plan
from eventplan.permissions import role_required
from eventplan.services import amendments, plans
from eventplan.services.errors import DomainError

bp = Blueprint("plans", __name__)


def get_plan_or_404(plan_id: int) -> Plan:
    plan = db.session.scalar(select(Plan).where(Plan.id == plan_id).options(
        selectinload(Plan.agency), selectinload(Plan.programme),
        selectinload(Plan.approved_by)))
    if plan is None or not plan.can_view(current_user):
        abort(404)
    g.programme_tz = plan.programme.timezone
    return plan


def _decide(plan: Plan, action, *args) -> bool:
    try:
        action(plan, current_user, *args)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
        return False
    return True


@bp.get("/plans/<int:plan_id>")
@login_required
def view(plan_id: int):
    plan = get_plan_or_404(plan_id)
    events = plans.plan_events(plan)
    staged = {}
    added = []
    if plan.is_amendment and (plan.is_author(current_user) or current_user.is_staff):
        for change in amendments.staged(plan):
            if change.action == "add":
                added.append(change)
            else:
                staged[change.event_id] = change
    staged_fields = {}
    if staged:
        staged_fields = {int(entry["id"]): entry["fields"]
                         for entry in amendments.proposed_diff(plan, events)["changed"]
                         if entry["id"].isdigit()}
    next_plan = (plans.next_in_queue(plan) if current_user.is_staff
                 and plan.status != "submitted" else None)
    return render_template("plans/view.html", plan=plan, events=events, staged=staged,
                           added=added, action_form=ActionForm(), next_plan=next_plan,
                           staged_fields=staged_fields)


@bp.post("/plans/<int:plan_id>/submit")
@login_required
def submit(plan_id: int):
    plan = get_plan_or_404(plan_id)
    if not plan.is_author(current_user) or not plan.is_open:  # archived: read-only
        abort(403)
    if ActionForm().validate_on_submit() and _decide(plan, plans.submit):
        flash(_("The plan was submitted to headquarters."), "success")
    return redirect(url_for("plans.view", plan_id=plan.id))


@bp.post("/plans/<int:plan_id>/amend")
@login_required
def amend(plan_id: int):
    plan = get_plan_or_404(plan_id)
    if not plan.is_author(current_user) or not plan.is_open:  # archived: read-only
        abort(403)
    if ActionForm().validate_on_submit() and _decide(plan, plans.open_amendment):
        flash(_("An amendment was opened. Others see the plan in force until it is approved."),
              "success")
    return redirect(url_for("plans.view", plan_id=plan.id))


@bp.get("/plans/review")
@role_required("admin", "hq")
def queue():
    now = datetime.now(UTC)
    return render_template("plans/queue.html", rows=plans.review_queue(), now=now)


@bp.get("/plans/<int:plan_id>/review")
@role_required("admin", "hq")
def review(plan_id: int):
    plan = get_plan_or_404(plan_id)
    return _review_page(plan, ApproveForm(), ReturnForm())


def _review_page(plan: Plan, approve_form: ApproveForm, return_form: ReturnForm, status=200):
    events = plans.plan_events(plan)
    diff = amendments.proposed_diff(plan, events) if plan.is_amendment else None
    return render_template("plans/review.html", plan=plan, events=events, diff=diff,
                           approve_form=approve_form, return_form=return_form), status


@bp.post("/plans/<int:plan_id>/approve")
@role_required("admin", "hq")
def approve(plan_id: int):
    plan = get_plan_or_404(plan_id)
    if not plan.is_open:  # archived programme: read-only
        abort(403)
    form = ApproveForm()
    if form.validate_on_submit():
        if _decide(plan, plans.approve, form.act.data, form.act_date.data):
            flash(_("The plan was approved."), "success")
        return redirect(url_for("plans.view", plan_id=plan.id))
    return _review_page(plan, form, ReturnForm(formdata=None), 422)


@bp.post("/plans/<int:plan_id>/return")
@role_required("admin", "hq")
def return_plan(plan_id: int):
    plan = get_plan_or_404(plan_id)
    if not plan.is_open:  # archived programme: read-only
        abort(403)
    form = ReturnForm()
    if form.validate_on_submit():
        if _decide(plan, plans.return_plan, form.comment.data):
            flash(_("The plan was returned to its authors."), "success")
        return redirect(url_for("plans.view", plan_id=plan.id))
    return _review_page(plan, ApproveForm(formdata=None), form, 422)


@bp.get("/plans/<int:plan_id>/history")
@login_required
def history(plan_id: int):
    plan = get_plan_or_404(plan_id)
    rows = plans.history(plan)
    conflicts = plans.act_conflicts([r["revision"] for r in rows])
    return render_template("plans/history.html", plan=plan, rows=rows, conflicts=conflicts,
                           entries=plans.plan_audit(plan))


@bp.post("/plans/changes/<int:change_id>/discard")
@login_required
def discard_change(change_id: int):
    change = db.session.get(EventChange, change_id)
    if change is None:
        abort(404)
    plan = get_plan_or_404(change.plan_id)
    if not plan.can_edit_events(current_user):
        abort(403)
    if ActionForm().validate_on_submit():
        amendments.discard(change, current_user)
        flash(_("The staged change was discarded."), "success")
    return redirect(url_for("plans.view", plan_id=plan.id))


@bp.post("/programmes/<slug>/plans")
@role_required("coordinator", "hq", "admin")
def create(slug: str):
    programme = get_programme_or_404(slug)
    agency = current_user.agency
    if agency is None or not ActionForm().validate_on_submit():
        abort(400)
    try:
        plan = plans.create_plan(programme, agency, current_user)
    except DomainError as exc:
        flash(exc.message, "danger")
        return redirect(url_for("programmes.overview", slug=slug))
    return redirect(url_for("plans.view", plan_id=plan.id))
