"""The week at a glance: a programme's events day by day, for reading on a phone.

An event is listed on its first day. Events that began before the week and are still under
way (multi-day festivals, "all year" items) are listed once, above the days, instead of
filling every day of the week.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select, true
from sqlalchemy.orm import joinedload

from eventplan.extensions import db
from eventplan.models import Commemoration, Event, Plan, Programme
from eventplan.services import queries, rollups
from eventplan.services.deadlines import programme_today
from eventplan.services.errors import ValidationError

DAYS = 7
DAY_LIMIT = 10  # events a day lists; the rest are counted, one click away ("N more")
LIMIT = 500  # events an opened day or the "under way" list shows; beyond: narrow the filters
LONG = 31  # days: events longer than this are found through a kept list, not a date range
MARGIN = timedelta(days=366)  # weeks this far outside the programme can still be opened


@dataclass
class Day:
    day: date
    events: list[Event] = field(default_factory=list)
    anniversaries: list[Commemoration] = field(default_factory=list)
    total: int = 0  # events starting that day, shown or not

    @property
    def more(self) -> int:
        return self.total - len(self.events)


@dataclass
class Week:
    start: date
    end: date
    days: list[Day]
    continuing: list[Event]
    continuing_total: int = 0  # events under way since before the week, listed or not
    truncated: bool = False  # more than LIMIT events: the page asks to narrow the filters

    @property
    def continuing_more(self) -> int:
        return self.continuing_total - len(self.continuing)

    @property
    def previous(self) -> date:
        return self.start - timedelta(days=DAYS)

    @property
    def next(self) -> date:
        return self.start + timedelta(days=DAYS)

    @property
    def empty(self) -> bool:
        return not self.continuing and not any(d.events or d.anniversaries for d in self.days)


def default_start(programme: Programme) -> date:
    """Monday of the programme's today, brought inside the programme's dates."""
    today = min(max(programme_today(programme), programme.starts_on), programme.ends_on)
    return monday_of(today)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def parse_week(raw: str, programme: Programme) -> date:
    """The Monday of the week holding the day ``raw`` (YYYY-MM-DD) names."""
    try:
        day = date.fromisoformat(raw.strip())
    except ValueError:
        raise ValidationError(_("Enter the date as YYYY-MM-DD, e.g. 2021-06-22."),
                              "week") from None
    first, last = programme.starts_on - MARGIN, programme.ends_on + MARGIN
    if not first <= day <= last:
        raise ValidationError(_("Choose a week between %(first)s and %(last)s.",
                                first=format_date(first, "long"),
                                last=format_date(last, "long")), "week")
    return monday_of(day)


def _in_day_order(event: Event) -> tuple:
    """Timed events by their start, then the ones without a time."""
    return (event.starts_at is None, event.starts_at or 0, event.id)


def _long_event_ids(programme: Programme) -> list[int]:
    """Events of the programme lasting more than LONG days (few), kept until a write."""
    def compute() -> list[int]:
        if db.session.get_bind().dialect.name == "sqlite":
            span = func.julianday(Event.ends_on) - func.julianday(Event.starts_on)
        else:
            span = Event.ends_on - Event.starts_on
        return list(db.session.scalars(
            select(Event.id).join(Plan, Plan.id == Event.plan_id)
            .where(Plan.programme_id == programme.id, span > LONG)))
    return rollups.kept(("long_events", programme.id), compute)


def _starting(user, programme: Programme, start: date, end: date, open_day: date | None,
              filters: dict) -> tuple[list[int], dict[date, int]]:
    """Events starting in the week, at most DAY_LIMIT a day (LIMIT on ``open_day``), in
    day order, and how many start on each day: one ranked scan of the week's rows."""
    conditions = queries.event_conditions(user, programme, **filters)
    day_order = (Event.starts_at.is_(None), Event.starts_at, Event.id)
    ranked = (select(Event.id.label("id"), Event.starts_on.label("day"),
                     func.row_number().over(partition_by=Event.starts_on,
                                            order_by=day_order).label("rank"),
                     func.count().over(partition_by=Event.starts_on).label("total"))
              .join(Plan, Plan.id == Event.plan_id)
              .where(and_(true(), *conditions), Event.starts_on >= start,
                     Event.starts_on <= end).subquery())
    cap = ranked.c.rank <= DAY_LIMIT
    if open_day is not None:
        cap = or_(cap, and_(ranked.c.day == open_day, ranked.c.rank <= LIMIT + 1))
    rows = db.session.execute(select(ranked.c.id, ranked.c.day, ranked.c.total)
                              .where(cap)).all()
    return [r.id for r in rows], {day: total for _id, day, total in rows}


