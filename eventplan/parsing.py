"""One place that turns text from a URL, a form or a file into numbers, ids, pages and dates.

``str.isdigit()`` accepts "²" and other digits ``int()`` refuses, and ``int()`` accepts
numbers no database column holds; every reader of outside input goes through here instead:
ASCII digits only, the database's integer range, dates within a sane span, finite decimals.
The ``to_*`` functions answer None for anything they cannot read; ``parse_*`` raise
``ParseError`` with a message in the user's language for callers that report the problem.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter, ValidationError

DB_INT_MAX = 2**31 - 1  # PostgreSQL INTEGER; SQLite holds more, but both must agree
PAGE_MAX = 100_000  # no list is that long; a larger page number only asks for a huge OFFSET
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2200, 12, 31)
MONEY_MAX = Decimal(10**13)  # event.estimated_cost is Numeric(16, 2): below 10^14

_INTEGER = re.compile(r"[+-]?[0-9]{1,12}")
_DECIMAL = re.compile(r"[+-]?[0-9]{1,16}([.,][0-9]{1,6})?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ParseError(ValueError):
    """Text that is not the expected kind of value; ``message`` is ready to show."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = str(message)


def parse_int(raw: object, low: int = 0, high: int = DB_INT_MAX) -> int:
    text = str(raw if raw is not None else "").strip()
    if not _INTEGER.fullmatch(text):
        raise ParseError(_l("Expected a whole number."))
    value = int(text)
    if not low <= value <= high:
        raise ParseError(_l("Expected a number from %(low)d to %(high)d.", low=low, high=high))
    return value


def to_int(raw: object, low: int = 0, high: int = DB_INT_MAX) -> int | None:
    try:
        return parse_int(raw, low, high)
    except ParseError:
        return None


def to_id(raw: object) -> int | None:
    """A row id: 1 to the largest INTEGER, or None."""
    return to_int(raw, 1, DB_INT_MAX)


def to_page(raw: object) -> int:
    """A page number; anything unreadable or out of range is the first page."""
    return to_int(raw, 1, PAGE_MAX) or 1


def parse_date(raw: object) -> date:
    text = str(raw if raw is not None else "").strip()
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        value = date.fromisoformat(text)
    except ValueError:
        raise ParseError(_l("Enter the date as YYYY-MM-DD, e.g. 2021-06-22.")) from None
    if not DATE_MIN <= value <= DATE_MAX:
        raise ParseError(_l("Enter a date between %(low)s and %(high)s.",
                            low=DATE_MIN.isoformat(), high=DATE_MAX.isoformat()))
    return value


def to_date(raw: object) -> date | None:
    try:
        return parse_date(raw)
    except ParseError:
        return None


def parse_decimal(raw: object, low: Decimal = Decimal(0), high: Decimal = MONEY_MAX) -> Decimal:
    """A finite decimal (comma or point): never NaN, sNaN or Infinity, which Decimal accepts."""
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            raise ParseError(_l("Expected a number.")) from None
        if not value.is_finite():
            raise ParseError(_l("Expected a finite number, not %(value)s.", value=raw))
    else:
        text = str(raw if raw is not None else "").strip().replace(" ", "").replace("\u00a0", "")
        if not _DECIMAL.fullmatch(text):
            raise ParseError(_l("Expected a number."))
        value = Decimal(text.replace(",", "."))
    if not low <= value <= high:
        raise ParseError(_l("Expected a number from %(low)s to %(high)s.", low=low, high=high))
    return value


class BoundedIntConverter(IntegerConverter):
    """``<int:…>`` in a URL: ASCII digits within the database's range; else no route (404)."""

    regex = r"[0-9]+"

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", DB_INT_MAX)
        super().__init__(map, *args, **kwargs)

    def to_python(self, value: str) -> int:
        if len(value) > 10:
            raise ValidationError()
        return super().to_python(value)


def init_app(app) -> None:
    """Before any blueprint adds a rule, so every ``<int:…>`` uses the bounded converter."""
    app.url_map.converters["int"] = BoundedIntConverter


def to_version(raw: object) -> int:
    """An optimistic-lock version from a hidden field; -1 (never current) when unreadable."""
    value = to_int(raw)
    return -1 if value is None else value


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def file_name(raw: object, default: str = "file", limit: int = 255) -> str:
    """An uploaded file's name without folders or control characters (a NUL is refused by
    PostgreSQL in any text column): what the user sees and what the row stores."""
    text = _CONTROL.sub("", str(raw or "")).replace("\\", "/")
    return text.rsplit("/", 1)[-1].strip()[:limit] or default
