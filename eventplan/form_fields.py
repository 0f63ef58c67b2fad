"""WTForms pieces that read numbers through eventplan.parsing (ASCII, the database's range)."""

from __future__ import annotations

from wtforms import DecimalField, HiddenField

from eventplan import parsing


def optional_id(value: object) -> int | None:
    """``coerce`` for a select of rows: empty is None; anything but a row id is refused."""
    if value in (None, "", "None"):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return parsing.parse_int(value, 1, parsing.DB_INT_MAX)  # ParseError is a ValueError


class VersionField(HiddenField):
    """The version a form was loaded at; ``expected`` is -1 (never current) when unreadable."""

    @property
    def expected(self) -> int:
        return parsing.to_version(self.data)


class FiniteDecimalField(DecimalField):
    """A non-negative amount: ``Decimal`` alone accepts NaN, sNaN and Infinity, and a
    signalling NaN raises on the first comparison."""

    def process_formdata(self, valuelist) -> None:
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        try:
            self.data = parsing.parse_decimal(valuelist[0])
        except parsing.ParseError as exc:
            self.data = None
            raise ValueError(exc.message) from None
