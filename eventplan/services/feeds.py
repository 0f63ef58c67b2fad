"""Calendar feed subscriptions: create, rename, regenerate, revoke, and the filter as a query.

A token is shown once; only its sha256 is stored. Every fetch re-checks the owner.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import AnonymousUserMixin
from sqlalchemy import ColumnElement, Select, delete, false, func, select
from sqlalchemy.orm import contains_eager, selectinload

from eventplan.extensions import db
from eventplan.labels import CATEGORY_LABELS
from eventplan.models import (
    CATEGORIES,
    Agency,
    FeedCache,
    FeedSubscription,
    Plan,
    Programme,
    Region,
    Section,
    User,
)
from eventplan.models.base import utcnow
from eventplan.models.event import Event
from eventplan.models.feed import ALARM_CHOICES, FEED_LANGS
from eventplan.services import audit, feed_store, ical
from eventplan.services.errors import NotAllowed, ValidationError
from eventplan.services.programmes import programme_by_slug
from eventplan.services.queries import IN_FORCE, executed_by, plan_visible_to

TOKEN_BYTES = 18  # 144 random bits, 24 characters: short enough for every calendar client
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")
NAME_MAX = 120
MAX_FEEDS_PER_USER = 50
TOUCH_EVERY = timedelta(minutes=5)  # "last fetched" is kept to this precision: polls stay reads


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class FeedFilter:
    """What a feed shows, as given by the form or a one-click button."""

    programme_id: int
    section_id: int | None = None
    category: str | None = None
    region_id: int | None = None
    agency_id: int | None = None
    own_agency: bool = False
    include_commemorations: bool = True
    lang: str = "ru"
    alarm_minutes: int = 0


def _validate(user: User, flt: FeedFilter) -> Programme:
    programme = db.session.get(Programme, flt.programme_id) if flt.programme_id else None
    if programme is None:
        raise ValidationError(_("Choose a programme."), "programme_id")
    if flt.section_id is not None:
        section = db.session.get(Section, flt.section_id)
        if section is None or section.programme_id != programme.id:
            raise ValidationError(_("Choose a section of this programme."), "section_id")
    if flt.category is not None and flt.category not in CATEGORIES:
        raise ValidationError(_("Choose a category."), "category")
    if flt.region_id is not None and db.session.get(Region, flt.region_id) is None:
        raise ValidationError(_("Choose a region."), "region_id")
    if flt.agency_id is not None and db.session.get(Agency, flt.agency_id) is None:
        raise ValidationError(_("Choose an agency."), "agency_id")
    if flt.own_agency and not user.agency_id:
        raise ValidationError(_("Your account belongs to no agency."), "own_agency")
    if flt.lang not in FEED_LANGS:
        raise ValidationError(_("Choose a language."), "lang")
    if flt.alarm_minutes not in ALARM_CHOICES:
        raise ValidationError(_("Choose a reminder."), "alarm_minutes")
    return programme


def _clean_name(name: str | None) -> str:
    name = " ".join(ical.clean(name).split())
    if len(name) > NAME_MAX:
        raise ValidationError(_("At most %(n)d characters.", n=NAME_MAX), "name")
    return name


def default_name(programme: Programme, flt: FeedFilter) -> str:
    """A readable name from the filter, in the feed's language."""
    lang = flt.lang
    parts = [programme.display_name(lang)]
    for model, ident in ((Section, flt.section_id), (Agency, flt.agency_id),
                         (Region, flt.region_id)):
        obj = db.session.get(model, ident) if ident else None
        if obj is not None:
            parts.append(obj.display_name(lang))
    with force_locale(lang):
        if flt.category:
            parts.append(str(CATEGORY_LABELS[flt.category]))
        if flt.own_agency:
            parts.append(_("events of my agency"))
    return cut_at_word(" · ".join(p for p in parts if p), NAME_MAX)


