"""Plan export to XLSX and import from a spreadsheet: upload, preview, confirm."""

from __future__ import annotations

import io
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge

from eventplan import parsing
from eventplan.blueprints.plan_io.forms import (
    AgencyMapForm,
    ConfirmForm,
    NewPlanForm,
    UploadForm,
)
from eventplan.blueprints.plans.views import get_plan_or_404
from eventplan.errors import render_error
from eventplan.extensions import csrf, db
from eventplan.models import Agency, Plan, Programme
from eventplan.services import plan_io, plans
from eventplan.services.errors import DomainError, NotAllowed
from eventplan.services.plan_io import aliases, uploads
from eventplan.services.plan_io.described import describe

bp = Blueprint("plan_io", __name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload_limit() -> int:
    """The import limit, never above the application's own request limit."""
    limit = int(current_app.config.get("PLAN_IMPORT_MAX_BYTES") or plan_io.MAX_BYTES)
    app_limit = current_app.config.get("MAX_CONTENT_LENGTH")
    return min(limit, int(app_limit)) if app_limit else limit


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


def _folder() -> Path:
    return Path(current_app.instance_path) / "imports"


def _importable_plan(plan_id: int) -> Plan:
    plan = get_plan_or_404(plan_id)
    try:
        plan_io.check_can_import(plan, current_user)
    except plan_io.PlanClosed as exc:
        abort(make_response(render_error(409, exc.message)))
    except NotAllowed:
        abort(403)
    return plan


def _upload_page(plan: Plan, form: UploadForm, status: int = 200, message: str | None = None):
    return render_template("plan_io/import.html", plan=plan, form=form, message=message,
                           limit_mb=_mb(upload_limit())), status


def _too_large(plan: Plan):
    message = _("The file is larger than %(n)s MB. Split the plan into smaller files.",
                n=_mb(upload_limit()))
    return _upload_page(plan, UploadForm(formdata=None), 413, message)


def _preview_page(plan: Plan, preview, token: str, status: int = 200,
                  message: str | None = None):
    form = ConfirmForm(formdata=None, token=token, digest=preview.digest())
    unknown = preview.unknown_agencies
    return render_template(
        "plan_io/preview.html", plan=plan, preview=preview, form=form,
        described=describe(preview, plan), message=message, unknown=unknown,
        map_form=AgencyMapForm(formdata=None, token=token) if unknown and token else None,
        agencies=aliases.agency_choices() if unknown else [],
        may_create=aliases.may_create_agencies(current_user), new_choice=aliases.NEW), status


@bp.get("/plans/<int:plan_id>/export.xlsx")
@login_required
def export(plan_id: int):
    plan = get_plan_or_404(plan_id)  # 404 unless plan.can_view, the rule can_export follows
    content = plan_io.export_plan(plan, str(get_locale() or "ru"))
    return send_file(io.BytesIO(content), mimetype=XLSX, as_attachment=True,
                     download_name=plan_io.export_filename(plan))


@bp.get("/plans/<int:plan_id>/import")
@login_required
def upload_form(plan_id: int):
    return _upload_page(_importable_plan(plan_id), UploadForm())


@bp.post("/plans/<int:plan_id>/import")
@csrf.exempt  # checked by the form, after the size check (a too-large body is never parsed)
@login_required
def upload(plan_id: int):
    plan = _importable_plan(plan_id)
    limit = upload_limit()
    if request.content_length is not None and request.content_length > limit + 64 * 1024:
        return _too_large(plan)
    try:
        form = UploadForm()
        valid = form.validate_on_submit()
    except RequestEntityTooLarge:
        return _too_large(plan)
    if not valid:
        return _upload_page(plan, form, 422)
    content = form.file.data.read(limit + 1)
    if len(content) > limit:
        return _too_large(plan)
    filename = parsing.file_name(form.file.data.filename, "upload", 200)
    try:
        preview = plan_io.preview_import(plan, current_user, content, filename, max_bytes=limit)
    except plan_io.BadFile as exc:
        return _upload_page(plan, form, 422, exc.message)
    token = ""
    if preview.unknown_agencies or (
            not preview.errors and any(a.kind != "unchanged" for a in preview.actions)):
        token = uploads.store(_folder(), current_user.id, plan.id, content, filename)
    return _preview_page(plan, preview, token)


@bp.post("/plans/<int:plan_id>/import/agencies")
@login_required
def map_agencies(plan_id: int):
    """Map the preview's unknown agency names (remembered as aliases), then preview again."""
    plan = _importable_plan(plan_id)
    form = AgencyMapForm()
    mappings = form.mappings() if form.validate_on_submit() else None
    if mappings is None:
        abort(400)
    stored = uploads.load(_folder(), form.token.data, current_user.id, plan.id)
    if stored is None:
        flash(_("The uploaded file is no longer available; upload it again."), "warning")
        return redirect(url_for("plan_io.upload_form", plan_id=plan.id))
    status, message = 200, None
    try:
        mapped = aliases.map_unknown(plan, current_user, mappings)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        status, message, mapped = 422, exc.message, 0
    if mapped:
        flash(_("Names remembered: %(n)d. Later imports will recognise them too.",
                n=mapped), "success")
    content, filename = stored
    preview = plan_io.preview_import(plan, current_user, content, filename,
                                     max_bytes=upload_limit())
    return _preview_page(plan, preview, form.token.data, status, message)


@bp.post("/plans/<int:plan_id>/import/confirm")
@login_required
def confirm(plan_id: int):
    plan = _importable_plan(plan_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    token = form.token.data
    stored = uploads.load(_folder(), token, current_user.id, plan.id)
    if stored is None:
        flash(_("The uploaded file is no longer available; upload it again."), "warning")
        return redirect(url_for("plan_io.upload_form", plan_id=plan.id))
    content, filename = stored
    try:
        preview = plan_io.commit_import(plan, current_user, content, filename,
                                        max_bytes=upload_limit(), expected_digest=form.digest.data)
    except (plan_io.ImportRefused, plan_io.StalePreview) as exc:
        db.session.rollback()
        return _preview_page(plan, exc.preview, token, 409, exc.message)
    except plan_io.BadFile as exc:
        db.session.rollback()
        return _upload_page(plan, UploadForm(formdata=None), 422, exc.message)
    except DomainError as exc:
        db.session.rollback()
        uploads.discard(_folder(), token)
        return render_error(409, exc.message)
    uploads.discard(_folder(), token)
    flash(_("Import done: %(c)d created, %(u)d changed, %(n)d unchanged.",
            c=preview.count("create"), u=preview.count("change"), n=preview.count("unchanged")),
          "success")
    if plan.is_amendment:
        flash(_("The changes are staged in the amendment until headquarters approves it."),
              "info")
    return redirect(url_for("plans.view", plan_id=plan.id))


def _new_plan_page(form: NewPlanForm, status: int = 200, message: str | None = None):
    return render_template("plan_io/new_plan.html", form=form, message=message,
                           limit_mb=_mb(upload_limit())), status


@bp.route("/plans/new-from-table", methods=["GET", "POST"])
@csrf.exempt  # checked by the form, after the size check
@login_required
def new_plan():
    """Create a plan draft from an uploaded table: the draft, then the import preview."""
    if current_user.role not in ("coordinator", "hq", "admin"):
        abort(403)
    limit = upload_limit()
    if request.content_length is not None and request.content_length > limit + 64 * 1024:
        abort(413)
    form = NewPlanForm()
    form.programme.choices = [(p.id, p.name) for p in db.session.scalars(
        select(Programme).order_by(Programme.starts_on.desc()))]
    agencies = aliases.agency_choices() if current_user.role == "admin" else [
        a for a in [db.session.get(Agency, current_user.agency_id or 0)] if a]
    if current_user.role == "hq":
        agencies = list(db.session.scalars(select(Agency).where(Agency.code == "HQ")))
    form.agency.choices = [(a.id, a.display_name()) for a in agencies]
    if request.method == "GET":
        return _new_plan_page(form)
    if not form.validate_on_submit():
        return _new_plan_page(form, 422)
    content = form.file.data.read(limit + 1)
    if len(content) > limit:
        return _new_plan_page(form, 413, _("The file is larger than %(n)s MB. Split the plan "
                                           "into smaller files.", n=_mb(limit)))
    filename = form.file.data.filename or "upload"
    try:
        plan = plans.create_plan(db.session.get(Programme, form.programme.data),
                                 db.session.get(Agency, form.agency.data), current_user)
        preview = plan_io.preview_import(plan, current_user, content, filename,
                                         max_bytes=limit)
    except DomainError as exc:  # BadFile, a plan that exists already, not the author
        db.session.rollback()
        return _new_plan_page(form, 422, exc.message)
    db.session.commit()
    flash(_("The plan draft was created. Check what the table gives and confirm the import."),
          "success")
    token = uploads.store(_folder(), current_user.id, plan.id, content, filename)
    return _preview_page(plan, preview, token)
