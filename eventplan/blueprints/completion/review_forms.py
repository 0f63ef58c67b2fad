"""Input shapes for review decisions."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class AcceptForm(FlaskForm):
    version = HiddenField()
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=5000)])


class ReturnReportForm(FlaskForm):
    version = HiddenField()
    comment = TextAreaField(_l("What must be corrected"),
                            validators=[DataRequired(), Length(max=5000)])


class BulkForm(FlaskForm):
    """Accept selected: CSRF only; the ``report`` checkboxes carry ``id:version``."""


def version_of(form) -> int:
    raw = form.version.data or ""
    return int(raw) if raw.isdigit() else -1


def selection(values: list[str]) -> dict[int, int | None]:
    """``["12:3", "15:1"]`` -> ``{12: 3, 15: 1}``; malformed values are ignored."""
    picked: dict[int, int | None] = {}
    for value in values:
        rid, _sep, version = value.partition(":")
        if rid.isdigit() and len(rid) < 12:
            picked[int(rid)] = int(version) if version.isdigit() and len(version) < 12 else None
    return picked
