"""The report figures' change stamp: a cached dashboard is current while the stamp is."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from eventplan.extensions import db


class StatsVersion(db.Model):
    """One row, rewritten with a fresh random stamp in the same transaction as any change
    that can alter the report figures (events, plans, reports and their outputs).

    A random stamp rather than a counter: a counter restarts when the row is lost (a
    restored backup, emptied tables), and a cache keyed by it could then serve old figures.
    """

    __tablename__ = "stats_version"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1
    stamp: Mapped[str] = mapped_column(String(32))  # uuid4 hex, new on every change
