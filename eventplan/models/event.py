"""An event: one item of a plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventplan.extensions import db
from eventplan.models.agency import Agency, Region
from eventplan.models.base import UTCDateTime, pick, utcnow

if TYPE_CHECKING:
    from eventplan.models.completion import CompletionReport
    from eventplan.models.plan import Plan
    from eventplan.models.programme import Section

CATEGORIES = (
    "information",
    "international",
    "sports",
    "cultural",
    "charity",
    "environmental",
    "socio_political",
    "organisational",
)
FORMATS = ("offline", "online", "hybrid")
EVENT_STATUSES = ("planned", "held", "postponed", "cancelled")
REPORTER_ROLES = ("coordinator", "hq", "admin")  # may report for their own agency


# --- the event's fields: declared once --------------------------------------------------
# The audit trail, the plan revisions, the services' cleaning, the field labels and the
# plan spreadsheet's error mapping follow from EVENT_FIELDS. A new field: its column below
# and an EventField line here, EventData and the event form (services/events.py,
# blueprints/events/forms.py), a migration, the translations.

@dataclass(frozen=True)
class EventField:
    name: str  # attribute of Event (coexecutor_ids: the co-executors' ids)
    label: Any
    text: bool = False  # free text: stripped, and stored as NULL when empty
    title: bool = False  # one of the title's languages (at least one is required)
    revision: bool = True  # recorded in a plan revision and its comparison
    sheet_column: str | None = None  # the plan spreadsheet column it comes from (plan_io)


EVENT_FIELDS: tuple[EventField, ...] = (
    EventField("number", _l("Number in the plan"), sheet_column="number"),
    EventField("title_kk", _l("Title (Kazakh)"), text=True, title=True, sheet_column="title"),
    EventField("title_ru", _l("Title (Russian)"), text=True, title=True, sheet_column="title"),
    EventField("title_en", _l("Title (English)"), text=True, title=True, sheet_column="title"),
    EventField("description", _l("Description"), text=True, revision=False),
    EventField("section_id", _l("Section"), sheet_column="section"),
    EventField("category", _l("Category"), sheet_column="category"),
    EventField("lead_agency_id", _l("Lead agency"), sheet_column="executors"),
    EventField("coexecutor_ids", _l("Co-executors"), sheet_column="executors"),
    EventField("executors_note", _l("Other executors, as written"), text=True,
               sheet_column="executors"),
    EventField("region_id", _l("Region"), sheet_column="region"),
    EventField("place", _l("Place"), text=True),
    EventField("format", _l("Format"), sheet_column="format"),
    EventField("starts_on", _l("Start date")),
    EventField("ends_on", _l("End date")),
    EventField("starts_at", _l("Start time")),
    EventField("ends_at", _l("End time")),
    EventField("term", _l("Term as written in the plan"), text=True),
    EventField("completion_form", _l("Form of completion"), text=True,
               sheet_column="completion_form"),
    EventField("estimated_cost", _l("Estimated cost, KZT"), sheet_column="estimated_cost"),
    EventField("funding_source", _l("Funding source"), text=True,
               sheet_column="funding_source"),
    EventField("status", _l("Status")),
    EventField("status_reason", _l("Reason"), revision=False),
)
TITLE_FIELDS = tuple(f.name for f in EVENT_FIELDS if f.title)  # title_kk, title_ru, title_en
TEXT_FIELDS = tuple(f.name for f in EVENT_FIELDS if f.text)
# The many-to-many co-executors are read from the relationship, not an attribute.
RELATION_FIELDS = ("coexecutor_ids",)

event_coexecutor = Table(
    "event_coexecutor",
    db.metadata,
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agency.id"), primary_key=True, index=True),
)


class Event(db.Model):
    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("plan_id", "number"),
        Index("ix_event_section_starts", "section_id", "starts_on"),
        Index("ix_event_lead_starts", "lead_agency_id", "starts_on"),
        Index("ix_event_status_ends", "status", "ends_on"),  # due and overdue sweeps
        Index("ix_event_report_cube", "plan_id", "starts_on", "section_id", "region_id",
              "lead_agency_id", "category", "status", "ends_on"),  # covers the report figures
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    number: Mapped[str] = mapped_column(String(20))  # number in the plan, "12" or "3.1"
    position: Mapped[int] = mapped_column(Integer, default=0)  # order within the plan
    title_kk: Mapped[str | None] = mapped_column(String(500))  # title in Kazakh
    title_ru: Mapped[str | None] = mapped_column(String(500))  # title in Russian
    title_en: Mapped[str | None] = mapped_column(String(500))  # title in English
    description: Mapped[str | None] = mapped_column(Text)  # free text, any language
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id"), index=True)
    category: Mapped[str] = mapped_column(String(24))  # see CATEGORIES
    lead_agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    place: Mapped[str | None] = mapped_column(String(300))  # venue or settlement
    format: Mapped[str] = mapped_column(String(16), default="offline")  # see FORMATS
    # Schedule (DESIGN "Time"): local calendar dates always; UTC instants when timed.
    starts_on: Mapped[date] = mapped_column(Date, index=True)  # first local day
    ends_on: Mapped[date] = mapped_column(Date)  # last local day, inclusive
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # start instant if timed
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # end instant if timed
    term: Mapped[str | None] = mapped_column(String(120))  # original wording, "II quarter"
    completion_form: Mapped[str | None] = mapped_column(String(300))  # "information to the MISD"
    estimated_cost: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))  # KZT
    funding_source: Mapped[str | None] = mapped_column(String(200))  # "local budget", …
    # Executors named by a phrase that names no agency, as the plan wrote them:
    # "заинтересованные государственные органы", "district akimats"
    executors_note: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default="planned")  # see EVENT_STATUSES
    status_reason: Mapped[str | None] = mapped_column(Text)  # why postponed or cancelled
    version: Mapped[int] = mapped_column(Integer, nullable=False)  # optimistic lock, SEQUENCE
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    plan: Mapped[Plan] = relationship(back_populates="events")
    section: Mapped[Section] = relationship()
    lead_agency: Mapped[Agency] = relationship(foreign_keys=[lead_agency_id])
    region: Mapped[Region | None] = relationship()
    coexecutors: Mapped[list[Agency]] = relationship(
        secondary=event_coexecutor, order_by=Agency.code
    )
    reports: Mapped[list[CompletionReport]] = relationship(
        back_populates="event", passive_deletes=True
    )

    def titles(self) -> dict[str, str | None]:
        return {"kk": self.title_kk, "ru": self.title_ru, "en": self.title_en}

    def display_title(self, lang: str | None = None) -> str:
        return pick(self.titles(), lang)

    @property
    def title(self) -> str:
        return self.display_title()

    @property
    def is_timed(self) -> bool:
        return self.starts_at is not None

    def executor_ids(self) -> set[int]:
        return {self.lead_agency_id} | {a.id for a in self.coexecutors}

    def can_view(self, user) -> bool:
        return self.plan.can_view(user)

    def can_edit(self, user) -> bool:
        return self.plan.can_edit_events(user)

    def can_report(self, user) -> bool:
        """The user's own agency executes the event (lead or co-executor) of a plan in force,
        and the event was not cancelled: it may file its completion report."""
        return bool(user is not None and user.is_authenticated and user.is_active
                    and user.role in REPORTER_ROLES and user.agency_id is not None
                    and self.plan.in_force and self.plan.is_open and self.status != "cancelled"
                    and user.agency_id in self.executor_ids())

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"
