"""Finding programmes: the one lookup by slug every view and command uses."""

from __future__ import annotations

from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import Programme


def programme_by_slug(slug: str | None) -> Programme | None:
    """The programme with this slug, or None (also for an empty slug)."""
    if not slug:
        return None
    return db.session.scalar(select(Programme).where(Programme.slug == slug))
