"""Completion reports, the reporting side: the form, the report page and its files."""

from __future__ import annotations

import io
import os

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventplan.blueprints.completion.forms import ActionForm, ReportForm, UploadForm
from eventplan.blueprints.events.views import get_event_or_404
from eventplan.errors import render_error
from eventplan.extensions import db
from eventplan.models import CompletionReport, Event, Plan, ReportAttachment
from eventplan.services import output_names
from eventplan.services.completion import attachments, filing, review
from eventplan.services.deadlines import programme_today
from eventplan.services.errors import NotAllowed, StaleVersion, ValidationError
from eventplan.storage import get_storage
from eventplan.utils import form_error

bp = Blueprint("completion", __name__)


def get_report_or_404(report_id: int) -> CompletionReport:
    """The report if the user may see it; 404 otherwise (its existence is not disclosed)."""
    report = db.session.scalar(
        select(CompletionReport).where(CompletionReport.id == report_id).options(
            selectinload(CompletionReport.event).selectinload(Event.plan)
            .selectinload(Plan.programme),
            selectinload(CompletionReport.event).selectinload(Event.coexecutors),
            selectinload(CompletionReport.agency), selectinload(CompletionReport.outputs),
            selectinload(CompletionReport.attachments),
        ))
    if report is None or not report.can_view(current_user):
        abort(404)
    g.programme_tz = report.event.plan.programme.timezone
    return report


def get_attachment_or_404(attachment_id: int) -> ReportAttachment:
    attachment = db.session.get(ReportAttachment, attachment_id)
    if attachment is None:
        abort(404)
    get_report_or_404(attachment.report_id)  # the same access check as the report page
    return attachment


def render_report(report: CompletionReport, upload_form: UploadForm | None = None):
    return render_template(
        "completion/view.html", report=report, event=report.event,
        history=filing.report_history(report),
        can_edit=report.can_edit(current_user),
        next_report=(review.next_in_queue(report) if current_user.is_staff
                     and report.status != "submitted" else None),
        upload_form=upload_form or UploadForm(), action_form=ActionForm(),
        max_files=attachments.MAX_FILES)


@bp.route("/events/<int:event_id>/report", methods=["GET", "POST"])
@login_required
def report_form(event_id: int):
    event = get_event_or_404(event_id)
    if not event.can_report(current_user):
        abort(403)
    report = filing.find_report(event, current_user.agency_id)
    if report is not None and not report.is_editable:
        if request.method == "GET":
            flash(filing.not_editable_message(report), "info")
            return redirect(url_for(".view_report", report_id=report.id))
        return render_error(409, filing.not_editable_message(report))
    form = ReportForm()
    status = 200
    if request.method == "GET":
        if report is not None:
            form.fill(report)
        else:
            form.prefill_from_plan(event)
    elif not form.validate_on_submit() or not (form.save_draft.data or form.submit_report.data):
        status = 422
    else:
        status = 422
        expected = form.expected_version()
        try:
            if report is None and expected is None:
                report = filing.open_report(event, current_user)
                expected = report.version
            elif report is None:
                raise StaleVersion(_("This report no longer exists; reload the page."))
            filing.save_draft(report, current_user, form.to_data(), expected,
                               programme_today(event.plan.programme),
                               submitting=bool(form.submit_report.data))
            _attach_uploads(report)
            if form.submit_report.data:
                filing.submit_report(report, current_user, report.version)
        except StaleVersion as exc:
            flash(exc.message, "danger")
            status = 409
        except ValidationError as exc:
            # Nothing was saved: the page must not show a report (a "Draft" badge) that the
            # rollback removes.
            db.session.rollback()
            report = filing.find_report(event, current_user.agency_id)
            for error in getattr(exc, "errors", [exc]):
                form_error(form, error)
        except NotAllowed as exc:
            return render_error(409, exc.message)
        else:
            flash(_("The report was submitted for review.") if form.submit_report.data
                  else _("The draft was saved."), "success")
            return redirect(url_for(".view_report", report_id=report.id))
    form.pad_outputs()
    return render_template("completion/form.html", form=form, event=event, report=report,
                           programme=event.plan.programme, problems=form.problems(),
                           known_outputs=output_names.suggestions()), status


