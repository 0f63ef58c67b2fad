"""Serving feeds cheaply: kept VEVENT fragments, a change counter, and the last build's ETag.

- Each event's VEVENT is kept per (event version, language) in ``feed_fragment``; a feed body
  is the concatenation of kept fragments, rebuilt only for events whose version moved on.
- ``feed_generation`` is raised in the same transaction as any change that can alter a feed
  (ORM flushes and bulk statements through the session), so a poll that changed nothing is
  answered 304 from ``feed_cache`` without reading events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, delete, event, func, or_, select
from sqlalchemy.orm import Session, selectinload

from eventplan import metrics
from eventplan.extensions import db
from eventplan.models import (
    Agency,
    Commemoration,
    Event,
    FeedCache,
    FeedFragment,
    FeedGeneration,
    Plan,
    Programme,
    Region,
    Section,
    event_coexecutor,
)
from eventplan.models.base import utcnow
from eventplan.services import ical
from eventplan.services.upsert import insert_for

CHUNK = 500
# Changes to these can change what some feed shows.
WATCHED = (Event, Plan, Programme, Section, Agency, Region, Commemoration)
# Their names are written inside fragments: a change makes every kept fragment stale.
NAMED_IN_FRAGMENTS = (Section, Agency, Region)
WATCHED_TABLES = {m.__tablename__ for m in WATCHED} | {event_coexecutor.name}
FRAGMENT_TABLES = {m.__tablename__ for m in (*NAMED_IN_FRAGMENTS, Event)} | {
    event_coexecutor.name}
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def bump_generation(conn) -> None:
    table = FeedGeneration.__table__
    stmt = insert_for(conn.dialect.name, table).values(id=1, value=1)
    conn.execute(stmt.on_conflict_do_update(index_elements=[table.c.id],
                                            set_={"value": table.c.value + 1}))


def _after_flush(session: Session, _context) -> None:
    changed = [o for o in session.new if isinstance(o, WATCHED)]
    changed += [o for o in session.deleted if isinstance(o, WATCHED)]
    modified = [o for o in session.dirty
                if isinstance(o, WATCHED) and session.is_modified(o)]
    if not changed and not modified:
        return
    conn = session.connection()
    bump_generation(conn)
    fragments = FeedFragment.__table__
    if any(isinstance(o, NAMED_IN_FRAGMENTS) for o in [*modified, *session.deleted]):
        conn.execute(delete(fragments))
        return
    stale = sorted({o.id for o in [*modified, *session.deleted] if isinstance(o, Event)})
    # A change of co-executors alone may leave the version as it was: drop the fragment.
    for start in range(0, len(stale), CHUNK):
        conn.execute(delete(fragments).where(
            fragments.c.event_id.in_(stale[start:start + CHUNK])))


def _bulk_statement(state) -> None:
    """Core INSERT/UPDATE/DELETE sent through the session bypass flushes: count them too."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in WATCHED_TABLES:
        conn = state.session.connection()
        bump_generation(conn)
        # New events have no fragments; new co-executor links change existing ones.
        if table.name in FRAGMENT_TABLES and (not state.is_insert
                                              or table.name == event_coexecutor.name):
            conn.execute(delete(FeedFragment.__table__))


def install_listeners() -> None:
    """Called once by the app factory (database.install_listeners); idempotent."""
    for name, fn in (("after_flush", _after_flush), ("do_orm_execute", _bulk_statement)):
        if not event.contains(db.session, name, fn):
            event.listen(db.session, name, fn)


@dataclass
class FeedSpec:
    """Which events a feed holds and how it is framed."""

    key: str  # feed_cache key
    programme: Programme
    name: str
    lang: str
    conditions: Callable[[], Sequence[ColumnElement[bool]]]  # built only when needed
    alarm_minutes: int = 0
    include_commemorations: bool = True
    changed_at: datetime = EPOCH  # the feed's own last change (creation, rename)


@dataclass
class FeedAnswer:
    etag: str
    last_modified: datetime
    body: bytes | None  # None: the client's copy is current


def current_state(base_url: str) -> str:
    generation = db.session.scalar(select(FeedGeneration.value).where(FeedGeneration.id == 1))
    return f"{generation or 0}:{ical.stamp(base_url)}"


