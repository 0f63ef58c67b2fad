"""Approved revisions of a plan and the changes staged for the next one."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventplan.extensions import db
from eventplan.models.base import UTCDateTime, utcnow

if TYPE_CHECKING:
    from eventplan.models.event import Event
    from eventplan.models.plan import Plan
    from eventplan.models.user import User

CHANGE_ACTIONS = ("add", "change", "remove")


class PlanRevision(db.Model):
    """One approved revision: the approving (or amending) act and the events it approved."""

    __tablename__ = "plan_revision"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1 = the approval, 2… = amendments
    act: Mapped[str] = mapped_column(String(300))  # text of the act as cited
    act_date: Mapped[date | None] = mapped_column(Date)  # date the act bears
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # when recorded
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # event id -> fields

    plan: Mapped[Plan] = relationship()
    approved_by: Mapped[User | None] = relationship()


class EventChange(db.Model):
    """A change to a plan in force, staged by its authors until the amendment is approved."""

    __tablename__ = "event_change"
    __table_args__ = (UniqueConstraint("plan_id", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(8))  # add, change or remove
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the event form's values
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # who staged it
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    note: Mapped[str | None] = mapped_column(Text)  # reason given for a removal

    event: Mapped[Event | None] = relationship()
