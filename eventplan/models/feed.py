"""Calendar feeds: a user's subscriptions, kept VEVENT fragments and the change counter."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventplan.extensions import db
from eventplan.models.base import UTCDateTime, utcnow

if TYPE_CHECKING:
    from eventplan.models.agency import Agency, Region
    from eventplan.models.programme import Programme, Section
    from eventplan.models.user import User

FEED_LANGS = ("kk", "ru", "en")
ALARM_CHOICES = (0, 15, 60, 1440, 2880, 10080)  # minutes before the start; 0: no alarm


class FeedSubscription(db.Model):
    """A user's named calendar feed with a filter stored on the server."""

    __tablename__ = "feed_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)  # the owner
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))  # shown as the calendar's name
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the token
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id"))  # block filter
    category: Mapped[str | None] = mapped_column(String(24))  # category filter, see CATEGORIES
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))  # region filter
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))  # executor filter
    own_agency: Mapped[bool] = mapped_column(Boolean, default=False)  # the owner's agency executes
    include_commemorations: Mapped[bool] = mapped_column(Boolean, default=True)  # anniversaries
    lang: Mapped[str] = mapped_column(String(2), default="ru")  # language of titles, kk/ru/en
    alarm_minutes: Mapped[int] = mapped_column(Integer, default=0)  # reminder before; 0: none
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    renamed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last change of the name
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last fetch (to minutes)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # set: the token is dead
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # owner or admin

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id])
    programme: Mapped[Programme] = relationship()
    section: Mapped[Section | None] = relationship()
    region: Mapped[Region | None] = relationship()
    agency: Mapped[Agency | None] = relationship()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def can_manage(self, user) -> bool:
        """The owner manages the feed; an admin may look at and revoke any feed."""
        if not user.is_authenticated or not user.is_active:
            return False
        return user.id == self.user_id or user.role == "admin"

    def cache_key(self) -> str:
        return f"feed:{self.id}"


class FeedFragment(db.Model):
    """One event's VEVENT text in one language, serialized once and shared by all workers."""

    __tablename__ = "feed_fragment"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = mapped_column(String(2), primary_key=True)  # kk, ru or en
    version: Mapped[int] = mapped_column(Integer)  # the event version it was built from
    stamp: Mapped[str] = mapped_column(String(16))  # renderer format and host it was built for
    body: Mapped[str] = mapped_column(Text)  # BEGIN:VEVENT … END:VEVENT, CRLF lines


class FeedCache(db.Model):
    """What a feed looked like when last built, so an unchanged poll answers 304 at once."""

    __tablename__ = "feed_cache"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)  # feed:<id> or public:…
    state: Mapped[str] = mapped_column(String(40))  # change counter and stamp it was built at
    etag: Mapped[str] = mapped_column(String(64))  # hash of the body
    last_modified: Mapped[datetime] = mapped_column(UTCDateTime)  # latest change inside
    built_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FeedGeneration(db.Model):
    """A counter raised in the same transaction as any change that can alter a feed."""

    __tablename__ = "feed_generation"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1
    value: Mapped[int] = mapped_column(Integer, default=0)  # grows with every change
