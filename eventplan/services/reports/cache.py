"""Keeping computed report figures until something they depend on changes.

The figures of a programme (``cube.aggregate``) cost a scan of every event and accepted
report; at 100,000 events that is ~0.8 s on SQLite. They change only when an event, plan,
programme, block, report or report output is written, so:

- ``stats_version.stamp`` gets a fresh random value in the same transaction as any such
  write (ORM flushes, and bulk statements through the session), like ``feed_generation``;
- each process keeps the last ``STATS_CACHE_SIZE`` results keyed by (programme, period,
  scope, stamp). A request reads the stamp (one primary-key read) before the figures, so
  a change committed meanwhile shows at the latest on the next request.

Labels (names in the reader's language) are not cached: they are applied per request.
Writes that bypass the session (another program's SQL) are not seen until the next
change through the application, or a restart.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from flask import current_app
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from eventplan.extensions import db
from eventplan.models import (
    CompletionReport,
    Event,
    Plan,
    Programme,
    ReportOutput,
    Section,
    StatsVersion,
    event_coexecutor,
)
from eventplan.services.upsert import insert_for

# Writes to these can change some figure (co-executors change a coordinator's scope).
WATCHED = (Event, Plan, Programme, Section, CompletionReport, ReportOutput)
WATCHED_TABLES = {m.__tablename__ for m in WATCHED} | {event_coexecutor.name}

Figures = dict[str, dict[Any, dict[str, Any]]]


def new_stamp(conn) -> None:
    table = StatsVersion.__table__
    stmt = insert_for(conn.dialect.name, table).values(id=1, stamp=uuid.uuid4().hex)
    conn.execute(stmt.on_conflict_do_update(index_elements=[table.c.id],
                                            set_={"stamp": stmt.excluded.stamp}))


def _after_flush(session: Session, _context) -> None:
    touched = [*session.new, *session.deleted,
               *(o for o in session.dirty if session.is_modified(o))]
    if any(isinstance(o, WATCHED) for o in touched):
        new_stamp(session.connection())


def _bulk_statement(state) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in WATCHED_TABLES:
        new_stamp(state.session.connection())


def install_listeners() -> None:
    """Called once by the app factory (database.install_listeners); idempotent."""
    for name, fn in (("after_flush", _after_flush), ("do_orm_execute", _bulk_statement)):
        if not event.contains(db.session, name, fn):
            event.listen(db.session, name, fn)


class FiguresCache:
    """A small thread-safe LRU of computed figures, one per application."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Any | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: tuple, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def _cache() -> FiguresCache | None:
    size = int(current_app.config.get("STATS_CACHE_SIZE") or 0)
    if size <= 0:
        return None
    cache = current_app.extensions.get("eventplan_stats_cache")
    if cache is None or cache.size != size:
        cache = current_app.extensions["eventplan_stats_cache"] = FiguresCache(size)
    return cache


Outputs = list[tuple[str, int]]


def cached_figures(key: tuple, compute: Callable[[], tuple[Figures, Outputs]]
                   ) -> tuple[Figures, Outputs]:
    """``compute()`` once per ``key`` and stats stamp; callers get their own value dicts,
    so nothing they do alters the kept copy. With no stamp yet (nothing written since the
    tables were made) it is computed every time, as there is nothing to key it by."""
    cache = _cache()
    stamp = db.session.scalar(select(StatsVersion.stamp).where(StatsVersion.id == 1)) \
        if cache is not None else None
    if cache is None or stamp is None:
        return compute()
    full_key = (*key, stamp)
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.put(full_key, value)
    figures, outputs = value
    return ({name: {k: dict(values) for k, values in data.items()}
             for name, data in figures.items()}, list(outputs))
