"""Flask-Login wiring: sessions end when a user is deactivated or their password changes."""

from __future__ import annotations

from flask import Flask, Response, g, request, session
from flask_babel import lazy_gettext as _l

from eventplan import parsing
from eventplan.extensions import db, login_manager
from eventplan.models import User


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    ident, _, nonce = user_id.partition(":")
    user_id_number = parsing.to_id(ident)
    if user_id_number is None:
        return None
    user = db.session.get(User, user_id_number)
    if user is None or not user.active or user.session_nonce != nonce:
        return None
    return user


def no_store_for_users(response: Response) -> Response:
    """A page shown to a logged-in user stays out of shared and browser caches (the back
    button after logout, a proxy, a shared computer)."""
    # Not current_user.is_authenticated: after the commit it would reload the user (a query).
    user = g.get("_login_user")
    logged_in = (user is not None and not user.is_anonymous) or "_user_id" in session
    if request.endpoint == "static" or not logged_in:
        return response
    if response.mimetype == "text/html" or "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"  # a download keeps its own setting
    return response


def init_app(app: Flask) -> None:
    app.after_request(no_store_for_users)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
