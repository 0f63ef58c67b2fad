"""Notifications: the bell and list, preferences, the admin outbox and reminder settings."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventplan import mail
from eventplan.blueprints.reminders.forms import (
    KIND_LABELS,
    MODE_LABELS,
    OUTBOX_STATUS_LABELS,
    ActionForm,
    PreferencesForm,
    SettingsForm,
)
from eventplan.extensions import db
from eventplan.models import Notification, Programme
from eventplan.models.notification import ESCALATIONS, NOTIFICATION_KINDS
from eventplan.permissions import role_required
from eventplan.services import notifications as service
from eventplan.services import outbox
from eventplan.services.errors import DomainError
from eventplan.services.messages import describe, escalation_sections
from eventplan.services.reminders import settings_for
from eventplan.utils import arg_int, form_error, safe_next

bp = Blueprint("reminders", __name__)


@bp.app_context_processor
def bell():
    """Callables, so a page pays for the COUNT only when its template asks."""

    def unread_notifications() -> int:
        if not current_user.is_authenticated:
            return 0
        return service.unread_count(current_user)

    def scheduler_warning() -> bool:
        from eventplan.scheduler import heartbeat_is_stale

        return current_user.is_authenticated and current_user.role == "admin" \
            and heartbeat_is_stale()

    return {"unread_notifications": unread_notifications, "scheduler_warning": scheduler_warning}


def _lang() -> str:
    from flask_babel import get_locale

    return str(get_locale() or "en")


@bp.get("/notifications")
@login_required
def index():
    page = db.paginate(service.user_notifications(current_user), page=arg_int("page") or 1,
                       per_page=50, error_out=False)
    lang = _lang()
    rows = [(n, describe(n, lang)) for n in page.items]
    return render_template("reminders/notifications.html", page=page, rows=rows,
                           kind_labels=KIND_LABELS, form=ActionForm())


@bp.get("/notifications/<int:notification_id>")
@login_required
def open_notification(notification_id: int):
    n = service.get_own(current_user, notification_id)
    if n is None:
        abort(404)
    service.mark_read(n)
    if n.kind == ESCALATIONS:  # one notice for a sweep's escalations: the page lists them
        lang = _lang()
        subject, paragraphs = describe(n, lang)
        return render_template("reminders/escalations.html", n=n, subject=subject,
                               paragraphs=paragraphs,
                               sections=escalation_sections(outbox.carried(n), lang))
    return redirect(safe_next(n.link) or url_for("reminders.index"))


@bp.post("/notifications/read")
@login_required
def read_all():
    if ActionForm().validate_on_submit():
        service.mark_all_read(current_user)
    return redirect(url_for("reminders.index"))


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def preferences():
    pref = service.preference_for(current_user)
    form = PreferencesForm(data={"digest_hour": pref.digest_hour,
                                 **{f"mode_{k}": pref.mode(k) for k in NOTIFICATION_KINDS}}
                           if request.method == "GET" else None)
    locked = service.locked_kinds(current_user)
    for kind in locked:
        getattr(form, f"mode_{kind}").choices = [
            (code, label) for code, label in MODE_LABELS.items() if code != "off"]
    if form.validate_on_submit():
        try:
            service.save_preferences(current_user._get_current_object(), form.digest_hour.data,
                                     {k: getattr(form, f"mode_{k}").data
                                      for k in NOTIFICATION_KINDS})
        except DomainError as exc:
            form_error(form, exc)
        else:
            flash(_("Your notification preferences were saved."), "success")
            return redirect(url_for("reminders.preferences"))
    return render_template("reminders/preferences.html", form=form, locked=locked), (
        422 if request.method == "POST" else 200)


@bp.get("/admin/outbox")
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
    page = db.paginate(stmt, page=arg_int("page") or 1, per_page=100, error_out=False)
    files = [] if current_app.config.get("MAIL_SERVER") else \
        mail.outbox_files(current_app.instance_path)
    return render_template("reminders/outbox.html", page=page, status=status, counts=counts,
                           labels=OUTBOX_STATUS_LABELS, kind_labels=KIND_LABELS, files=files,
                           form=ActionForm())


@bp.post("/admin/outbox/<int:notification_id>/retry")
@role_required("admin")
def retry(notification_id: int):
    n = db.session.get(Notification, notification_id)
    if n is None or n.channel != "email":
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    outbox.retry(n, current_user)
    flash(_("The message will be sent again shortly."), "success")
    return redirect(url_for("reminders.outbox_page", status="pending"))


@bp.get("/admin/outbox/files/<name>")
@role_required("admin")
def outbox_file(name: str):
    if not mail.EML_NAME.match(name):
        abort(404)
    path = mail.outbox_dir(current_app.instance_path) / name
    if not path.is_file():
        abort(404)
    return Response(path.read_bytes(), mimetype="text/plain",
                    headers={"X-Content-Type-Options": "nosniff"})


@bp.route("/admin/reminders/<slug>", methods=["GET", "POST"])
@role_required("admin")
def settings(slug: str):
    programme = db.session.scalar(select(Programme).where(Programme.slug == slug))
    if programme is None:
        abort(404)
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
                version=int(form.version.data) if (form.version.data or "").isdigit() else None)
        except DomainError as exc:
            form_error(form, exc)
        else:
            flash(_("The reminder settings were saved."), "success")
            return redirect(url_for("reminders.settings", slug=slug))
    return render_template("reminders/settings.html", form=form, programme=programme), (
        422 if request.method == "POST" else 200)
