"""Completion reports: what an executing agency says it did for an event, with evidence.

Every executing agency (the lead and each co-executor) keeps at most one report per
event: its contribution. The lead agency's report is the event's report; accepting it
marks the event ``held``. An event's totals are the sums over its accepted reports.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventplan.extensions import db
from eventplan.models.agency import Agency
from eventplan.models.base import UTCDateTime, utcnow

if TYPE_CHECKING:
    from eventplan.models.event import Event
    from eventplan.models.user import User

REPORT_STATUSES = ("draft", "submitted", "accepted", "returned")
REPORT_EDITABLE = ("draft", "returned")
REPORT_OUTCOMES = ("held", "not_held")
# Media materials by channel (FACTS.md section 4), in display order.
MEDIA_CHANNELS = ("tv", "radio", "print", "internet", "social")
ATTACHMENT_KINDS = ("jpeg", "png", "pdf", "docx", "xlsx")


class CompletionReport(db.Model):
    __tablename__ = "completion_report"
    __table_args__ = (
        UniqueConstraint("event_id", "agency_id"),
        Index("ix_completion_report_status_submitted", "status", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)  # contributor
    status: Mapped[str] = mapped_column(String(16), default="draft")  # see REPORT_STATUSES
    outcome: Mapped[str] = mapped_column(String(16), default="held")  # see REPORT_OUTCOMES
    not_held_reason: Mapped[str | None] = mapped_column(Text)  # when outcome is not_held
    # What happened, in the programme's local time.
    held_from: Mapped[date | None] = mapped_column(Date)  # first day held
    held_to: Mapped[date | None] = mapped_column(Date)  # last day held, inclusive
    time_from: Mapped[time | None] = mapped_column(Time)  # optional local start time
    time_to: Mapped[time | None] = mapped_column(Time)  # optional local end time
    date_reason: Mapped[str | None] = mapped_column(Text)  # why far from the planned dates
    format: Mapped[str | None] = mapped_column(String(16))  # offline, online, hybrid
    venue: Mapped[str | None] = mapped_column(String(300))
    participants: Mapped[int | None] = mapped_column(BigInteger)  # participants or coverage
    # Media materials by channel and the total as the reporter wrote it.
    media_tv: Mapped[int | None] = mapped_column(BigInteger)  # TV stories
    media_radio: Mapped[int | None] = mapped_column(BigInteger)  # radio pieces
    media_print: Mapped[int | None] = mapped_column(BigInteger)  # print articles
    media_internet: Mapped[int | None] = mapped_column(BigInteger)  # internet materials
    media_social: Mapped[int | None] = mapped_column(BigInteger)  # social-media posts
    media_total: Mapped[int | None] = mapped_column(BigInteger)  # stated total, if any
    charity_amount: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))  # KZT
    beneficiaries: Mapped[int | None] = mapped_column(BigInteger)  # people or families helped
    links: Mapped[list[str]] = mapped_column(JSON, default=list)  # http(s) addresses
    summary: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last submission
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last accept or return
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    review_comment: Mapped[str | None] = mapped_column(Text)  # why it was returned
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)  # optimistic lock

    __mapper_args__ = {"version_id_col": version}

    event: Mapped[Event] = relationship(back_populates="reports")
    agency: Mapped[Agency] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])
    outputs: Mapped[list[ReportOutput]] = relationship(
        back_populates="report", order_by="ReportOutput.position", cascade="all, delete-orphan"
    )
    attachments: Mapped[list[ReportAttachment]] = relationship(
        back_populates="report", order_by="ReportAttachment.id", cascade="all, delete-orphan"
    )

    @property
    def is_lead(self) -> bool:
        return self.agency_id == self.event.lead_agency_id

    @property
    def is_editable(self) -> bool:
        return self.status in REPORT_EDITABLE

    def media(self) -> dict[str, int | None]:
        return {channel: getattr(self, f"media_{channel}") for channel in MEDIA_CHANNELS}

    def media_sum(self) -> int:
        return sum(v or 0 for v in self.media().values())


class ReportOutput(db.Model):
    """Another output of an event, as a name and a number: "banners", 135."""

    __tablename__ = "report_output"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("completion_report.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(BigInteger)

    report: Mapped[CompletionReport] = relationship(back_populates="outputs")


class ReportAttachment(db.Model):
    """A file kept under ``instance/uploads/`` by a random name, served only after a check."""

    __tablename__ = "report_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("completion_report.id", ondelete="CASCADE"), index=True
    )
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)  # random, no extension
    original_name: Mapped[str] = mapped_column(String(255))  # as uploaded, for display only
    kind: Mapped[str] = mapped_column(String(8))  # see ATTACHMENT_KINDS, from the content
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)  # bytes
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    report: Mapped[CompletionReport] = relationship(back_populates="attachments")

    @property
    def is_image(self) -> bool:
        return self.kind in {"jpeg", "png"}
