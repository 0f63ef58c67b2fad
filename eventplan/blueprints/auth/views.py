"""Log in and out."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.exc import IntegrityError

from eventplan.blueprints.auth.forms import LoginForm
from eventplan.extensions import db
from eventplan.services import accounts
from eventplan.utils import client_address, safe_next

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        email, address = form.email.data, client_address()
        cfg = current_app.config
        wait = accounts.wait_seconds(email, address, cfg["LOGIN_FREE_ATTEMPTS"],
                                     cfg["LOGIN_MAX_DELAY"],
                                     free_per_address=cfg["LOGIN_FREE_ATTEMPTS_PER_ADDRESS"])
        if wait:
            flash(_("Too many failed attempts. Try again in %(n)d seconds.", n=wait), "danger")
            return render_template("auth/login.html", form=form), 429
        user = accounts.authenticate(email, form.password.data)
        if user is not None:
            accounts.note_success(email, address)
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")) or url_for("main.index"))
        accounts.note_failure(email, address, cfg["LOGIN_FAILURE_WINDOW"])
        try:
            db.session.commit()  # keep the failure count although the answer is an error
        except IntegrityError:  # a parallel failure created the same counter first
            db.session.rollback()
        flash(_("Wrong e-mail or password."), "danger")
        status = 401
    elif request.method == "POST":
        status = 422
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    # A new nonce ends this session on the server: a copy of the session cookie or the
    # remember cookie no longer opens anything (every other session of the user ends too).
    accounts.end_sessions(current_user._get_current_object())  # committed with the redirect
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))
