"""Counts the programme pages show, kept until a write changes them.

The overview's events per block and status, and the number of events a block page (with its
filters) holds, cost a scan of the programme's events: ~100 ms at 100,000. They change only
when an event, plan, programme or section is written, and every such write gives
``stats_version.stamp`` a new value in the same transaction (services/reports/cache.py). So
each process keeps them per (what is counted, who may see what, stamp): a page reads the stamp
(one primary-key read) and counts nothing while nothing changed.

Who may see what is reduced to a visibility class (everything; plans in force; plans in force
plus one agency's own), so readers of the same class share their counts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app
from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import Programme, StatsVersion
from eventplan.services import queries
from eventplan.services.reports.cache import FiguresCache

SIZE = 256


def visibility(user, programme: Programme) -> tuple:
    """The class of readers who see the same plans (mirrors queries.plan_visible_to)."""
    if user.is_authenticated and user.role in {"admin", "hq"}:
        return ("all",)
    if user.is_authenticated and user.role == "coordinator" and user.agency_id:
        return ("agency", user.agency_id)
    if user.is_authenticated or programme.is_public:
        return ("in_force",)
    return ("none",)


def _cache() -> FiguresCache:
    cache = current_app.extensions.get("eventplan_rollups")
    if cache is None:
        cache = current_app.extensions["eventplan_rollups"] = FiguresCache(SIZE)
    return cache


def kept(key: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per key and stamp (callers must not change what they get)."""
    if int(current_app.config.get("STATS_CACHE_SIZE") or 0) <= 0:
        return compute()
    stamp = db.session.scalar(select(StatsVersion.stamp).where(StatsVersion.id == 1))
    if stamp is None:  # nothing written since the tables were made: nothing to key it by
        return compute()
    full_key = (*key, stamp)
    cache = _cache()
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.put(full_key, value)
    return value


def status_counts_by_section(user, programme: Programme) -> dict[int, dict[str, int]]:
    return kept(("sections", programme.id, visibility(user, programme)),
                lambda: queries.status_counts_by_section(user, programme))


def block_total(user, programme: Programme, section_id: int, **filters) -> int:
    """Events of a block page with these filters; without filters, from the overview's."""
    wanted = {k: v for k, v in filters.items() if v is not None}
    if set(wanted) <= {"status"}:
        counts = status_counts_by_section(user, programme).get(section_id, {})
        return counts.get(wanted["status"], 0) if wanted else sum(counts.values())
    key = ("block", programme.id, visibility(user, programme), section_id,
           tuple(sorted(wanted.items())))
    return kept(key, lambda: queries.count_events(user, programme, section_id=section_id,
                                                  **filters))
