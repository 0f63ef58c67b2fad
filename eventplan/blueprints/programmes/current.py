"""The current programme: the one the user switched to, else the newest one still open."""

from __future__ import annotations

from flask import has_request_context, request, session
from flask_login import current_user
from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import Programme
from eventplan.services.programmes import programme_by_slug

SESSION_KEY = "programme"


def visible(programme: Programme | None) -> bool:
    return programme is not None and (programme.is_public or current_user.is_authenticated)


def programmes() -> list[Programme]:
    """Programmes the reader may open, open ones first, newest first (read once a request:
    the switcher and the current programme both ask)."""
    cached = getattr(request, "_programmes", None) if has_request_context() else None
    if cached is not None:
        return cached
    rows = db.session.scalars(select(Programme).order_by(Programme.starts_on.desc())).all()
    found = sorted((p for p in rows if visible(p)), key=lambda p: p.is_archived)
    if has_request_context():
        request._programmes = found
    return found


def chosen_programme() -> Programme | None:
    cached = getattr(request, "_chosen_programme", False) if has_request_context() else False
    if cached is not False:
        return cached
    choice = None
    slug = session.get(SESSION_KEY) if has_request_context() else None
    if slug:
        choice = programme_by_slug(slug)
        if not visible(choice):
            choice = None
    if choice is None:
        choice = next(iter(programmes()), None)
    if has_request_context():
        request._chosen_programme = choice
    return choice


def context() -> dict:
    return {"current_programme": chosen_programme, "switchable_programmes": programmes}
