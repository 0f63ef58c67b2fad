"""An agency's plan within a programme."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
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
EDITABLE = ("draft", "returned", "amending")  # authors may change events


class Plan(db.Model):
    __tablename__ = "plan"
    __table_args__ = (UniqueConstraint("programme_id", "agency_id", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)  # the author
    level: Mapped[str] = mapped_column(String(16))  # republican, regional or sectoral
    status: Mapped[str] = mapped_column(String(16), default="draft")  # see PLAN_STATUSES
    in_force: Mapped[bool] = mapped_column(Boolean, default=False)  # approved at least once
    revision: Mapped[int] = mapped_column(Integer, default=0)  # revision in force, 0 before any
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last submission
    approved_act: Mapped[str | None] = mapped_column(String(300))  # e.g. Government Resolution…
    approved_act_date: Mapped[date | None] = mapped_column(Date)  # date of the approving act
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when it was recorded
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    return_comment: Mapped[str | None] = mapped_column(Text)  # why it was last returned
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)  # one decision wins a race

    __mapper_args__ = {"version_id_col": version}

    programme: Mapped[Programme] = relationship(back_populates="plans")
    agency: Mapped[Agency] = relationship()
    approved_by: Mapped[User | None] = relationship()
    events: Mapped[list[Event]] = relationship(back_populates="plan")

    @property
    def is_approved(self) -> bool:
        return self.status == "approved"

    @property
    def is_amendment(self) -> bool:
        """Work on a plan already in force: changes are staged until approved."""
        return self.in_force and self.status in {"amending", "submitted", "returned"}

    def is_author(self, user) -> bool:
        """The plan's own agency writes it; headquarters writes the republican plan."""
        if not user.is_authenticated or not user.is_active:
            return False
        if user.role == "admin":
            return True
        if user.role == "hq":
            return self.level == "republican"
        return user.role == "coordinator" and user.agency_id == self.agency_id

    def can_view(self, user) -> bool:
        if self.in_force:
            return True
        return user.is_authenticated and (user.role in {"admin", "hq"} or self.is_author(user))

    def can_export(self, user) -> bool:
        """Whoever may read the plan page may download what it shows; one rule, can_view."""
        return self.can_view(user)

    @property
    def is_open(self) -> bool:
        """Work may still change it: its programme is not archived (one rule, every can_*)."""
        return not self.programme.is_archived

    def can_edit_events(self, user) -> bool:
        """Who may add, change or remove events of this plan in its current state."""
        if not self.is_open or not self.is_author(user):
            return False
        if self.status in EDITABLE:
            return True
        # Headquarters corrects the republican plan in force directly (audited).
        return self.status == "approved" and self.level == "republican"

    def can_submit(self, user) -> bool:
        return self.is_open and self.is_author(user) and self.status in EDITABLE

    def can_amend(self, user) -> bool:
        return self.is_open and self.is_author(user) and self.status == "approved"

    def can_approve(self, user) -> bool:
        return (
            user.is_authenticated
            and user.is_active
            and user.role in {"admin", "hq"}
            and self.status == "submitted"
            and self.is_open
        )
