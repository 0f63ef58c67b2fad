"""Home, language switch and health check."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, redirect, request, session, url_for
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from eventplan.blueprints.programmes.current import chosen_programme
from eventplan.extensions import db
from eventplan.services.accounts import set_locale
from eventplan.utils import safe_next

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """The current programme (see the navigation's switcher); the newest open one at first."""
    programme = chosen_programme()
    slug = programme.slug if programme is not None else None
    if slug is None:
        if current_user.is_authenticated and current_user.role == "admin":
            return redirect(url_for("admin.users"))
        abort(404)
    return redirect(url_for("programmes.overview", slug=slug))


@bp.get("/agenda")
def agenda():
    """This week of the current programme (the navigation's "This week")."""
    programme = chosen_programme()
    if programme is None:
        abort(404)
    return redirect(url_for("programmes.agenda_week", slug=programme.slug))


@bp.post("/lang/<code>")
def set_language(code: str):
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    if current_user.is_authenticated:
        set_locale(current_user, code)
    return redirect(safe_next(request.form.get("next")) or url_for("main.index"))


@bp.get("/healthz")
def healthz():
    """Ready (200) only when the database answers and its schema is at the newest migration."""
    try:
        db.session.execute(text("SELECT 1"))
        ok = True
    except SQLAlchemyError:
        db.session.rollback()
        ok = False
    body = {"status": "ok" if ok else "error", "database": ok}
    if ok:
        from eventplan.observability import migrations_at_head
        from eventplan.scheduler import heartbeat_age

        body["migrations_at_head"] = migrations_at_head()
        # seconds; None: never ran (or no schema yet to hold a heartbeat)
        body["scheduler_heartbeat_age"] = heartbeat_age() if body["migrations_at_head"] else None
        if not body["migrations_at_head"]:
            body["status"] = "migrations pending"
    ready = ok and body["migrations_at_head"]
    return jsonify(body), 200 if ready else 503
