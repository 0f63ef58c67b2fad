"""Dates and numbers in the style of official letters, per language.

Dates: "2021 жылғы 1 қаңтар", "1 января 2021 года", "1 January 2021" (the word around the
year is grammar, not a translation, so it lives here rather than in the catalogs).
Numbers: the language's grouping ("2 300" with a no-break space in kk and ru, "2,300" in en).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal
from flask_babel import gettext as _


def official_date(day: date | None, lang: str) -> str:
    if day is None:
        return ""
    if lang == "kk":
        return f"{day.year} жылғы {format_date(day, 'd MMMM', locale='kk')}"
    if lang == "ru":
        return f"{format_date(day, 'd MMMM y', locale='ru')} года"
    return format_date(day, "d MMMM y", locale="en")


def number(value: int | Decimal | None, lang: str) -> str:
    """Whole numbers grouped; sums of money with two decimals."""
    if value is None:
        return "—"
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return format_decimal(value, "#,##0.00", locale=lang)
    return format_decimal(int(value), "#,##0", locale=lang)


def money(value: Decimal, lang: str) -> str:
    return format_decimal(value, "#,##0.00", locale=lang)


def round_figure(n: int) -> int:
    """A round figure near ``n``: two significant digits (2 312 -> 2 300, 87 -> 90)."""
    if n < 20:
        return n
    step = 10 ** (len(str(n)) - 2)
    return (n + step // 2) // step * step


def qualified(n: int, lang: str) -> str:
    """"more than 200" / "about 2 300" / "7", the way such letters state planned counts."""
    rounded = round_figure(n)
    if rounded == n:
        return number(n, lang)
    if rounded < n:
        return _("more than %(n)s", n=number(rounded, lang))
    return _("about %(n)s", n=number(rounded, lang))
