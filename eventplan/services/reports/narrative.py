"""The period's headline figures as a paragraph in the style of an official report."""

from __future__ import annotations

from datetime import date

from babel.lists import format_list
from flask_babel import force_locale, format_date, format_decimal, get_locale, ngettext
from flask_babel import gettext as _

from eventplan.models.completion import FIGURES
from eventplan.services.reports import Summary


def _n(value) -> str:
    return format_decimal(value)


def period_phrase(start: date, end: date) -> str:
    """'From 1 January to 22 June 2021' / 'С 1 января по 22 июня 2021 года' /
    '2021 жылғы 1 қаңтар – 22 маусым аралығында': the year is its own placeholder, since
    Russian and Kazakh official style put words around it ('года', 'жылғы')."""
    first, last = format_date(start, "d MMMM"), format_date(end, "d MMMM")
    if start.year == end.year:
        return _("From %(start)s to %(end)s %(year)s", start=first, end=last, year=end.year)
    return _("From %(start)s %(start_year)s to %(end)s %(end_year)s", start=first,
             start_year=start.year, end=last, end_year=end.year)


def _sentence(text: str) -> str:
    """A sentence starts with a capital, whatever the translation put first."""
    return text[:1].upper() + text[1:]


def _media_parts(values: dict) -> list[str]:
    """"3 TV stories", … for each channel with materials (phrases: models/completion.py)."""
    return [f.phrase(values[f.name], _n(values[f.name])) for f in FIGURES
            if f.channel and f.phrase is not None and values[f.name]]


def narrative(result: Summary, lang: str | None = None) -> str:
    """One paragraph in ``lang`` (default: the current language)."""
    with force_locale(lang or str(get_locale() or "ru")):
        return _narrative(result)


def _narrative(result: Summary) -> str:
    v = result.totals.values
    locale = str(get_locale() or "ru")
    sentences = [ngettext(
        "%(period)s, %(count)s event was held out of %(planned)s planned.",
        "%(period)s, %(count)s events were held out of %(planned)s planned.",
        v["held"], period=period_phrase(result.period.start, result.period.end),
        count=_n(v["held"]), planned=_n(v["planned"]))]
    if v["postponed"] or v["cancelled"]:
        sentences.append(_("Postponed: %(postponed)s; cancelled: %(cancelled)s.",
                           postponed=_n(v["postponed"]), cancelled=_n(v["cancelled"])))
    if v["participants"]:
        sentences.append(ngettext("The events gathered %(count)s participant.",
                                  "The events gathered %(count)s participants.",
                                  v["participants"], count=_n(v["participants"])))
    if v["media"]:
        parts = _media_parts(v)
        head = ngettext("%(count)s media material was published",
                        "%(count)s media materials were published", v["media"],
                        count=_n(v["media"]))
        if parts:
            sentences.append(_("%(head)s, of them %(parts)s.", head=head,
                               parts=format_list(parts, locale=locale)))
        else:
            sentences.append(head + ".")
    if v["charity_amount"] or v["beneficiaries"]:
        sentences.append(ngettext(
            "Charity aid of %(amount)s tenge reached %(count)s beneficiary.",
            "Charity aid of %(amount)s tenge reached %(count)s beneficiaries.",
            v["beneficiaries"], amount=format_decimal(v["charity_amount"], "#,##0.00"),
            count=_n(v["beneficiaries"])))
    if result.outputs:
        items = [f"{name} — {_n(quantity)}" for name, quantity in result.outputs[:8]]
        sentences.append(_("Other outputs: %(list)s.", list=format_list(items, locale=locale)))
    return " ".join(_sentence(sentence) for sentence in sentences)
