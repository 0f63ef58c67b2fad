"""The user's notification preferences: per kind at once, in the digest or off."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventplan.blueprints.account.views import bp
from eventplan.blueprints.notifications.forms import MODE_LABELS, PreferencesForm
from eventplan.models.notification import NOTIFICATION_KINDS
from eventplan.services import notifications as service
from eventplan.services.errors import DomainError
from eventplan.utils import form_error


@bp.route("/notifications", methods=["GET", "POST"])
@login_required
def notifications():
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
            return redirect(url_for("account.notifications"))
    return render_template("account/notifications.html", form=form, locked=locked), (
        422 if request.method == "POST" else 200)
