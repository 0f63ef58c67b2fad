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
from werkzeug.exceptions import RequestEntityTooLarge

from eventplan import parsing
from eventplan.blueprints.plan_io.forms import ConfirmForm, UploadForm
from eventplan.blueprints.plans.views import get_plan_or_404
from eventplan.errors import render_error
from eventplan.extensions import csrf, db
from eventplan.models import Plan
from eventplan.services import plan_io
from eventplan.services.errors import DomainError, NotAllowed
from eventplan.services.plan_io import uploads

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
    return render_template("plan_io/preview.html", plan=plan, preview=preview, form=form,
                           message=message), status


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
    if not preview.errors and any(a.kind != "unchanged" for a in preview.actions):
        token = uploads.store(_folder(), current_user.id, plan.id, content, filename)
    return _preview_page(plan, preview, token)


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
