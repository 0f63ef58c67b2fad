"""The sums of the completion figures, in SQL: one definition for the event page, the
dashboard cube, the exports and the API (the figures themselves: ``models/completion.py``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, select

from eventplan.models.completion import (
    CHANNELS,
    FIGURES,
    MONEY,
    REPORTS,
    TOTALLED_FIGURES,
    CompletionReport,
    Figure,
)

CENT = Decimal("0.01")
TOTALS = tuple(f.name for f in TOTALLED_FIGURES)  # "reports", "participants", … in order
MEDIA_FIELDS = tuple(f.name for f in FIGURES if f.channel)  # "media_tv", …


def media_sum():
    """A report's media materials: the sum of its channels (empty counts as 0)."""
    total = literal(0)
    for name in MEDIA_FIELDS:
        total = total + func.coalesce(getattr(CompletionReport, name), 0)
    return total


def sum_column(figure: Figure, zero: bool = True) -> ColumnElement:
    """The figure summed over the selected report rows, labelled by its name; ``zero``:
    0 rather than NULL when nothing was reported."""
    if figure.sums == REPORTS:
        return func.count(CompletionReport.id).label(figure.name)
    value = media_sum() if figure.sums == CHANNELS else getattr(CompletionReport, figure.name)
    total = func.sum(value)
    return (func.coalesce(total, 0) if zero else total).label(figure.name)


def sum_columns(zero: bool = True) -> list[ColumnElement]:
    """Every totalled figure, summed: the SELECT list behind every total of the figures."""
    return [sum_column(f, zero) for f in TOTALLED_FIGURES]


def event_sums(*conditions: ColumnElement[bool]) -> Select:
    """Each event's sums over the reports matching ``conditions`` (``event_id`` + TOTALS)."""
    return (select(CompletionReport.event_id.label("event_id"), *sum_columns())
            .where(*conditions).group_by(CompletionReport.event_id))


def plain_value(figure: Figure, value: Any) -> Any:
    """A sum as Python: tenge as Decimal with cents, counts as int; nothing as 0."""
    if figure.kind == MONEY:
        return Decimal(str(value or 0)).quantize(CENT)
    return int(value or 0)


def zero_values() -> dict[str, Any]:
    return {f.name: plain_value(f, 0) for f in TOTALLED_FIGURES}
