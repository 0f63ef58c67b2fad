"""The consistency rules of a completion report: parsing what was typed, checking it.

Plain functions raising ``ValidationError(message, field)``; the form, the CLI and imports
share them through :mod:`eventplan.services.completion.filing`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from flask_babel import gettext as _

from eventplan import dates
from eventplan.models import FORMATS, CompletionReport, Event
from eventplan.models.completion import MONEY, REPORT_OUTCOMES, STATED, TYPED_FIGURES
from eventplan.services.errors import ValidationError, ValidationErrors

COUNT_MAX = 10**9
CHARITY_MAX = Decimal(10) ** 13
LINKS_MAX = 20
LINK_LENGTH_MAX = 2000
OUTPUTS_MAX = 50
FAR_FROM_PLAN_DAYS = 30


@dataclass
class ReportData:
    """What the report form carries. Numbers may still be text: :func:`clean` parses them."""

    outcome: str = "held"
    not_held_reason: str | None = None
    held_from: date | None = None
    held_to: date | None = None
    time_from: time | None = None
    time_to: time | None = None
    date_reason: str | None = None
    format: str | None = None
    venue: str | None = None
    # The typed figures (models/completion.py) by name: "participants", "media_tv", …
    figures: dict[str, object] = field(default_factory=dict)
    outputs: list[tuple[str | None, object]] = field(default_factory=list)  # (name, number)
    links: list[str] | str = field(default_factory=list)  # a list or text, one per line
    summary: str | None = None

def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def parse_count(value: object, field_name: str) -> int | None:
    """A whole number from 0 to 10^9, or None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(_("Enter a whole number."), field_name)
    if isinstance(value, int):
        number = value
    else:
        raw = str(value).strip().replace(" ", "").replace("\u00a0", "")
        if raw.startswith("-") and raw[1:].isdigit():
            raise ValidationError(_("The number cannot be negative."), field_name)
        if not raw.isascii() or not raw.isdigit():
            raise ValidationError(_("Enter a whole number."), field_name)
        if len(raw) > 12:
            raise ValidationError(_("At most %(n)s.", n="1 000 000 000"), field_name)
        number = int(raw)
    if number < 0:
        raise ValidationError(_("The number cannot be negative."), field_name)
    if number > COUNT_MAX:
        raise ValidationError(_("At most %(n)s.", n="1 000 000 000"), field_name)
    return number


def parse_amount(value: object, field_name: str) -> Decimal | None:
    """A sum in tenge, at least 0, with at most two decimals."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    raw = str(value).strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(_("Enter an amount in tenge, e.g. 4000000 or 1250.50."),
                              field_name) from None
    if not amount.is_finite():
        raise ValidationError(_("Enter an amount in tenge, e.g. 4000000 or 1250.50."),
                              field_name)
    if amount < 0:
        raise ValidationError(_("The amount cannot be negative."), field_name)
    if amount >= CHARITY_MAX:
        raise ValidationError(_("The amount is too large."), field_name)
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(_("At most two decimal places."), field_name)
    return amount.quantize(Decimal("0.01"))


def parse_links(value: list[str] | str) -> list[str]:
    lines = value.splitlines() if isinstance(value, str) else list(value or [])
    links = [line.strip() for line in lines if line and line.strip()]
    if len(links) > LINKS_MAX:
        raise ValidationError(_("At most %(n)d links.", n=LINKS_MAX), "links")
    for link in links:
        try:
            parts = urlsplit(link)
            valid = (parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)
                     and len(link) <= LINK_LENGTH_MAX and link.isprintable()
                     and not any(c.isspace() for c in link))
        except ValueError:  # e.g. an unclosed IPv6 bracket
            valid = False
        if not valid:
            raise ValidationError(
                _("Only web addresses starting with http:// or https:// are accepted: "
                  "%(link)s", link=link[:100]), "links")
    return links


def parse_outputs(rows: list[tuple[str | None, object]]) -> list[tuple[str, int]]:
    outputs = []
    for name, number in rows:
        name = _text(name)
        if name is None and (number is None or not str(number).strip()):
            continue  # an empty row of the form
        if name is None:
            raise ValidationError(_("Give the name of each other output."), "outputs")
        if len(name) > 200:
            raise ValidationError(_("An output name has at most 200 characters."), "outputs")
        quantity = parse_count(number, "outputs")
        if quantity is None:
            raise ValidationError(_("Give the number for “%(name)s”.", name=name), "outputs")
        outputs.append((name, quantity))
    if len(outputs) > OUTPUTS_MAX:
        raise ValidationError(_("At most %(n)d other outputs.", n=OUTPUTS_MAX), "outputs")
    return outputs


def media_difference_message(total: int, parts: int) -> str:
    if parts < total:
        return _("The channels add up to %(sum)d, %(diff)d fewer than the total %(total)d.",
                 sum=parts, diff=total - parts, total=total)
    return _("The channels add up to %(sum)d, %(diff)d more than the total %(total)d.",
             sum=parts, diff=parts - total, total=total)


def parse_figures(raw: dict[str, object], problems: Problems | None = None
                  ) -> dict[str, object]:
    """Every typed figure parsed by its kind; a stated total must equal its channels.

    Errors go to ``problems`` (all of them, one per field) or, without it, are raised."""
    p = problems if problems is not None else Problems()
    values: dict[str, object] = {}
    for figure in TYPED_FIGURES:
        parse = parse_amount if figure.kind == MONEY else parse_count
        values[figure.name] = p.run(parse, raw.get(figure.name), figure.name)
    for figure in TYPED_FIGURES:
        total = values[figure.name]
        if figure.sums == STATED and total is not None:
            parts = sum(values[f.name] or 0 for f in TYPED_FIGURES if f.channel)  # type: ignore[misc]
            if parts != total:
                p.add(media_difference_message(total, parts), figure.name)
    if problems is None:
        p.raise_any()
    return values


@dataclass
class Cleaned:
    values: dict[str, object]
    outputs: list[tuple[str, int]]


class Problems:
    """Every error found in one pass, at most one per field, so the form shows them all."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def add(self, message: str, field_name: str | None) -> None:
        if not any(e.field == field_name for e in self.errors):
            self.errors.append(ValidationError(message, field_name))

    def run(self, parse, *args):
        """``parse(*args)``, or None with its error noted."""
        try:
            return parse(*args)
        except ValidationError as exc:
            self.add(exc.message, exc.field)
            return None

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationErrors(self.errors)


