"""Headquarters' queue of submitted completion reports: accept, return, accept in bulk."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from eventplan.blueprints.completion.review_forms import (
    AcceptForm,
    BulkForm,
    ReturnReportForm,
    selection,
    version_of,
)
from eventplan.blueprints.completion.tasks import filter_choices, filters_from_args
from eventplan.blueprints.completion.views import bp
from eventplan.blueprints.programmes.current import chosen_programme
from eventplan.errors import render_error
from eventplan.extensions import db
from eventplan.models import CompletionReport, Event
from eventplan.permissions import role_required
from eventplan.services.completion import review
from eventplan.services.errors import NotAllowed, StaleVersion, ValidationError
from eventplan.utils import arg_page, form_error


@bp.get("/completion/review")
@role_required("hq", "admin")
def queue():
    filters = filters_from_args()
    page = db.paginate(review.queue_statement(**filters), page=arg_page(),
                       per_page=review.QUEUE_PER_PAGE, error_out=False)
    return render_template("completion/queue.html", page=page, filters=filters,
                           choices=filter_choices(chosen_programme()),
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
    return redirect(url_for("completion.queue", **keep))


@bp.post("/completion/<int:report_id>/accept")
@role_required("hq", "admin")
def accept(report_id: int):
    report = _report_or_404(report_id)
    form = AcceptForm()
    if not form.validate_on_submit():
        return render_error(422, _("The decision could not be read. Reload the queue."))
    try:
        held = review.accept(report, current_user, version_of(form), form.comment.data)
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
            review.return_report(report, current_user, form.comment.data,
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
    return render_template("completion/return.html", report=report, form=form), 422


@bp.post("/completion/bulk-accept")
@role_required("hq", "admin")
def bulk_accept():
    if not BulkForm().validate_on_submit():
        return render_error(400, _("The form has expired. Reload the page and try again."))
    picked = selection(request.form.getlist("report"))
    if not picked:
        flash(_("Select at least one report."), "warning")
        return _back()
    result = review.bulk_accept(picked, current_user)
    return render_template("completion/bulk_result.html", result=result)
