"""Input shapes for review decisions."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from eventplan import parsing
from eventplan.form_fields import VersionField


class AcceptForm(FlaskForm):
    version = VersionField()
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=5000)])


class ReturnReportForm(FlaskForm):
    version = VersionField()
    comment = TextAreaField(_l("What must be corrected"),
                            validators=[DataRequired(), Length(max=5000)])


class BulkForm(FlaskForm):
    """Accept selected: CSRF only; the ``report`` checkboxes carry ``id:version``."""


def version_of(form) -> int:
    return parsing.to_version(form.version.data)


def selection(values: list[str]) -> dict[int, int | None]:
    """``["12:3", "15:1"]`` -> ``{12: 3, 15: 1}``; malformed values are ignored."""
    picked: dict[int, int | None] = {}
    for value in values:
        rid, _sep, version = value.partition(":")
        report_id = parsing.to_id(rid)
        if report_id is not None:
            picked[report_id] = parsing.to_int(version)
    return picked
