"""Reminders and notices: the outbox, preferences, programme settings, the scheduler lock."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventplan import parsing
from eventplan.extensions import db
from eventplan.models.base import UTCDateTime, utcnow
from eventplan.models.user import User

# upcoming: 7 and 1 days before; due: the day after; overdue: every few days after the
# deadline; escalation: to headquarters; workflow: plan and report decisions; digest: the
# daily e-mail that gathers a user's reminders; escalations: the one message of a sweep that
# lists a user's new escalations.
NOTIFICATION_KINDS = ("upcoming", "due", "overdue", "escalation", "workflow")
DIGEST = "digest"
ESCALATIONS = "escalations"
CARRIERS = (DIGEST, ESCALATIONS)  # messages that carry other rows (their digest_id)
NOTIFICATION_STATUSES = ("pending", "sent", "failed")
CHANNELS = ("email", "in_app")
# How a user receives a kind: an e-mail at once, in the daily digest, only in the app, or not.
DELIVERY_MODES = ("now", "digest", "in_app", "off")
BATCH = "batch"  # stored, not chosen: a row carried by its sweep's escalations message
DEFAULT_MODES = {"upcoming": "digest", "due": "digest", "overdue": "digest",
                 "escalation": "now", "workflow": "now"}
DEFAULT_DIGEST_HOUR = 9


class Notification(db.Model):
    """One message to one user; the row is the truth about whether it was delivered."""

    __tablename__ = "notification"
    __table_args__ = (
        Index("ix_notification_status_next", "status", "next_attempt_at"),  # the sender
        Index("ix_notification_user_read", "user_id", "read_at"),  # the bell's count
        Index("ix_notification_delivery_status", "delivery", "status", "user_id"),  # digests
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)  # kind:object:user:occasion
    kind: Mapped[str] = mapped_column(String(16))  # see NOTIFICATION_KINDS, or "digest"
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), index=True)  # whose time zone
    object_type: Mapped[str | None] = mapped_column(String(40))  # event, plan, completion_report
    object_id: Mapped[int | None] = mapped_column(Integer)
    occasion: Mapped[date | None] = mapped_column(Date)  # the step's local day
    channel: Mapped[str] = mapped_column(String(8), default="email")  # see CHANNELS
    delivery: Mapped[str] = mapped_column(String(8), default="now")  # a mode, or BATCH
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # data to render
    link: Mapped[str | None] = mapped_column(String(300))  # path below BASE_URL
    subject: Mapped[str | None] = mapped_column(String(300))  # as last rendered for e-mail
    body: Mapped[str | None] = mapped_column(Text)  # plain text as last rendered
    status: Mapped[str] = mapped_column(String(8), default="pending")  # see NOTIFICATION_STATUSES
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # failed sending attempts
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # None: not to send
    last_error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # opened in the app
    digest_id: Mapped[int | None] = mapped_column(
        ForeignKey("notification.id", ondelete="SET NULL"))  # the digest/escalations carrier
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()


class NotificationPreference(db.Model):
    """A user's choices; no row means the defaults."""

    __tablename__ = "notification_preference"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"),
                                         primary_key=True)
    digest_hour: Mapped[int] = mapped_column(Integer, default=DEFAULT_DIGEST_HOUR)  # 0-23 local
    modes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # kind: DELIVERY_MODES
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def mode(self, kind: str) -> str:
        return (self.modes or {}).get(kind) or DEFAULT_MODES.get(kind, "now")


class ReminderSettings(db.Model):
    """A programme's reminder rules; no row means the defaults."""

    __tablename__ = "reminder_settings"

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"),
                                              primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)  # False: no reminders at all
    upcoming_days: Mapped[str] = mapped_column(String(40), default="7,1")  # days before, listed
    overdue_repeat_days: Mapped[int] = mapped_column(Integer, default=3)  # repeat overdue every
    escalation_days: Mapped[int] = mapped_column(Integer, default=3)  # after overdue, to HQ
    review_wait_days: Mapped[int] = mapped_column(Integer, default=3)  # waiting for review
    version: Mapped[int] = mapped_column(Integer, nullable=False)  # optimistic lock

    __mapper_args__ = {"version_id_col": version}

    @property
    def days_before(self) -> list[int]:
        days = {d for p in (self.upcoming_days or "").split(",")
                if (d := parsing.to_int(p, 1, 366)) is not None}
        return sorted(d for d in days if d > 0)


class SchedulerLock(db.Model):
    """Who runs the scheduler and its last heartbeat (the lock itself on SQLite)."""

    __tablename__ = "scheduler_lock"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)  # "scheduler"
    holder: Mapped[str | None] = mapped_column(String(120))  # host:pid of the running copy
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last sign of life
