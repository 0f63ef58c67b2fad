"""Names plan tables use for an agency that are not its own (remembered from imports)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventplan.extensions import db
from eventplan.models.agency import Agency
from eventplan.models.base import UTCDateTime, utcnow


class AgencyAlias(db.Model):
    """"Канцелярия Премьер-Министра РК" -> the agency a person mapped it to in an import."""

    __tablename__ = "agency_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)  # the name, normalised
    name: Mapped[str] = mapped_column(String(300))  # the name as first written
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"),
                                           index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # who mapped it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    agency: Mapped[Agency] = relationship()
