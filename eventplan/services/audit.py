"""Writing the audit log."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventplan.extensions import db
from eventplan.models import AuditEntry, User


def _plain(value: Any) -> Any:
    """A JSON-safe form of a column value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def record(
    user: User | None,
    action: str,
    obj: Any,
    changes: dict[str, Any] | None = None,
    note: str | None = None,
) -> AuditEntry:
    """Append one entry; the object must have an id (flush before calling)."""
    entry = AuditEntry(
        user_id=user.id if user is not None and user.is_authenticated else None,
        action=action,
        object_type=type(obj).__tablename__,
        object_id=getattr(obj, "id", None),
        changes=changes or {},
        note=note,
    )
    db.session.add(entry)
    return entry


def day_start(day: date, tz: tzinfo) -> datetime:
    """The UTC instant at which ``day`` begins in ``tz`` (zoneinfo decides the offset)."""
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


def audit_query(who: str = "", action: str = "", since: date | None = None,
                until: date | None = None, tz: tzinfo = UTC):
    """The log, newest first, filtered by user e-mail, action prefix and a day range.

    ``since`` and ``until`` are inclusive calendar days in ``tz`` (the zone the page shows
    times in), so an entry at 20:30 UTC on 1 March 2021 falls on 2 March in Asia/Almaty.
    """
    stmt = select(AuditEntry).options(selectinload(AuditEntry.user)).order_by(
        AuditEntry.at.desc(), AuditEntry.id.desc())
    if who:
        stmt = stmt.join(User, AuditEntry.user_id == User.id).where(
            User.email.contains(who.lower(), autoescape=True))
    if action:
        stmt = stmt.where(AuditEntry.action.startswith(action, autoescape=True))
    if since:
        stmt = stmt.where(AuditEntry.at >= day_start(since, tz))
    if until:
        stmt = stmt.where(AuditEntry.at < day_start(until + timedelta(days=1), tz))
    return stmt
