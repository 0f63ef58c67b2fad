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
from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import Commemoration, Event, Programme
from eventplan.services import queries
from eventplan.services.deadlines import programme_today
from eventplan.services.errors import ValidationError

DAYS = 7
LIMIT = 500  # events a week lists; beyond that the page asks to narrow the filters
MARGIN = timedelta(days=366)  # weeks this far outside the programme can still be opened


@dataclass
class Day:
    day: date
    events: list[Event] = field(default_factory=list)
    anniversaries: list[Commemoration] = field(default_factory=list)


@dataclass
class Week:
    start: date
    end: date
    days: list[Day]
    continuing: list[Event]
    truncated: bool = False  # more than LIMIT events: the page asks to narrow the filters

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


def week(user, programme: Programme, start: date, **filters) -> Week:
    """The events ``user`` may see in the 7 days from ``start`` (filters as on block pages)."""
    end = start + timedelta(days=DAYS - 1)
    base = queries.events_query(user, programme, **filters)
    starting = db.session.scalars(
        base.where(Event.starts_on >= start, Event.starts_on <= end).limit(LIMIT + 1)).all()
    continuing = db.session.scalars(
        base.where(Event.starts_on < start, Event.ends_on >= start).limit(LIMIT + 1)).all()
    days = [Day(start + timedelta(days=i)) for i in range(DAYS)]
    for event in starting[:LIMIT]:
        days[(event.starts_on - start).days].events.append(event)
    for day in days:
        day.events.sort(key=_in_day_order)
    for item in db.session.scalars(select(Commemoration).where(
            Commemoration.programme_id == programme.id)):
        observed = item.observed_on()
        if observed is not None and start <= observed <= end:
            days[(observed - start).days].anniversaries.append(item)
    return Week(start, end, days, list(continuing[:LIMIT]),
                truncated=len(starting) > LIMIT or len(continuing) > LIMIT)
