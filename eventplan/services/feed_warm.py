"""Rendering kept VEVENT fragments outside requests, in committed batches.

A request renders at most ``FEED_INLINE_LIMIT`` missing fragments itself (an edit leaves one
missing); everything beyond that — a fresh database, a renamed agency that made every
fragment stale, a language nobody asked for before — is rendered here, by the scheduler's
``feeds`` job or ``eventplan warm-feeds``. Each batch is committed before the next starts, so
an interrupted run keeps what it rendered and the next run starts where it stopped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from flask import current_app
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from eventplan.extensions import db
from eventplan.models import Event, FeedCache, FeedFragment, FeedSubscription, Programme
from eventplan.models.feed import FEED_LANGS
from eventplan.services import feed_store, ical
from eventplan.services.upsert import insert_for

log = logging.getLogger("eventplan.feeds")
BATCH = 500


def outdated(lang: str, stamp: str):
    """Join condition and test: the event's fragment in ``lang`` is missing or old."""
    join = and_(FeedFragment.event_id == Event.id, FeedFragment.lang == lang)
    test = or_(FeedFragment.event_id.is_(None), FeedFragment.version != Event.version,
               FeedFragment.stamp != stamp)
    return join, test


def render(ids: Iterable[int], lang: str, base_url: str, stamp: str) -> dict[int, str]:
    """Build and keep (flush, not commit) the fragments of these events; {event_id: body}."""
    built: dict[int, str] = {}
    ids = sorted(ids)
    table = FeedFragment.__table__
    for start in range(0, len(ids), BATCH):
        events = db.session.scalars(
            select(Event).where(Event.id.in_(ids[start:start + BATCH]))
            .options(selectinload(Event.lead_agency), selectinload(Event.coexecutors),
                     selectinload(Event.section), selectinload(Event.region))
            .order_by(Event.id)
        ).all()
        rows = []
        for ev in events:
            built[ev.id] = ical.event_fragment(ev, lang, base_url)
            rows.append({"event_id": ev.id, "lang": lang, "version": ev.version,
                         "stamp": stamp, "body": built[ev.id]})
        if rows:
            conn = db.session.connection()
            stmt = insert_for(conn.dialect.name, table)
            conn.execute(stmt.on_conflict_do_update(
                index_elements=[table.c.event_id, table.c.lang],
                set_={"version": stmt.excluded.version, "stamp": stmt.excluded.stamp,
                      "body": stmt.excluded.body}), rows)
    return built


def languages() -> list[str]:
    """Languages some feed is read in: live subscriptions, public feeds asked for, and the
    default language of public feeds."""
    wanted = set(db.session.scalars(select(FeedSubscription.lang).distinct().where(
        FeedSubscription.revoked_at.is_(None))))
    if db.session.scalar(select(Programme.id).where(Programme.is_public.is_(True)).limit(1)):
        wanted.add(current_app.config.get("BABEL_DEFAULT_LOCALE") or "ru")
    for key in db.session.scalars(select(FeedCache.key).where(FeedCache.key.like("public:%"))):
        wanted.add(key.rsplit(":", 1)[-1])
    return [lang for lang in FEED_LANGS if lang in wanted]


def warm(base_url: str, *, batch: int = BATCH, langs: Iterable[str] | None = None,
         after_batch: Callable[[str, int], None] | None = None,
         deadline: float | None = None) -> dict[str, int]:
    """Render every missing or old fragment, ``batch`` events per committed transaction.

    Returns {lang: fragments rendered}. ``deadline`` (time.monotonic) stops early; what was
    committed stays. ``after_batch(lang, rendered so far)`` runs after each commit.
    """
    stamp = ical.stamp(base_url)
    done: dict[str, int] = {}
    for lang in (list(langs) if langs is not None else languages()):
        join, test = outdated(lang, stamp)
        done[lang], last = 0, 0
        while deadline is None or time.monotonic() < deadline:
            ids = list(db.session.scalars(
                select(Event.id).outerjoin(FeedFragment, join)
                .where(test, Event.id > last).order_by(Event.id).limit(batch)))
            if not ids:
                break
            render(ids, lang, base_url, stamp)
            db.session.commit()  # the identity map holds rendered events weakly: memory stays flat
            done[lang] += len(ids)
            last = ids[-1]
            if after_batch is not None:
                after_batch(lang, done[lang])
    return done


def prune_files() -> int:
    """Kept bodies that no feed_cache row names any more go (after a grace period)."""
    keep = set(db.session.scalars(select(FeedCache.etag)))
    return feed_store.prune(keep)


def warm_base() -> str:
    """The address fragments are rendered with: EVENTPLAN_BASE_URL; unset, the one feeds were
    last asked at (a server on another port), else the default."""
    from eventplan import base_url
    from eventplan.services.feed_cache import noted_base

    return base_url.configured() or noted_base() or base_url.FALLBACK


def run_job(_now=None) -> dict[str, int]:
    """The scheduler's job: warm after a change (the counter moved or a language is newly
    asked for), then tidy the files. Nothing changed: three small reads."""
    langs = languages()
    base = warm_base()
    seen = (feed_store.read_generation(), tuple(langs), base)
    if current_app.extensions.get("eventplan_feeds_warmed") == seen:
        return {}
    seconds = float(current_app.config.get("FEED_WARM_RUN_SECONDS", 120))
    deadline = time.monotonic() + seconds
    done = warm(base, langs=langs, deadline=deadline)
    prune_files()
    db.session.commit()
    if time.monotonic() < deadline:  # finished: nothing to do until the next change
        current_app.extensions["eventplan_feeds_warmed"] = seen
    if any(done.values()):
        log.info("feed fragments rendered: %s", done)
    return done
