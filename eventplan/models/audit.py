"""The append-only audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventplan.extensions import db
from eventplan.models.base import UTCDateTime, utcnow
from eventplan.models.user import User


class AuditEntry(db.Model):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)  # None: system
    action: Mapped[str] = mapped_column(String(40))  # e.g. event.update, plan.approve
    object_type: Mapped[str] = mapped_column(String(40))  # event, plan, user, agency…
    object_id: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # field: [before, after]
    note: Mapped[str | None] = mapped_column(String(500))  # reason or comment

    user: Mapped[User | None] = relationship()


class LoginThrottle(db.Model):
    """Failed logins per account or per address, to slow down guessing."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)  # "email:…" or "ip:…"
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ShownSecret(db.Model):
    """A new feed address or API token, kept on the server until its one display: the
    session cookie is signed, not encrypted, so it must not carry the secret itself."""

    __tablename__ = "shown_secret"

    handle: Mapped[str] = mapped_column(String(64), primary_key=True)  # random; in the session
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "feed" or "api_token"
    object_id: Mapped[int] = mapped_column(Integer)  # the feed or token it belongs to
    secret: Mapped[str] = mapped_column(String(200))  # the plain token, deleted once shown
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