def _check_dates(p: Problems, event: Event, data: ReportData, today: date) -> None:
    programme = event.plan.programme
    held_from, held_to = data.held_from, data.held_to
    if held_to is not None and held_from is None:
        p.add(_("Give the start date."), "held_from")
    for name, day in (("held_from", held_from), ("held_to", held_to)):
        if day is not None and day > today:
            p.add(_("The date cannot be in the future (today is %(d)s).", d=dates.day(today)),
                  name)
        elif day is not None and day < programme.starts_on:
            p.add(_("The date cannot be before the programme starts (%(d)s).",
                    d=dates.day(programme.starts_on)), name)
    if held_from is not None and held_to is not None and held_to < held_from:
        p.add(_("The end cannot be before the start."), "held_to")
    if data.time_to is not None and data.time_from is None:
        p.add(_("Give a start time before an end time."), "time_from")
    if (data.time_from and data.time_to and held_from is not None
            and (held_to or held_from) == held_from and data.time_to < data.time_from):
        p.add(_("The end cannot be before the start."), "time_to")
    if held_from is not None and _text(data.date_reason) is None:
        far = (abs((held_from - event.starts_on).days) > FAR_FROM_PLAN_DAYS
               or abs(((held_to or held_from) - event.ends_on).days) > FAR_FROM_PLAN_DAYS)
        if far:
            p.add(_("The dates are more than %(n)d days from the planned ones "
                    "(%(a)s – %(b)s): give the reason.", n=FAR_FROM_PLAN_DAYS,
                    a=dates.day(event.starts_on), b=dates.day(event.ends_on)), "date_reason")


def clean(event: Event, data: ReportData, today: date, submitting: bool = False) -> Cleaned:
    """Parse and check everything entered; raise ``ValidationErrors`` naming every field
    at fault (one submit shows all mistakes). With ``submitting``, what review needs too.

    ``today`` is the programme's local date (:func:`deadlines.programme_today`).
    """
    p = Problems()
    if data.outcome not in REPORT_OUTCOMES:
        p.add(_("Say whether the event was held."), "outcome")
    reason = _text(data.not_held_reason)
    if data.outcome == "not_held" and reason is None:
        p.add(_("Give the reason why the event was not held."), "not_held_reason")
    fmt = _text(data.format)
    if fmt is not None and fmt not in FORMATS:
        p.add(_("Choose a format."), "format")
    _check_dates(p, event, data, today)
    held_from = data.held_from
    if submitting and data.outcome == "held" and held_from is None:
        p.add(_("Give the dates the event was held."), "held_from")
    values: dict[str, object] = {
        "outcome": data.outcome,
        "not_held_reason": reason if data.outcome == "not_held" else None,
        "held_from": held_from,
        "held_to": data.held_to if held_from is not None else None,
        "time_from": data.time_from if held_from is not None else None,
        "time_to": data.time_to if held_from is not None else None,
        "date_reason": _text(data.date_reason),
        "format": fmt,
        "venue": _text(data.venue),
        "summary": _text(data.summary),
    }
    if values["venue"] is not None and len(values["venue"]) > 300:  # type: ignore[arg-type]
        p.add(_("At most %(n)d characters.", n=300), "venue")
    values.update(parse_figures(data.figures, p))
    values["links"] = p.run(parse_links, data.links)
    outputs = p.run(parse_outputs, data.outputs)
    p.raise_any()
    return Cleaned(values, outputs or [])


def check_complete(report: CompletionReport) -> None:
    """What a report needs before it goes to review."""
    if report.outcome == "not_held":
        if not report.not_held_reason:
            raise ValidationError(_("Give the reason why the event was not held."),
                                  "not_held_reason")
        return
    if report.held_from is None:
        raise ValidationError(_("Give the dates the event was held."), "held_from")
