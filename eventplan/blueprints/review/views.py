"""My tasks, and headquarters' queue of submitted completion reports."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from eventplan.blueprints.programme_admin.current import chosen_programme
from eventplan.blueprints.review import nav
from eventplan.blueprints.review.forms import (
    AcceptForm,
    BulkForm,
    ReturnReportForm,
    selection,
    version_of,
)
from eventplan.errors import render_error
from eventplan.extensions import db
from eventplan.models import Agency, CompletionReport, Event, Programme, Region, Section
from eventplan.permissions import role_required
from eventplan.services import report_review, tasks
from eventplan.services.deadlines import programme_today
from eventplan.services.errors import NotAllowed, StaleVersion, ValidationError
from eventplan.utils import arg_int, form_error

bp = Blueprint("review", __name__)


def _filters() -> dict[str, int | None]:
    return {"agency_id": arg_int("agency"), "region_id": arg_int("region"),
            "section_id": arg_int("block")}


def _choices(programme: Programme | None) -> dict[str, list]:
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


def _group_url(name: str, number: int) -> str:
    args = {k: v for k, v in request.args.items() if k != f"p_{name}"}
    return url_for("review.my_tasks", **args, **{f"p_{name}": number}) + f"#{name}"


@bp.get("/tasks")
@role_required("coordinator", "hq", "admin")
def my_tasks():
    slug = request.args.get("programme")
    programme = (db.session.scalar(select(Programme).where(Programme.slug == slug))
                 if slug else chosen_programme())
    if programme is None:
        abort(404)
    g.programme_tz = programme.timezone
    try:
        scope = tasks.scope_for(current_user, **_filters())
    except NotAllowed:
        abort(403)
    today = programme_today(programme, nav.clock())
    pages = {name: arg_int(f"p_{name}") or 1 for name in tasks.GROUPS}
    groups = tasks.task_groups(programme, today, scope, pages)
    return render_template(
        "review/tasks.html", programme=programme, today=today, groups=groups, scope=scope,
        choices=_choices(programme) if current_user.is_staff else None,
        upcoming_days=tasks.UPCOMING_DAYS, group_url=_group_url)


@bp.get("/completion/review")
@role_required("hq", "admin")
def queue():
    filters = _filters()
    page = db.paginate(report_review.queue_statement(**filters), page=arg_int("page") or 1,
                       per_page=report_review.QUEUE_PER_PAGE, error_out=False)
    return render_template("review/queue.html", page=page, filters=filters,
                           choices=_choices(chosen_programme()),
                           bulk_form=BulkForm(), return_form=ReturnReportForm(formdata=None))


def _report_or_404(report_id: int) -> CompletionReport:
    report = db.session.scalar(select(CompletionReport).where(
        CompletionReport.id == report_id).options(
        joinedload(CompletionReport.event).joinedload(Event.plan),
        joinedload(CompletionReport.agency)))
    if report is None:
        abort(404)
    return report


def _back(report: CompletionReport | None = None):
    if report is not None and request.args.get("from") == "report":
        return redirect(url_for("completion.view_report", report_id=report.id))
    keep = {k: v for k, v in request.args.items() if k in {"agency", "region", "block", "page"}}
    return redirect(url_for("review.queue", **keep))


@bp.post("/completion/<int:report_id>/accept")
@role_required("hq", "admin")
def accept(report_id: int):
    report = _report_or_404(report_id)
    form = AcceptForm()
    if not form.validate_on_submit():
        return render_error(422, _("The decision could not be read. Reload the queue."))
    try:
        held = report_review.accept(report, current_user, version_of(form), form.comment.data)
    except StaleVersion as exc:
        return render_error(409, exc.message)
    except NotAllowed as exc:  # an archived programme
        return render_error(403, exc.message)
    event = report.event
    if held:
        flash(_("The report was accepted and event %(n)s is marked held.", n=event.number),
              "success")
    elif report.outcome == "not_held":
        flash(_("The report was accepted: event %(n)s was not held. Postpone or cancel it.",
                n=event.number), "warning")
        return redirect(url_for("events.view", event_id=event.id))
    else:
        flash(_("The report was accepted."), "success")
    return _back(report)


@bp.post("/completion/<int:report_id>/return")
@role_required("hq", "admin")
def return_report(report_id: int):
    report = _report_or_404(report_id)
    form = ReturnReportForm()
    if form.validate_on_submit():
        try:
            report_review.return_report(report, current_user, form.comment.data,
                                        version_of(form))
        except StaleVersion as exc:
            return render_error(409, exc.message)
        except NotAllowed as exc:  # an archived programme
            return render_error(403, exc.message)
        except ValidationError as exc:
            db.session.rollback()
            form_error(form, exc)
        else:
            flash(_("The report was returned to %(agency)s.", agency=report.agency.name),
                  "success")
            return _back(report)
    return render_template("review/return.html", report=report, form=form), 422


@bp.post("/completion/bulk-accept")
@role_required("hq", "admin")
def bulk_accept():
    if not BulkForm().validate_on_submit():
        return render_error(400, _("The form has expired. Reload the page and try again."))
    picked = selection(request.form.getlist("report"))
    if not picked:
        flash(_("Select at least one report."), "warning")
        return _back()
    result = report_review.bulk_accept(picked, current_user)
    return render_template("review/bulk_result.html", result=result)
