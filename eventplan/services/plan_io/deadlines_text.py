"""Deadlines as plan tables write them, in kk, ru and en, read into a date range.

"қаңтар", "в январе", "январь 2021 года", "II квартал", "IV тоқсан", "1 жартыжылдық",
"в течение года", "жыл бойы", "16.12.2021", "16-17 декабря", a date cell or an Excel serial
number. The original wording is kept (``Deadline.term``) unless it is a plain numeric date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _

from eventplan import parsing

RU_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
             "октябр", "ноябр", "декабр")
KK_MONTHS = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
             "қыркүйек", "қазан", "қараша", "желтоқсан")
EN_MONTHS = tuple(m.lower() for m in calendar.month_name[1:])
EN_SHORT = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
            "sept": 9, "oct": 10, "nov": 11, "dec": 12}
RU_MAY = {"май", "мая", "мае", "маю", "маем"}

YEAR_ROUND = ("в течение года", "течение всего года", "жыл бойы", "year round",
              "throughout the year", "during the year", "all year", "постоянно", "тұрақты",
              "на постоянной основе", "тиісті мерзімдеріне сәйкес", "ежемесячно",
              "ай сайын", "monthly", "ежеквартально", "тоқсан сайын", "quarterly",
              "в течение 2", "жыл ішінде")
QUARTER_STEMS = ("квартал", "тоқсан", "quarter")
HALF_STEMS = ("полугод", "жарты", "половин", "half")
ORDINALS = (("перв", 1), ("втор", 2), ("трет", 3), ("четверт", 4), ("бірінші", 1),
            ("екінші", 2), ("үшінші", 3), ("төртінші", 4), ("first", 1), ("second", 2),
            ("third", 3), ("fourth", 4))
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?!\d)")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
DAY_SPAN_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[-–—]\s*(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")
TOKEN = re.compile(r"[^\W\d_]+|\d+")
SHORT_PART = re.compile(r"(?<![^\W\d_])([qh])\s?([1-4])(?!\d)")  # Q3, H2
ONLY_SEPARATORS = re.compile(r"[\s\-–—,;:]*")


class DeadlineError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Deadline:
    starts_on: date
    ends_on: date
    term: str | None  # the wording as written; None for a plain numeric date


def format_day(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def format_range(starts_on: date, ends_on: date) -> str:
    if starts_on == ends_on:
        return format_day(starts_on)
    return f"{format_day(starts_on)} – {format_day(ends_on)}"


def month_of(token: str) -> int | None:
    if token in RU_MAY:
        return 5
    if token in EN_SHORT:
        return EN_SHORT[token]
    for number, stem in enumerate(RU_MONTHS, 1):
        if number != 5 and token.startswith(stem):
            return number
    for number, stem in enumerate(KK_MONTHS, 1):
        if token.startswith(stem):
            return number
    if token in EN_MONTHS:
        return EN_MONTHS.index(token) + 1
    return None


def _month_range(year: int, first: int, last: int) -> tuple[date, date]:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def _serial(number: float) -> date:
    if not 20000 <= number <= 80000:
        raise DeadlineError(_("The number %(n)s is not a date.", n=number))
    return date(1899, 12, 30) + timedelta(days=int(number))


def _day(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DeadlineError(_("There is no such date: %(d)s.", d=shown)) from None


def _numeric_dates(text: str) -> list[date]:
    span = DAY_SPAN_DATE.search(text)
    if span:
        first, last, month, year = (int(g) for g in span.groups())
        return [_day(year, month, first, span.group(0)), _day(year, month, last, span.group(0))]
    found = []
    for match in NUMERIC_DATE.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        found.append(_day(year + 2000 if year < 100 else year, month, day, match.group(0)))
    for match in ISO_DATE.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        found.append(_day(year, month, day, match.group(0)))
    return found


def _numbers(tokens: list[str]) -> list[int]:
    """Ordinal numbers 1-4 written as digits, Roman numerals or words."""
    found = []
    for token in tokens:
        roman = token.replace("і", "i").replace("х", "x")
        if (number := parsing.to_int(token, 1, 4)) is not None:
            found.append(number)
        elif roman in ROMAN:
            found.append(ROMAN[roman])
        else:
            found.extend(n for stem, n in ORDINALS if token.startswith(stem))
    return found


def _parts(tokens: list[str], stems: tuple[str, ...], size: int, year: int, shown: str
           ) -> tuple[date, date] | None:
    """Quarters (size 3) or half-years (size 6) named in the text, as one range."""
    if not any(t.startswith(stems) for t in tokens):
        return None
    numbers = _numbers(tokens)
    limit = 12 // size
    numbers = [n for n in numbers if n <= limit]
    if not numbers:
        raise DeadlineError(_("Cannot tell which part of the year \"%(t)s\" means.", t=shown))
    return _month_range(year, (min(numbers) - 1) * size + 1, max(numbers) * size)


def _from_words(tokens: list[str], year: int, shown: str) -> tuple[date, date] | None:
    months = [(i, month_of(t)) for i, t in enumerate(tokens)]
    months = [(i, m) for i, m in months if m]
    if not months:
        return None
    days = [(i, d) for i, t in enumerate(tokens) if len(t) <= 2
            and (d := parsing.to_int(t, 0, 99)) is not None]
    if not days:
        return _month_range(year, min(m for _, m in months), max(m for _, m in months))
    points = []
    for index, day in days:
        following = [m for i, m in months if i > index]
        month = following[0] if following else [m for i, m in months if i < index][-1]
        points.append(_day(year, month, day, shown))
    return min(points), max(points)


def parse_deadline(value: object, year: int) -> Deadline | None:
    """The deadline in a cell, with ``year`` used when the text names none; None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return Deadline(value.date(), value.date(), None)
    if isinstance(value, date):
        return Deadline(value, value, None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1990 <= value <= 2100 and float(value).is_integer():
            first, last = _month_range(int(value), 1, 12)
            return Deadline(first, last, str(int(value)))
        day = _serial(value)
        return Deadline(day, day, None)
    shown = " ".join(str(value).split())
    text = shown.lower().replace("ё", "е")
    if len(text) == 5 and (serial := parsing.to_int(text)) is not None:
        day = _serial(serial)
        return Deadline(day, day, None)
    dates = _numeric_dates(text)
    if dates:
        rest = NUMERIC_DATE.sub("", ISO_DATE.sub("", DAY_SPAN_DATE.sub("", text)))
        term = None if ONLY_SEPARATORS.fullmatch(rest) else shown
        return Deadline(min(dates), max(dates), term)
    text = SHORT_PART.sub(lambda m: ("quarter " if m[1] == "q" else "half ") + m[2], text)
    tokens = TOKEN.findall(text)
    years = [y for t in tokens if len(t) == 4 and (y := parsing.to_int(t, 1990, 2100)) is not None]
    if years:
        year = years[0]
        tokens = [t for t in tokens if t != str(year)]
    if any(phrase in " ".join(TOKEN.findall(text)) for phrase in YEAR_ROUND):
        return Deadline(*_month_range(year, 1, 12), shown)
    for stems, size in ((QUARTER_STEMS, 3), (HALF_STEMS, 6)):
        span = _parts(tokens, stems, size, year, shown)
        if span:
            return Deadline(*span, shown)
    span = _from_words(tokens, year, shown)
    if span:
        return Deadline(*span, shown)
    if years and all(not t.isalpha() or t in {"год", "года", "жыл", "жылы", "г", "ж", "year"}
                     for t in tokens):
        return Deadline(*_month_range(year, 1, 12), shown)
    raise DeadlineError(_("Cannot read the deadline \"%(t)s\".", t=shown))