def cut_at_word(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut after a whole word and marked with "…"."""
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    if " " in head:
        head = head[:head.rindex(" ")]
    return head.rstrip(" ·,;:—-") + "…"


def _filter_snapshot(feed: FeedSubscription) -> dict:
    return audit.snapshot(feed, ["name", "programme_id", "section_id", "category", "region_id",
                                 "agency_id", "own_agency", "include_commemorations", "lang",
                                 "alarm_minutes"])


def create_feed(user: User, flt: FeedFilter, name: str | None = None
                ) -> tuple[FeedSubscription, str]:
    """A new feed and its token; the token is returned once and never stored."""
    if not user.is_authenticated or not user.is_active:
        raise NotAllowed(_("Log in to create a calendar feed."))
    programme = _validate(user, flt)
    active = db.session.scalar(select(func.count(FeedSubscription.id)).where(
        FeedSubscription.user_id == user.id, FeedSubscription.revoked_at.is_(None)))
    if (active or 0) >= MAX_FEEDS_PER_USER:
        raise ValidationError(_("You have %(n)d feeds already; revoke one first.",
                                n=MAX_FEEDS_PER_USER))
    token = new_token()
    feed = FeedSubscription(user_id=user.id, name=_clean_name(name) or
                            default_name(programme, flt), token_hash=hash_token(token),
                            **vars(flt))
    db.session.add(feed)
    db.session.flush()
    audit.record(user, "feed.create", feed, audit.diff({}, _filter_snapshot(feed)))
    return feed, token


def _check_manage(feed: FeedSubscription, user: User, owner_only: bool = True) -> None:
    # An admin may revoke any feed, but only its owner renames it or gets a new address.
    if not feed.can_manage(user) or (owner_only and user.id != feed.user_id):
        raise NotAllowed(_("You cannot change this feed."))
    if not feed.is_active:
        raise ValidationError(_("This feed has been revoked."))


def _forget_build(feed: FeedSubscription) -> None:
    db.session.execute(delete(FeedCache).where(FeedCache.key == feed.cache_key()))


def rename_feed(feed: FeedSubscription, user: User, name: str | None) -> FeedSubscription:
    _check_manage(feed, user)
    name = _clean_name(name)
    if not name:
        raise ValidationError(_("Give the feed a name."), "name")
    if name != feed.name:
        audit.record(user, "feed.rename", feed, {"name": [feed.name, name]})
        feed.name = name
        feed.renamed_at = utcnow()
        _forget_build(feed)  # the name is inside the body: the kept ETag no longer holds
        db.session.flush()
    return feed


def regenerate_token(feed: FeedSubscription, user: User) -> str:
    """A new address for the same feed; the old one stops working at once."""
    _check_manage(feed, user)
    token = new_token()
    feed.token_hash = hash_token(token)
    db.session.flush()
    audit.record(user, "feed.regenerate", feed)
    return token


def revoke_feed(feed: FeedSubscription, user: User) -> FeedSubscription:
    _check_manage(feed, user, owner_only=False)
    feed.revoked_at = utcnow()
    feed.revoked_by_id = user.id
    _forget_build(feed)
    db.session.flush()
    audit.record(user, "feed.revoke", feed, {"revoked": [False, True]},
                 note=None if user.id == feed.user_id else _("Revoked by an administrator."))
    return feed


def find_by_token(token: str) -> FeedSubscription | None:
    """The live feed of a live owner for this token, in one indexed query; else None."""
    if not TOKEN_PATTERN.fullmatch(token):
        return None
    feed = db.session.scalar(
        select(FeedSubscription)
        .join(User, User.id == FeedSubscription.user_id)
        .where(FeedSubscription.token_hash == hash_token(token),
               FeedSubscription.revoked_at.is_(None), User.active.is_(True))
        .join(Programme, Programme.id == FeedSubscription.programme_id)
        .options(contains_eager(FeedSubscription.user),
                 contains_eager(FeedSubscription.programme))
    )
    return feed


def touch(feed: FeedSubscription, now: datetime | None = None) -> None:
    """Note the fetch, at most once per TOUCH_EVERY, so polls do not all write."""
    now = now or utcnow()
    if feed.last_used_at is None or now - feed.last_used_at >= TOUCH_EVERY:
        feed.last_used_at = now


def feed_conditions(feed: FeedSubscription) -> list[ColumnElement[bool]]:
    """The owner's current rights, plans in force, then the stored filter."""
    owner, programme = feed.user, feed.programme
    conditions = [Plan.status.in_(IN_FORCE), plan_visible_to(owner, programme)]
    if feed.section_id is not None:
        conditions.append(Event.section_id == feed.section_id)
    if feed.category:
        conditions.append(Event.category == feed.category)
    if feed.region_id is not None:
        conditions.append(Event.region_id == feed.region_id)
    if feed.agency_id is not None:
        conditions.append(executed_by(feed.agency_id))
    if feed.own_agency:
        conditions.append(executed_by(owner.agency_id) if owner.agency_id else false())
    return conditions


def public_conditions(programme: Programme) -> list[ColumnElement[bool]]:
    return [Plan.status.in_(IN_FORCE), plan_visible_to(AnonymousUserMixin(), programme)]


def public_programme(slug: str, lang: str) -> tuple[int, datetime, str] | None:
    """(id, created_at, name in ``lang``) of the public programme with this slug, or None.

    Kept per process for the current change counter (a programme's change raises it), so a
    public poll reads nothing from the database when nothing changed."""
    feed_store.generation()
    key = f"public:{slug}:{lang}"
    found = feed_store.memo().names.get(key)
    if found is None:
        programme = programme_by_slug(slug)
        found = (None,) if programme is None or not programme.is_public else (
            programme.id, programme.created_at, programme.display_name(lang))
        feed_store.memo().names[key] = found
    return None if found[0] is None else found


def user_feeds(user: User) -> list[FeedSubscription]:
    return list(db.session.scalars(
        select(FeedSubscription).where(FeedSubscription.user_id == user.id)
        .options(selectinload(FeedSubscription.programme))
        .order_by(FeedSubscription.revoked_at.is_not(None), FeedSubscription.id.desc())
    ))


def others_feeds_query(user: User) -> Select:
    """Live feeds of other users, for the administrator's list."""
    return (select(FeedSubscription)
            .where(FeedSubscription.user_id != user.id, FeedSubscription.revoked_at.is_(None))
            .options(selectinload(FeedSubscription.user),
                     selectinload(FeedSubscription.programme))
            .order_by(FeedSubscription.id.desc()))
