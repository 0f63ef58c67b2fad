"""The user's own page for personal API tokens (created, shown once, revoked)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventplan.blueprints.account.forms import RevokeForm, TokenForm
from eventplan.extensions import db
from eventplan.models import ApiToken
from eventplan.services import api_tokens, shown_secrets
from eventplan.services.errors import DomainError
from eventplan.utils import form_error

bp = Blueprint("account", __name__, url_prefix="/account")


def _render(form: TokenForm, status: int = 200):
    shown = shown_secrets.take(current_user, "api_token") if status == 200 else None
    return render_template("account/tokens.html", form=form, revoke_form=RevokeForm(),
                           tokens=api_tokens.user_tokens(current_user), shown=shown), status


@bp.get("/tokens")
@login_required
def tokens():
    return _render(TokenForm())


@bp.post("/tokens")
@login_required
def create_token():
    form = TokenForm()
    if form.validate_on_submit():
        try:
            token, plain = api_tokens.create_token(current_user, form.name.data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            shown_secrets.keep(current_user, "api_token", token.id, plain)  # on the next page
            flash(_("The token was created. Copy it now: it is shown only once."), "success")
            return redirect(url_for("account.tokens"))
    return _render(form, 422)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    if not RevokeForm().validate_on_submit():
        flash(_("The form has expired; try again."), "danger")
        return _render(TokenForm(), 422)
    api_tokens.revoke_token(token, current_user)
    flash(_("The token was revoked; it no longer works."), "success")
    return redirect(url_for("account.tokens"))
