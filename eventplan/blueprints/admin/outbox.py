"""Administration of the mail: the outbox (retry, files written without a mail server) and
each programme's reminder settings."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventplan import mail, parsing
from eventplan.blueprints.admin.views import bp
from eventplan.blueprints.notifications.forms import (
    KIND_LABELS,
    OUTBOX_STATUS_LABELS,
    ActionForm,
    SettingsForm,
)
from eventplan.blueprints.programmes.views import get_programme_or_404
from eventplan.extensions import db
from eventplan.models import Notification
from eventplan.permissions import role_required
from eventplan.services import notifications as service
from eventplan.services import outbox
from eventplan.services.errors import DomainError
from eventplan.services.reminders import settings_for
from eventplan.utils import arg_page, form_error


@bp.get("/outbox")
@role_required("admin")
def outbox_page():
    status = request.args.get("status", "pending")
    if status not in OUTBOX_STATUS_LABELS:
        status = "pending"
    counts = dict(db.session.execute(
        select(Notification.status, func.count(Notification.id))
        .where(Notification.channel == "email", Notification.delivery == "now")
        .group_by(Notification.status)).all())
    stmt = (select(Notification).options(selectinload(Notification.user))
            .where(Notification.channel == "email", Notification.delivery == "now",
                   Notification.status == status)
            .order_by(Notification.created_at.desc(), Notification.id.desc()))
    page = db.paginate(stmt, page=arg_page(), per_page=100, error_out=False)
    files = [] if current_app.config.get("MAIL_SERVER") else \
        mail.outbox_files(current_app.instance_path)
    return render_template("admin/outbox.html", page=page, status=status, counts=counts,
                           labels=OUTBOX_STATUS_LABELS, kind_labels=KIND_LABELS, files=files,
                           form=ActionForm())


@bp.post("/outbox/<int:notification_id>/retry")
@role_required("admin")
def outbox_retry(notification_id: int):
    n = db.session.get(Notification, notification_id)
    if n is None or n.channel != "email":
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    outbox.retry(n, current_user)
    flash(_("The message will be sent again shortly."), "success")
    return redirect(url_for("admin.outbox_page", status="pending"))


@bp.get("/outbox/files/<name>")
@role_required("admin")
def outbox_file(name: str):
    if not mail.EML_NAME.match(name):
        abort(404)
    path = mail.outbox_dir(current_app.instance_path) / name
    if not path.is_file():
        abort(404)
    return Response(path.read_bytes(), mimetype="text/plain",
                    headers={"X-Content-Type-Options": "nosniff"})


@bp.route("/reminders/<slug>", methods=["GET", "POST"])
@role_required("admin")
def reminder_settings(slug: str):
    programme = get_programme_or_404(slug)
    current = settings_for(programme)
    form = SettingsForm(obj=current if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            service.save_settings(
                current_user, programme, enabled=form.enabled.data,
                upcoming_days=form.upcoming_days.data or "",
                overdue_repeat_days=form.overdue_repeat_days.data,
                escalation_days=form.escalation_days.data,
                review_wait_days=form.review_wait_days.data,
                version=parsing.to_int(form.version.data))
        except DomainError as exc:
            form_error(form, exc)
        else:
            flash(_("The reminder settings were saved."), "success")
            return redirect(url_for("admin.reminder_settings", slug=slug))
    return render_template("admin/reminder_settings.html", form=form, programme=programme), (
        422 if request.method == "POST" else 200)
