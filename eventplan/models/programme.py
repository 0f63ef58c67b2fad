"""Programme, its sections (thematic blocks and general sections) and commemorations."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventplan.extensions import db
from eventplan.models.base import NamedMixin, UTCDateTime, utcnow

if TYPE_CHECKING:
    from eventplan.models.plan import Plan

SECTION_KINDS = ("block", "general")


class Programme(NamedMixin, db.Model):
    __tablename__ = "programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)  # URL name, e.g. independence-30
    starts_on: Mapped[date] = mapped_column(Date)  # first day of the programme period
    ends_on: Mapped[date] = mapped_column(Date)  # last day of the period, inclusive
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Almaty")  # IANA zone name
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)  # approved events are public
    report_deadline_days: Mapped[int] = mapped_column(Integer, default=5)  # days after an event
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # finished: read-only since

    sections: Mapped[list[Section]] = relationship(
        back_populates="programme", order_by="Section.position", cascade="all, delete-orphan"
    )
    plans: Mapped[list[Plan]] = relationship(back_populates="programme")
    commemorations: Mapped[list[Commemoration]] = relationship(
        back_populates="programme", cascade="all, delete-orphan"
    )

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_archived(self) -> bool:
        """A finished programme: read-only (no new events, reports or approvals); its pages,
        dashboards, exports and feeds keep working. Every ``can_*`` rule asks this."""
        return self.archived_at is not None

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def block_for_month(self, month: int) -> Section | None:
        return next((s for s in self.sections if s.month == month), None)


class Section(NamedMixin, db.Model):
    """A part of a programme: a monthly thematic block (``month`` set) or a general section."""

    __tablename__ = "section"
    __table_args__ = (UniqueConstraint("programme_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # order within the programme
    kind: Mapped[str] = mapped_column(String(16), default="block")  # block or general
    month: Mapped[int | None] = mapped_column(Integer)  # 1-12 for a thematic block

    programme: Mapped[Programme] = relationship(back_populates="sections")

    @property
    def is_block(self) -> bool:
        return self.month is not None


class Commemoration(NamedMixin, db.Model):
    """An anniversary inside a programme: the name columns hold the person or body."""

    __tablename__ = "commemoration"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    anniversary: Mapped[int] = mapped_column(Integer)  # years, e.g. 175
    origin_year: Mapped[int] = mapped_column(Integer)  # year of birth or foundation
    origin_date: Mapped[date | None] = mapped_column(Date)  # full date when known
    note: Mapped[str | None] = mapped_column(String(300))  # e.g. "folk poet"

    programme: Mapped[Programme] = relationship(back_populates="commemorations")

    def observed_on(self) -> date | None:
        """The anniversary day itself, when the original date is known."""
        if self.origin_date is None:
            return None
        year = self.origin_year + self.anniversary
        try:
            return self.origin_date.replace(year=year)
        except ValueError:  # 29 February in a common year
            return date(year, 3, 1)
