"""Flask-Login wiring: sessions end when a user is deactivated or their password changes."""

from __future__ import annotations

from flask import Flask
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


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
