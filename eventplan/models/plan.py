"""An agency's plan within a programme."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventplan.extensions import db
from eventplan.models.agency import Agency
from eventplan.models.base import UTCDateTime, utcnow

if TYPE_CHECKING:
    from eventplan.models.event import Event
    from eventplan.models.programme import Programme
    from eventplan.models.user import User

PLAN_LEVELS = ("republican", "regional", "sectoral")
PLAN_STATUSES = ("draft", "submitted", "returned", "approved", "amending")


class Plan(db.Model):
    __tablename__ = "plan"
    __table_args__ = (UniqueConstraint("programme_id", "agency_id", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)  # the author
    level: Mapped[str] = mapped_column(String(16))  # republican, regional or sectoral
    status: Mapped[str] = mapped_column(String(16), default="draft")  # see PLAN_STATUSES
    revision: Mapped[int] = mapped_column(Integer, default=1)  # number of the revision in force
    approved_act: Mapped[str | None] = mapped_column(String(300))  # e.g. Government Resolution…
    approved_act_date: Mapped[date | None] = mapped_column(Date)  # date of the approving act
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when it was recorded
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    return_comment: Mapped[str | None] = mapped_column(Text)  # why it was last returned
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    programme: Mapped[Programme] = relationship(back_populates="plans")
    agency: Mapped[Agency] = relationship()
    approved_by: Mapped[User | None] = relationship()
    events: Mapped[list[Event]] = relationship(back_populates="plan")

    @property
    def is_approved(self) -> bool:
        return self.status == "approved"

    def can_view(self, user) -> bool:
        if self.is_approved:
            return True
        if not user.is_authenticated:
            return False
        return user.role in {"admin", "hq"} or (
            user.role == "coordinator" and user.agency_id == self.agency_id
        )

    def can_edit_events(self, user) -> bool:
        """Who may add or change events of this plan in its current state."""
        if not user.is_authenticated or not user.is_active:
            return False
        if user.role == "admin":
            return True
        if user.role == "hq":
            return self.level == "republican"
        if user.role == "coordinator":
            return user.agency_id == self.agency_id and self.status in {
                "draft", "returned", "amending",
            }
        return False

    def can_approve(self, user) -> bool:
        return (
            user.is_authenticated
            and user.role in {"admin", "hq"}
            and self.status == "submitted"
        )