def _render(ids: Iterable[int], lang: str, base_url: str, stamp: str) -> dict[int, str]:
    """Build and keep the fragments of these events; returns {event_id: body}."""
    built: dict[int, str] = {}
    ids = sorted(ids)
    table = FeedFragment.__table__
    for start in range(0, len(ids), CHUNK):
        events = db.session.scalars(
            select(Event).where(Event.id.in_(ids[start:start + CHUNK]))
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


def _matching(spec: FeedSpec, conditions: Sequence[ColumnElement[bool]], stmt):
    return stmt.join(Plan, Plan.id == Event.plan_id).where(
        Plan.programme_id == spec.programme.id, *conditions)


def build(spec: FeedSpec, base_url: str) -> tuple[bytes, datetime]:
    """The feed body and its last change, reusing every fragment that is still current.

    One scan reads the kept bodies (NULL where missing or old), one aggregate finds the
    latest change; Python only joins strings.
    """
    stamp = ical.stamp(base_url)
    conditions = spec.conditions()
    current = and_(FeedFragment.event_id == Event.id, FeedFragment.lang == spec.lang)
    outdated = or_(FeedFragment.version.is_(None), FeedFragment.version != Event.version,
                   FeedFragment.stamp != stamp)
    # Ordered by id: stable whatever happens to the dates, and the cheapest order to read.
    rows = db.session.execute(_matching(spec, conditions, select(
        Event.id, case((outdated, None), else_=FeedFragment.body),
    ).select_from(Event).outerjoin(FeedFragment, current)).order_by(Event.id)).all()
    bodies = [body for _id, body in rows]
    if None in bodies:
        fresh = _render([i for i, body in rows if body is None], spec.lang, base_url, stamp)
        bodies = [body if body is not None else fresh[i] for i, body in rows]
    latest = db.session.scalar(_matching(spec, conditions, select(func.max(Event.updated_at))))
    last_modified = max(spec.changed_at, latest or EPOCH)
    header, footer = ical.calendar_frame(spec.name)
    parts = [header, ical.with_alarm("".join(bodies),
                                     ical.alarm_block(spec.alarm_minutes, spec.lang))]
    if spec.include_commemorations:
        dtstamp = spec.programme.created_at
        items = db.session.scalars(select(Commemoration).where(
            Commemoration.programme_id == spec.programme.id).order_by(Commemoration.id))
        parts += [f for c in items if (f := ical.commemoration_fragment(
            c, spec.lang, base_url, dtstamp))]
        last_modified = max(last_modified, dtstamp)
    parts.append(footer)
    return "".join(parts).encode(), last_modified.replace(microsecond=0)


def etag_of(body: bytes) -> str:
    return hashlib.sha1(body, usedforsecurity=False).hexdigest()  # a tag, not a secret


def answer(spec: FeedSpec, base_url: str, if_none_match: Iterable[str] = (),
           if_modified_since: datetime | None = None) -> FeedAnswer:
    """304 from the kept ETag when nothing changed since it was built; else build."""
    wanted = set(if_none_match)

    def current(etag: str, last_modified: datetime) -> bool:
        if wanted:  # If-None-Match wins over If-Modified-Since (RFC 9110)
            return etag in wanted
        return if_modified_since is not None and last_modified <= if_modified_since

    generation = select(FeedGeneration.value).where(FeedGeneration.id == 1).scalar_subquery()
    # One indexed read: the counter is read before the content, so a later change shows next time.
    kept = db.session.execute(
        select(FeedCache.state, FeedCache.etag, FeedCache.last_modified, generation)
        .where(FeedCache.key == spec.key)).first()
    if kept is None:
        state = current_state(base_url)
    else:
        state = f"{kept[3] or 0}:{ical.stamp(base_url)}"
        if kept.state == state and current(kept.etag, kept.last_modified):
            metrics.feed_answered("hit")
            return FeedAnswer(kept.etag, kept.last_modified, None)
    metrics.feed_answered("build")
    body, last_modified = build(spec, base_url)
    etag = etag_of(body)
    if kept is not None:
        # Content can change with no newer event inside (a plan comes into force): the
        # time the body last changed is what If-Modified-Since must compare with.
        last_modified = kept.last_modified if kept.etag == etag else max(
            last_modified, kept.last_modified + timedelta(seconds=1),
            utcnow().replace(microsecond=0))
    if kept is None or (kept.state, kept.etag) != (state, etag):
        conn = db.session.connection()
        table = FeedCache.__table__
        values = {"key": spec.key, "state": state, "etag": etag,
                  "last_modified": last_modified, "built_at": utcnow()}
        stmt = insert_for(conn.dialect.name, table).values(**values)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={k: v for k, v in values.items() if k != "key"}))
    return FeedAnswer(etag, last_modified, None if current(etag, last_modified) else body)
