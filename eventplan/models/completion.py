"""Completion reports: what an executing agency says it did for an event, with evidence.

Every executing agency (the lead and each co-executor) keeps at most one report per
event: its contribution. The lead agency's report is the event's report; accepting it
marks the event ``held``. An event's totals are the sums over its accepted reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
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
REVIEWER_ROLES = ("admin", "hq")
ATTACHMENT_KINDS = ("jpeg", "png", "pdf", "docx", "xlsx")

# --- the completion figures: declared once ----------------------------------------------
# Everything else follows from FIGURES: the report's columns, the form's fields and their
# labels, parsing and checks, the audit trail, the per-event and dashboard sums, the
# exports, the API and its OpenAPI schema. Adding a figure: one Figure(...) line here, a
# migration (the column), the translations of its labels.

COUNT, MONEY = "count", "money"  # kinds: a whole number 0..10^9; tenge with two decimals
# How a figure totals over an event's (or a programme's) accepted reports:
SUM = "sum"  # typed by the reporter, summed
STATED = "stated"  # typed by the reporter, checked against the channels, never summed
REPORTS = "reports"  # not typed: the number of accepted reports
CHANNELS = "channels"  # not typed: the sum of the media channels


@dataclass(frozen=True)
class Figure:
    name: str  # column on CompletionReport (typed figures); key in sums, exports, API
    label: Any  # on the form, the report page and its history
    kind: str = COUNT
    sums: str = SUM
    group: str = "general"  # where the form puts it: general, media, charity
    channel: bool = False  # a media channel (FACTS.md section 4): part of "media"
    total_label: Any = None  # on the dashboard, exports and API, when it reads otherwise
    phrase: Callable[[int, str], str] | None = None  # narrative: (n, "1 234") -> "… stories"
    doc: str = ""  # what the column holds

    @property
    def typed(self) -> bool:
        """A column of the report, entered on the form."""
        return self.sums in (SUM, STATED)

    @property
    def totalled(self) -> bool:
        """Shown with the sums (dashboard, exports, API, the event's totals)."""
        return self.sums != STATED

    @property
    def heading(self) -> Any:
        return self.total_label or self.label


def _channel(code: str, label, phrase, doc: str) -> Figure:
    return Figure(f"media_{code}", label, group="media", channel=True, phrase=phrase, doc=doc)


FIGURES: tuple[Figure, ...] = (
    Figure("reports", _l("Accepted reports"), sums=REPORTS),
    Figure("participants", _l("Participants or coverage"), total_label=_l("Participants"),
           doc="participants or coverage"),
    _channel("tv", _l("TV stories"), lambda n, c: ngettext(
        "%(count)s TV story", "%(count)s TV stories", n, count=c), "TV stories"),
    _channel("radio", _l("Radio pieces"), lambda n, c: ngettext(
        "%(count)s radio piece", "%(count)s radio pieces", n, count=c), "radio pieces"),
    _channel("print", _l("Print articles"), lambda n, c: ngettext(
        "%(count)s print article", "%(count)s print articles", n, count=c), "print articles"),
    _channel("internet", _l("Internet materials"), lambda n, c: ngettext(
        "%(count)s internet material", "%(count)s internet materials", n, count=c),
        "internet materials"),
    _channel("social", _l("Social-media posts"), lambda n, c: ngettext(
        "%(count)s social-media post", "%(count)s social-media posts", n, count=c),
        "social-media posts"),
    Figure("media_total", _l("Media materials in total"), sums=STATED, group="media",
           doc="media materials in total as the reporter stated it, if at all"),
    Figure("media", _l("Media materials, total"), sums=CHANNELS),
    Figure("charity_amount", _l("Charity, KZT"), kind=MONEY, group="charity", doc="KZT"),
    Figure("beneficiaries", _l("Beneficiaries"), group="charity",
           doc="people or families helped"),
)
FIGURE = {f.name: f for f in FIGURES}
TYPED_FIGURES = tuple(f for f in FIGURES if f.typed)  # the report's columns, in form order
TOTALLED_FIGURES = tuple(f for f in FIGURES if f.totalled)  # the sums, in display order
# Media materials by channel, in display order ("tv", "radio", …).
MEDIA_CHANNELS = tuple(f.name.removeprefix("media_") for f in FIGURES if f.channel)


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
    # participants, media_tv … media_total, charity_amount, beneficiaries: one column per
    # typed figure, added from FIGURES below the class.
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

    def can_view(self, user) -> bool:
        """Staff and the executing agencies see every state; everyone else accepted reports
        only, of plans in force."""
        if not _active(user):
            return False
        if user.role in {"admin", "hq"}:
            return True
        if not self.event.plan.in_force:
            return False
        if user.agency_id is not None and user.agency_id in self.event.executor_ids():
            return True
        return self.status == "accepted"

    def is_reporter(self, user) -> bool:
        """The user speaks for the agency that files this report, and may report."""
        return self.event.can_report(user) and user.agency_id == self.agency_id

    def can_edit(self, user) -> bool:
        """The reporting agency's people, while the report is a draft or was returned."""
        return self.is_reporter(user) and self.is_editable

    def can_review(self, user) -> bool:
        """Headquarters (and admins) accept or return reports."""
        return may_review(user)


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def may_review(user) -> bool:
    """Any report's reviewer (the queue, bulk acceptance): headquarters and admins."""
    return _active(user) and user.role in REVIEWER_ROLES


def _figure_column(figure: Figure):
    kind = Numeric(16, 2) if figure.kind == MONEY else BigInteger
    return mapped_column(figure.name, kind, nullable=True, doc=figure.doc)


for _figure in TYPED_FIGURES:
    setattr(CompletionReport, _figure.name, _figure_column(_figure))


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
