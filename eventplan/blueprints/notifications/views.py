"""Notifications: the list behind the bell, opening one, marking all read."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    redirect,
    render_template,
    url_for,
)
from flask_login import current_user, login_required

from eventplan.blueprints.notifications.forms import (
    KIND_LABELS,
    ActionForm,
)
from eventplan.extensions import db
from eventplan.models.notification import ESCALATIONS
from eventplan.services import notifications as service
from eventplan.services import outbox
from eventplan.services.messages import describe, escalation_sections
from eventplan.utils import arg_page, safe_next

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def _lang() -> str:
    from flask_babel import get_locale

    return str(get_locale() or "en")


@bp.get("")
@login_required
def index():
    page = db.paginate(service.user_notifications(current_user), page=arg_page(),
                       per_page=50, error_out=False)
    lang = _lang()
    rows = [(n, describe(n, lang)) for n in page.items]
    return render_template("notifications/notifications.html", page=page, rows=rows,
                           kind_labels=KIND_LABELS, form=ActionForm())


@bp.get("/<int:notification_id>")
@login_required
def open_notification(notification_id: int):
    n = service.get_own(current_user, notification_id)
    if n is None:
        abort(404)
    service.mark_read(n)
    if n.kind == ESCALATIONS:  # one notice for a sweep's escalations: the page lists them
        lang = _lang()
        subject, paragraphs = describe(n, lang)
        return render_template("notifications/escalations.html", n=n, subject=subject,
                               paragraphs=paragraphs,
                               sections=escalation_sections(outbox.carried(n), lang))
    return redirect(safe_next(n.link) or url_for("notifications.index"))


@bp.post("/read")
@login_required
def read_all():
    if ActionForm().validate_on_submit():
        service.mark_all_read(current_user)
    return redirect(url_for("notifications.index"))


