"""Headquarters marks an event as key: it then leads the progress report's highlights."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventplan.blueprints.events.views import bp, get_event_or_404
from eventplan.blueprints.plans.forms import ActionForm
from eventplan.permissions import require
from eventplan.services.document import requisites


def context() -> dict:
    """For the event page (registered by templating.init_app)."""

    def key_mark(event) -> dict:
        """What the event page shows: whether the event is key and who may change it."""
        return {"is_key": requisites.is_key(event),
                "can_mark": requisites.can_mark(current_user)}

    return {"key_mark": key_mark}


@bp.post("/events/<int:event_id>/key")
@login_required
def mark_key(event_id: int):
    event = get_event_or_404(event_id)
    require(requisites.can_mark(current_user))
    if not ActionForm().validate_on_submit():
        abort(400)
    key = request.form.get("key") == "1"
    requisites.set_key(event, current_user, key)
    flash(_("The event is marked as key for the progress report.") if key else
          _("The event is no longer marked as key."), "success")
    return redirect(url_for("events.view", event_id=event.id))
