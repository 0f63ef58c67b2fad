"""Languages: per user, else per session, else the browser's preference."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user

from eventplan.extensions import babel

LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and scheduler: the configured default
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages) or current_app.config[
        "BABEL_DEFAULT_LOCALE"
    ]


def select_timezone() -> str:
    """The zone pages show times in: the page's programme, else ``BABEL_DEFAULT_TIMEZONE``."""
    tz = getattr(g, "programme_tz", None) if has_request_context() else None
    return tz or current_app.config["BABEL_DEFAULT_TIMEZONE"]


def display_zone() -> ZoneInfo:
    """:func:`select_timezone` as a zone, for views that turn local days into UTC bounds."""
    return ZoneInfo(select_timezone())


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.globals.update(
        LANGUAGE_NAMES=LANGUAGE_NAMES, format_date=format_date, format_datetime=format_datetime,
        get_locale=get_locale,
    )