def _load(ids: list[int]) -> dict[int, Event]:
    """The events the page shows, with what it prints of them, in one statement."""
    if not ids:
        return {}
    return {e.id: e for e in db.session.scalars(
        select(Event).where(Event.id.in_(ids))
        .options(joinedload(Event.lead_agency), joinedload(Event.region)))}


def week(user, programme: Programme, start: date, open_day: date | None = None,
         open_continuing: bool = False, **filters) -> Week:
    """The events ``user`` may see in the 7 days from ``start`` (filters as on block pages).

    Each day lists at most DAY_LIMIT events and counts the rest; ``open_day`` lists up to
    LIMIT. What the page reads does not grow with the programme's size."""
    end = start + timedelta(days=DAYS - 1)
    starting_ids, totals = _starting(user, programme, start, end, open_day, filters)
    ids = select(Event.id).join(Plan, Plan.id == Event.plan_id).where(
        and_(true(), *queries.event_conditions(user, programme, **filters)))
    # Under way since before the week: short events started at most LONG days before it
    # (an index range), long ones from the kept list (by key); two statements, as an OR of
    # the two makes the planner walk every earlier event.
    cap = LIMIT if open_continuing else DAY_LIMIT
    short = and_(Event.starts_on >= start - timedelta(days=LONG), Event.starts_on < start,
                 Event.ends_on >= start)
    # Newest first: those are the likeliest still under way, so the scan stops soon.
    continuing_ids = list(db.session.scalars(
        ids.where(short).order_by(Event.starts_on.desc(), Event.id.desc()).limit(cap + 1)))
    total = len(continuing_ids) if len(continuing_ids) <= cap else rollups.kept(
        ("under_way", programme.id, rollups.visibility(user, programme), start,
         tuple(sorted(filters.items()))),
        lambda: queries.count_events(user, programme, extra=[short], **filters))
    long_ids = _long_event_ids(programme)
    if long_ids:
        found = list(db.session.scalars(ids.where(
            Event.id.in_(long_ids), Event.starts_on < start - timedelta(days=LONG),
            Event.ends_on >= start).limit(LIMIT + 1)))
        continuing_ids += found
        total += len(found)
    loaded = _load(starting_ids + continuing_ids)
    starting = [loaded[i] for i in starting_ids if i in loaded]
    continuing = sorted((loaded[i] for i in continuing_ids if i in loaded),
                        key=lambda e: (e.starts_on, e.id))
    days = [Day(start + timedelta(days=i)) for i in range(DAYS)]
    for event in starting:
        day = days[(event.starts_on - start).days]
        if len(day.events) < (LIMIT if event.starts_on == open_day else DAY_LIMIT):
            day.events.append(event)
    for day in days:
        day.events.sort(key=_in_day_order)
        day.total = totals.get(day.day, 0)
    for item in db.session.scalars(select(Commemoration).where(
            Commemoration.programme_id == programme.id)):
        observed = item.observed_on()
        if observed is not None and start <= observed <= end:
            days[(observed - start).days].anniversaries.append(item)
    return Week(start, end, days, continuing[:cap], continuing_total=total,
                truncated=(open_continuing and total > LIMIT) or (
                    open_day is not None and totals.get(open_day, 0) > LIMIT))