def _attach_uploads(report: CompletionReport) -> None:
    """Files chosen on the form itself are kept with the draft in the same request."""
    for upload_file in request.files.getlist("files"):
        if not upload_file or not upload_file.filename:
            continue
        try:
            attachments.add_attachment(report, current_user, upload_file.stream,
                                       upload_file.filename, get_storage())
        except ValidationError as exc:
            raise ValidationError(exc.message, "files") from None


@bp.get("/completion/<int:report_id>")
@login_required
def view_report(report_id: int):
    return render_report(get_report_or_404(report_id))


@bp.post("/completion/<int:report_id>/submit")
@login_required
def submit(report_id: int):
    """Submit for review from the report page, where the draft and its files are checked."""
    report = get_report_or_404(report_id)
    if not report.can_edit(current_user):
        abort(403)
    version = request.form.get("version", "")
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        filing.submit_report(report, current_user, int(version) if version.isdigit() else None)
    except (StaleVersion, ValidationError) as exc:
        db.session.rollback()
        flash(exc.message, "danger")
        return redirect(url_for(".report_form", event_id=report.event_id)
                        if isinstance(exc, ValidationError) else
                        url_for(".view_report", report_id=report_id))
    flash(_("The report was submitted for review."), "success")
    return redirect(url_for(".view_report", report_id=report_id))


@bp.post("/completion/<int:report_id>/attachments")
@login_required
def upload(report_id: int):
    report = get_report_or_404(report_id)
    if not report.is_reporter(current_user):
        abort(403)
    form = UploadForm()
    upload_file = request.files.get("file")
    try:
        if not report.is_editable:
            raise NotAllowed(filing.not_editable_message(report))
        if not form.validate_on_submit() or upload_file is None or not upload_file.filename:
            raise ValidationError(_("Choose a file to upload."), "file")
        attachment = attachments.add_attachment(report, current_user, upload_file.stream,
                                                upload_file.filename, get_storage())
    except NotAllowed as exc:
        return render_error(409, exc.message)
    except ValidationError as exc:
        form_error(form, exc)
        return render_report(report, form), 422
    flash(_("The file %(name)s was added.", name=attachment.original_name), "success")
    return redirect(url_for(".view_report", report_id=report.id))


@bp.post("/completion/<int:report_id>/attachments/<int:attachment_id>/delete")
@login_required
def delete_attachment(report_id: int, attachment_id: int):
    report = get_report_or_404(report_id)
    attachment = db.session.get(ReportAttachment, attachment_id)
    if attachment is None or attachment.report_id != report.id:
        abort(404)
    if not report.is_reporter(current_user):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        attachments.delete_attachment(attachment, current_user, get_storage())
    except NotAllowed as exc:
        return render_error(409, exc.message)
    flash(_("The file was removed."), "success")
    return redirect(url_for(".view_report", report_id=report.id))


def _file_response(key: str, etag: str, content_type: str, name: str, as_attachment: bool):
    data = get_storage().read(key)  # through the app, after the caller's access check
    if data is None:
        abort(404)
    response = send_file(io.BytesIO(data), mimetype=content_type, as_attachment=as_attachment,
                         download_name=name, max_age=0, conditional=True, etag=etag)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.get("/completion/attachments/<int:attachment_id>")
@login_required
def download(attachment_id: int):
    attachment = get_attachment_or_404(attachment_id)
    return _file_response(attachments.file_key(attachment), attachment.sha256,
                          attachment.content_type, attachments.download_name(attachment),
                          as_attachment=True)


@bp.get("/completion/attachments/<int:attachment_id>/thumb")
@login_required
def thumbnail(attachment_id: int):
    attachment = get_attachment_or_404(attachment_id)
    if not attachment.is_image:
        abort(404)
    stem = os.path.splitext(attachments.download_name(attachment))[0]
    return _file_response(attachments.thumb_key(attachment), f"{attachment.sha256}-thumb",
                          "image/jpeg",
                          f"{stem}-thumb.jpg", as_attachment=False)
