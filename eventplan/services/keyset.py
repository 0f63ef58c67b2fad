"""Pages of an events list by position, not by offset: "the 50 after this row".

A list ordered by (first day, id) is paged with a cursor naming the row a page starts after
(``after=2021-03-05.1234``) or before; the database finds it through the (section, first day)
index, so page 200 costs what page 1 costs. The total comes from kept counts (rollups), and the
page number is carried in the address for display. ``?page=N`` alone still works (an offset),
so old links keep working; the pager itself only writes cursors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, or_

from eventplan.extensions import db
from eventplan.models import Event


@dataclass
class KeysetPage:
    items: list
    page: int
    per_page: int
    total: int
    after: str | None = None  # cursor of the next page (None: this is the last)
    before: str | None = None  # cursor of the previous page (None: this is the first)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.after is not None

    @property
    def has_prev(self) -> bool:
        return self.before is not None


def cursor(event: Event) -> str:
    return f"{event.starts_on.isoformat()}.{event.id}"


def parse(raw: str | None) -> tuple[date, int] | None:
    """A cursor from the address, or None for anything that is not one."""
    if not raw or "." not in raw:
        return None
    day, _, ident = raw.partition(".")
    try:
        return date.fromisoformat(day), int(ident)
    except ValueError:
        return None


def paginate(stmt: Select, *, total: int, per_page: int, page: int = 1,
             after: str | None = None, before: str | None = None,
             last: bool = False) -> KeysetPage:
    """One page of ``stmt`` (ordered by first day and id, with no ORDER BY of its own yet)."""
    stmt = stmt.order_by(None)
    pages = max(1, math.ceil(total / per_page))
    key_after, key_before = parse(after), parse(before)
    if last:
        page = pages
        rows = db.session.scalars(stmt.order_by(Event.starts_on.desc(), Event.id.desc())
                                  .limit(total - (pages - 1) * per_page or per_page)).all()
        items = list(reversed(rows))
        more_after, more_before = False, pages > 1
    elif key_before is not None:
        day, ident = key_before
        rows = db.session.scalars(
            stmt.where(Event.starts_on <= day,  # the index bound; the OR alone is a filter
                       or_(Event.starts_on < day, and_(Event.starts_on == day, Event.id < ident)))
            .order_by(Event.starts_on.desc(), Event.id.desc()).limit(per_page + 1)).all()
        items = list(reversed(rows[:per_page]))
        more_after, more_before = True, len(rows) > per_page
        page = max(1, page) if more_before else 1
    elif key_after is not None:
        day, ident = key_after
        rows = db.session.scalars(
            stmt.where(Event.starts_on >= day,  # the index bound; the OR alone is a filter
                       or_(Event.starts_on > day, and_(Event.starts_on == day, Event.id > ident)))
            .order_by(Event.starts_on, Event.id).limit(per_page + 1)).all()
        items = rows[:per_page]
        more_after, more_before = len(rows) > per_page, True
        page = max(2, page)
    else:  # page 1, or an old ?page=N address: an offset
        page = max(1, page)
        rows = db.session.scalars(stmt.order_by(Event.starts_on, Event.id)
                                  .offset((page - 1) * per_page).limit(per_page + 1)).all()
        items = rows[:per_page]
        more_after, more_before = len(rows) > per_page, page > 1
    return KeysetPage(items, min(page, pages) if items else page, per_page, total,
                      after=cursor(items[-1]) if items and more_after else None,
                      before=cursor(items[0]) if items and more_before else None)
