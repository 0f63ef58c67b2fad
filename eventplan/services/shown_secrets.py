"""Secrets shown once (a new feed address, a new API token) wait on the server, not in the
cookie: the session holds only a random handle to the row, which the display deletes."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from flask import session
from sqlalchemy import delete

from eventplan.extensions import db
from eventplan.models import ShownSecret, User

KEEP = timedelta(minutes=15)  # a secret nobody came back for is dropped after this


def keep(user: User, kind: str, object_id: int, secret: str) -> None:
    """Hold ``secret`` for this user's next page of ``kind``; flushed with the request."""
    db.session.execute(delete(ShownSecret).where(
        ShownSecret.created_at < datetime.now(UTC) - KEEP))
    handle = secrets.token_urlsafe(32)
    db.session.add(ShownSecret(handle=handle, user_id=user.id, kind=kind,
                               object_id=object_id, secret=secret))
    session[f"shown_{kind}"] = handle


def take(user: User, kind: str) -> dict | None:
    """The secret waiting for this display, as ``{"id": …, "token": …}``; deleted on read."""
    handle = session.pop(f"shown_{kind}", None)
    if not isinstance(handle, str):
        return None
    row = db.session.get(ShownSecret, handle)
    if row is None:
        return None
    db.session.delete(row)
    fresh = row.created_at.replace(tzinfo=row.created_at.tzinfo or UTC) > datetime.now(UTC) - KEEP
    if row.user_id != user.id or row.kind != kind or not fresh:
        return None
    return {"id": row.object_id, "token": row.secret}
