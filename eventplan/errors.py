"""Error pages: HTML for people, JSON for /api and /healthz callers."""

from __future__ import annotations

from contextlib import suppress

from flask import Flask, abort, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from eventplan.extensions import db
from eventplan.labels import ERROR_TITLES


def render_error(code: int, message: str | None = None):
    db.session.rollback()
    if request.path.startswith("/api/"):
        text = message or str(ERROR_TITLES.get(code, ""))
        return {"error": {"status": code, "message": text}}, code
    return render_template("errors/error.html", code=code, message=message), code


def refuse_nul_characters() -> None:
    """No field anywhere can hold a NUL character, and PostgreSQL refuses one in any text
    parameter (SQLite would store it): a URL, query or form value carrying one is a bad
    request, answered before any view runs rather than as a database error."""
    fields = [request.args]
    if request.method in ("POST", "PUT", "PATCH"):
        # Parsed once (the view reads the same copy); too large: the view answers that
        # itself, on its own page.
        with suppress(RequestEntityTooLarge):
            fields.append(request.form)
    values = [request.path, *(text for multi in fields for key, items in multi.lists()
                              for text in (key, *items))]
    if any("\x00" in value for value in values):
        abort(400, _("The address or the form contains a NUL character, which no field can "
                     "hold."))


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul_characters)

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return render_error(400, _("The form has expired or was sent from elsewhere. "
                              "Reload the page and try again."))

    @app.errorhandler(StaleDataError)
    def stale(exc: StaleDataError):
        return render_error(409, _("Someone else changed this record meanwhile. "
                              "Reload the page to see the current version."))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = exc.code or 500
        if code == 413:
            return render_error(413, _("The upload is larger than the allowed size."))
        return render_error(code, exc.description if code in {400, 409, 429} else None)

    @app.errorhandler(500)
    def server_error(exc):
        return render_error(500)
