"""Finishing a programme: archived programmes are read-only (see ``Programme.is_archived``)."""

from __future__ import annotations

from flask_babel import gettext as _

from eventplan.models import Programme, User
from eventplan.models.base import utcnow
from eventplan.services import audit
from eventplan.services.errors import NotAllowed


def can_archive(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active
                and user.role in {"admin", "hq"})


def set_archived(programme: Programme, user: User, archived: bool) -> bool:
    """Archive (finish) or reopen ``programme``; returns whether anything changed."""
    if not can_archive(user):
        raise NotAllowed(_("Only headquarters can archive or reopen a programme."))
    if programme.is_archived == archived:
        return False
    before = programme.archived_at
    programme.archived_at = utcnow() if archived else None
    after = programme.archived_at
    audit.record(user, "programme.archive" if archived else "programme.reopen", programme,
                 {"archived_at": [before.isoformat() if before else None,
                                  after.isoformat() if after else None]})
    return True
