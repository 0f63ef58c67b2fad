"""Remembering the letter's requisites per programme, and headquarters' key-event marks."""

from __future__ import annotations

import dataclasses

from flask_babel import gettext as _

from eventplan.extensions import db
from eventplan.models import REQUISITES, DocumentRequisites, Event, KeyEvent, Programme, User
from eventplan.services import audit
from eventplan.services.document.content import Requisites
from eventplan.services.errors import NotAllowed


def can_build(user) -> bool:
    """Headquarters and administrators write the letter (and so change its requisites)."""
    return user.is_authenticated and user.is_active and user.role in {"admin", "hq"}


def load(programme: Programme) -> Requisites:
    row = db.session.get(DocumentRequisites, programme.id)
    if row is None:
        return Requisites()
    return Requisites(**{name: getattr(row, name) or ("" if name != "outgoing_date" else None)
                         for name in REQUISITES})


def save(programme: Programme, user: User, requisites: Requisites) -> DocumentRequisites | None:
    """Keep the requisites for next time; an audit entry when any of them changed."""
    if not can_build(user):
        raise NotAllowed(_("Only headquarters can prepare the progress report."))
    row = db.session.get(DocumentRequisites, programme.id)
    before = audit.snapshot(row, list(REQUISITES)) if row else {}
    values = {k: (v.strip() or None) if isinstance(v, str) else v
              for k, v in dataclasses.asdict(requisites).items()}
    if row is None:
        if not any(values.values()):
            return None
        row = DocumentRequisites(programme_id=programme.id)
        db.session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_by_id = user.id
    db.session.flush()
    changes = audit.diff(before, audit.snapshot(row, list(REQUISITES)))
    if changes:
        audit.record(user, "document.requisites", programme, changes)
    return row


def can_mark(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in {"admin", "hq"}


def is_key(event: Event) -> bool:
    return db.session.get(KeyEvent, event.id) is not None


def set_key(event: Event, user: User, key: bool) -> None:
    """Mark or unmark the event as key for the progress report's highlights."""
    if not can_mark(user):
        raise NotAllowed(_("Only headquarters can mark key events."))
    row = db.session.get(KeyEvent, event.id)
    if key == (row is not None):
        return
    if key:
        db.session.add(KeyEvent(event_id=event.id, marked_by_id=user.id))
    else:
        db.session.delete(row)
    db.session.flush()
    audit.record(user, "event.key", event, {"key": [not key, key]})
