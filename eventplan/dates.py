"""One set of date and time formats per language, for every page, e-mail and export.

Dates use the locale's own CLDR patterns (``medium`` in tables, ``long`` in sentences); times
are always 24-hour ``HH:mm`` (as written in Kazakhstan in every language), so one page never
mixes "3:00:00 PM", "12/4/21" and "15:00". Templates reach these through the ``format_date`` /
``format_datetime`` globals and the ``day``, ``long_day`` and ``moment`` filters; a named
style ('short', 'medium', 'long', 'full') is mapped here, an explicit pattern ('d MMM',
'HH:mm') is kept.
"""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date as babel_date
from flask_babel import format_datetime as babel_datetime

TIME = "HH:mm"
DATE_STYLES = {"short": "medium", "medium": "medium", "long": "long", "full": "full"}


def day(value: date | datetime | None, style: str = "medium") -> str:
    """A day: 'medium' in tables and lists, 'long' in sentences and headings."""
    if value is None:
        return ""
    return babel_date(value, DATE_STYLES.get(style, style))  # a datetime in the reader's zone


def long_day(value: date | datetime | None) -> str:
    return day(value, "long")


def time_of(value: datetime | None) -> str:
    return babel_datetime(value, TIME) if value is not None else ""


def moment(value: datetime | None, style: str = "medium") -> str:
    """A point in time, in the reader's zone: '10 мар. 2021 г., 15:00'."""
    if value is None:
        return ""
    if style not in DATE_STYLES:
        return babel_datetime(value, style)  # an explicit pattern, e.g. 'HH:mm' or 'xxx'
    return f"{day(value, style)}, {time_of(value)}"


def span(start: datetime, end: datetime | None) -> str:
    """A timed event: '10 мар. 2021 г., 15:00–17:00', the day written once when it is one."""
    if end is None:
        return moment(start)
    if day(start) == day(end):
        return f"{moment(start)}–{time_of(end)}"
    return f"{moment(start)} – {moment(end)}"


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(format_date=day, format_datetime=moment, time_span=span)
    app.jinja_env.filters.update(day=day, long_day=long_day, moment=moment)
