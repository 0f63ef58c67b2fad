"""Serving feeds cheaply: kept VEVENT fragments, a change counter, and the last build's ETag.

- Each event's VEVENT is kept per (event version, language) in ``feed_fragment``; a feed body
  is the concatenation of kept fragments, rebuilt only for events whose version moved on.
- ``feed_generation`` is raised in the same transaction as any change that can alter a feed
  (ORM flushes and bulk statements through the session), so a poll that changed nothing is
  answered 304 from ``feed_cache`` (or from the process's memory, feed_store) without reading
  events.
- A changed feed is written once to kept files (feed_store) and sent from them. A request
  renders at most ``FEED_INLINE_LIMIT`` missing fragments; with more it answers the body kept
  before (stale for a while) or nothing (the view's 503), and feed_warm renders the rest
  outside requests.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, case, delete, event, func, select
from sqlalchemy.orm import Session

from eventplan import base_url as base_config
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
from eventplan.services import feed_store, feed_warm, ical
from eventplan.services.upsert import insert_for

CHUNK = 500
INLINE_LIMIT = 200  # missing fragments a request renders itself (~0.3 s); more: NotReady
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
    session.info[feed_store.BUMPED] = True
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
        state.session.info[feed_store.BUMPED] = True
        # New events have no fragments; new co-executor links change existing ones.
        if table.name in FRAGMENT_TABLES and (not state.is_insert
                                              or table.name == event_coexecutor.name):
            conn.execute(delete(FeedFragment.__table__))


def install_listeners() -> None:
    """Called once by the app factory (database.install_listeners); idempotent."""
    for name, fn in (("after_flush", _after_flush), ("do_orm_execute", _bulk_statement)):
        if not event.contains(db.session, name, fn):
            event.listen(db.session, name, fn)
    feed_store.install_listeners()


@dataclass
class FeedSpec:
    """Which events a feed holds and how it is framed."""

    key: str  # feed_cache key
    programme_id: int
    programme_created_at: datetime  # the commemorations' DTSTAMP
    name: str
    lang: str
    conditions: Callable[[], Sequence[ColumnElement[bool]]]  # built only when needed
    alarm_minutes: int = 0
    include_commemorations: bool = True
    changed_at: datetime = EPOCH  # the feed's own last change (creation, rename)
    rights: str = ""  # the owner's role and agency: a change of rights is a change of feed


@dataclass
class FeedAnswer:
    etag: str
    last_modified: datetime
    send: bool  # False: the client's copy is current (304)
    stale: bool = False  # an older kept body, sent while its fragments are being rendered


class NotReady(Exception):
    """More fragments are missing than a request may render; the scheduler renders them."""

    def __init__(self, missing: int) -> None:
        super().__init__(f"{missing}+ fragments missing")
        self.missing = missing


def inline_limit() -> int:
    return int(current_app.config.get("FEED_INLINE_LIMIT", INLINE_LIMIT))


def _matching(spec: FeedSpec, conditions: Sequence[ColumnElement[bool]], stmt):
    return stmt.join(Plan, Plan.id == Event.plan_id).where(
        Plan.programme_id == spec.programme_id, *conditions)


def build(spec: FeedSpec, base_url: str) -> tuple[str, datetime]:
    """Write the feed body (plain and gzip) to its kept files; returns (ETag, last change).

    A few missing fragments (an edit) are rendered here; more raise ``NotReady``. The kept
    fragments are read in one ordered scan and written as they come, never held together.
    """
    stamp = ical.stamp(base_url)
    conditions = spec.conditions()
    join, test = feed_warm.outdated(spec.lang, stamp)
    limit = inline_limit()
    missing = list(db.session.scalars(_matching(spec, conditions, select(Event.id)
                                                .outerjoin(FeedFragment, join))
                                      .where(test).order_by(Event.id).limit(limit + 1)))
    if len(missing) > limit:
        raise NotReady(len(missing))
    if missing:
        feed_warm.render(missing, spec.lang, base_url, stamp)
    latest = db.session.scalar(_matching(spec, conditions, select(func.max(Event.updated_at))))
    last_modified = max(spec.changed_at, latest or EPOCH)
    alarm = ical.alarm_block(spec.alarm_minutes, spec.lang)
    end_with_alarm = "\r\n" + alarm + "END:VEVENT\r\n"
    header, footer = ical.calendar_frame(spec.name)
    writer = feed_store.BodyWriter()
    try:
        writer.write(header)
        # Ordered by id: stable whatever happens to the dates, and the cheapest order to read.
        rows = db.session.execute(_matching(spec, conditions, select(
            Event.id, case((test, None), else_=FeedFragment.body),
        ).select_from(Event).outerjoin(FeedFragment, join)).order_by(Event.id)
            .execution_options(yield_per=2000))
        late: list[int] = []
        for event_id, body in rows:
            if body is None:  # changed since the check above: rendered after the scan
                late.append(event_id)
            else:
                writer.write(body.replace(ical.END_VEVENT, end_with_alarm) if alarm else body)
        if late:
            if len(late) > limit:
                raise NotReady(len(late))
            for body in feed_warm.render(late, spec.lang, base_url, stamp).values():
                writer.write(body.replace(ical.END_VEVENT, end_with_alarm) if alarm else body)
        if spec.include_commemorations:
            items = db.session.scalars(select(Commemoration).where(
                Commemoration.programme_id == spec.programme_id).order_by(Commemoration.id))
            for item in items:
                fragment = ical.commemoration_fragment(item, spec.lang, base_url,
                                                       spec.programme_created_at)
                if fragment:
                    writer.write(fragment)
            last_modified = max(last_modified, spec.programme_created_at)
        writer.write(footer)
        etag = writer.finish()
    except BaseException:
        writer.abandon()
        raise
    return etag, last_modified.replace(microsecond=0)


def _note_demand(key: str) -> None:
    """Remember that this feed was asked for, so the warm job renders its language (the
    caller commits this although it answers 503)."""
    table = FeedCache.__table__
    conn = db.session.connection()
    stmt = insert_for(conn.dialect.name, table).values(
        key=key, state="pending", etag="", last_modified=EPOCH, built_at=utcnow())
    conn.execute(stmt.on_conflict_do_nothing(index_elements=[table.c.key]))


BASE_PREFIX = "base:"  # feed_cache rows "base:<address>": where feeds were read, newest first


def note_base(base_url: str) -> None:
    """With no EVENTPLAN_BASE_URL, remember the address a cold feed was asked at: the warm job
    renders the fragments with that address, or the feed would wait for ever."""
    table = FeedCache.__table__
    conn = db.session.connection()
    key = (BASE_PREFIX + base_url)[:120]
    stmt = insert_for(conn.dialect.name, table).values(
        key=key, state="base", etag="", last_modified=EPOCH, built_at=utcnow())
    conn.execute(stmt.on_conflict_do_update(index_elements=[table.c.key],
                                            set_={"built_at": utcnow()}))


def noted_base() -> str | None:
    """The address feeds were last asked at (see ``note_base``), if any."""
    key = db.session.scalar(select(FeedCache.key).where(FeedCache.key.like(BASE_PREFIX + "%"))
                            .order_by(FeedCache.built_at.desc()).limit(1))
    return key.removeprefix(BASE_PREFIX) if key else None


def answer(spec: FeedSpec, base_url: str, if_none_match: Iterable[str] = (),
           if_modified_since: datetime | None = None) -> FeedAnswer | None:
    """The kept body when nothing changed, else a fresh build; None: nothing to send yet
    (fragments are missing and no earlier body is kept) — the caller answers 503 and
    commits the note that this feed is wanted."""
    wanted = set(if_none_match)

    def current(etag: str, last_modified: datetime) -> bool:
        if wanted:  # If-None-Match wins over If-Modified-Since (RFC 9110)
            return etag in wanted
        return if_modified_since is not None and last_modified <= if_modified_since

    # The counter, the renderer and host, the owner's rights and the feed's own last change
    # (a rename): any of them moving makes the kept body old.
    host = hashlib.sha256(f"{ical.stamp(base_url)}|{spec.rights}|{spec.changed_at.isoformat()}"
                          .encode()).hexdigest()[:16]
    state = f"{feed_store.generation()}:{host}"
    kept = feed_store.remembered(spec.key, state)
    if kept is not None and feed_store.have(kept.etag):  # no database read at all
        metrics.feed_answered("hit")
        return FeedAnswer(kept.etag, kept.last_modified, not current(kept.etag,
                                                                     kept.last_modified))
    generation = select(FeedGeneration.value).where(FeedGeneration.id == 1).scalar_subquery()
    # One indexed read: the counter is read before the content, so a later change shows next time.
    row = db.session.execute(
        select(FeedCache.state, FeedCache.etag, FeedCache.last_modified, generation)
        .where(FeedCache.key == spec.key)).first()
    if row is None:
        state = f"{feed_store.note_generation(feed_store.read_generation())}:{host}"
    else:
        state = f"{feed_store.note_generation(row[3] or 0)}:{host}"
        if row.state == state and row.etag and feed_store.have(row.etag):
            feed_store.remember(spec.key, feed_store.Kept(state, row.etag, row.last_modified))
            metrics.feed_answered("hit")
            return FeedAnswer(row.etag, row.last_modified,
                              not current(row.etag, row.last_modified))
    metrics.feed_answered("build")
    try:
        etag, last_modified = build(spec, base_url)
    except NotReady:
        if not base_config.configured():
            note_base(base_url)
        if row is not None and row.etag and feed_store.have(row.etag):
            return FeedAnswer(row.etag, row.last_modified,
                              not current(row.etag, row.last_modified), stale=True)
        if row is None:
            _note_demand(spec.key)
        return None
    if row is not None and row.etag:
        # Content can change with no newer event inside (a plan comes into force): the
        # time the body last changed is what If-Modified-Since must compare with.
        last_modified = row.last_modified if row.etag == etag else max(
            last_modified, row.last_modified + timedelta(seconds=1),
            utcnow().replace(microsecond=0))
    if row is None or (row.state, row.etag) != (state, etag):
        conn = db.session.connection()
        table = FeedCache.__table__
        values = {"key": spec.key, "state": state, "etag": etag,
                  "last_modified": last_modified, "built_at": utcnow()}
        stmt = insert_for(conn.dialect.name, table).values(**values)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={k: v for k, v in values.items() if k != "key"}))
    feed_store.remember(spec.key, feed_store.Kept(state, etag, last_modified))
    return FeedAnswer(etag, last_modified, not current(etag, last_modified))
