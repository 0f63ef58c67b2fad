"""The official progress report: the letter's requisites per programme, and key events."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from eventplan.extensions import db
from eventplan.models.base import UTCDateTime, utcnow

# The requisites a letter carries, in the order of the form (all optional).
REQUISITES = ("addressee", "outgoing_number", "outgoing_date", "incoming_ref",
              "signer_position", "signer_name", "executor", "executor_phone")


class DocumentRequisites(db.Model):
    """The requisites last used for a programme's progress report, offered again next time."""

    __tablename__ = "document_requisites"

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"),
                                              primary_key=True)
    addressee: Mapped[str | None] = mapped_column(String(500))  # to whom, several lines
    outgoing_number: Mapped[str | None] = mapped_column(String(60))  # our number, "17-01/123"
    outgoing_date: Mapped[date | None] = mapped_column(Date)  # date of our letter
    incoming_ref: Mapped[str | None] = mapped_column(String(200))  # "№ ДС-227 of 23.06.2021"
    signer_position: Mapped[str | None] = mapped_column(String(300))  # who signs, position
    signer_name: Mapped[str | None] = mapped_column(String(120))  # who signs, "А. Фамилия"
    executor: Mapped[str | None] = mapped_column(String(120))  # who prepared the letter
    executor_phone: Mapped[str | None] = mapped_column(String(60))  # the executor's phone
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # last to save


class KeyEvent(db.Model):
    """An event headquarters marks as key: the report's highlights. A row of its own, not a
    column of ``event``, so marking it does not bump the event's version (iCalendar SEQUENCE)."""

    __tablename__ = "key_event"

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"),
                                          primary_key=True)
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # when marked
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # who marked it
