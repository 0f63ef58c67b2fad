"""Regions and the agencies responsible for events."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventplan.extensions import db
from eventplan.models.base import NamedMixin

AGENCY_KINDS = ("ministry", "akimat", "other")
REGION_KINDS = ("region", "city")


class Region(NamedMixin, db.Model):
    """An oblast or a city of republican significance, valid for a span of dates."""

    __tablename__ = "region"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # stable key, e.g. PAVLODAR
    kind: Mapped[str] = mapped_column(String(16), default="region")  # region or city
    valid_from: Mapped[date | None] = mapped_column(Date)  # first day it existed under this name
    valid_to: Mapped[date | None] = mapped_column(Date)  # last day; None while current

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Agency(NamedMixin, db.Model):
    """A responsible body: a ministry, an akimat or another organisation."""

    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # short key, e.g. MISD
    kind: Mapped[str] = mapped_column(String(16), default="ministry")  # see AGENCY_KINDS
    abbreviation: Mapped[str | None] = mapped_column(String(40))  # as written in plan tables
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    email: Mapped[str | None] = mapped_column(String(254))  # contact address

    region: Mapped[Region | None] = relationship()
