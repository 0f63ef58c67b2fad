"""Engine tuning and the one commit per request."""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from eventplan.extensions import db


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def install_listeners() -> None:
    """The session listeners every process needs, installed once by the app factory:
    the feed and dashboard change counters, and files that follow the transaction."""
    from eventplan.services import feed_cache
    from eventplan.services.completion import attachments
    from eventplan.services.reports import cache as reports_cache

    feed_cache.install_listeners()
    reports_cache.install_listeners()
    attachments.install_listeners()


def init_app(app: Flask) -> None:
    install_listeners()
    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)

    @app.after_request
    def commit_once(response):
        # The request boundary commits; services only flush. Error answers roll back.
        if response.status_code >= 400:
            db.session.rollback()
            return response
        try:
            db.session.commit()
        except (StaleDataError, IntegrityError):
            # Someone else's change won the race at the last moment: nothing of ours is kept.
            db.session.rollback()
            from eventplan.errors import render_error

            return app.make_response(render_error(409, _(
                "Someone else changed this record meanwhile. Nothing was saved; "
                "reload the page to see the current version.")))
        return response

    @app.teardown_request
    def rollback_on_error(exc):
        if exc is not None:
            db.session.rollback()
