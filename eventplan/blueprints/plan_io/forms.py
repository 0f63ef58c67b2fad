from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField
from wtforms.validators import DataRequired, Length


class UploadForm(FlaskForm):
    file = FileField(_l("Spreadsheet (.xlsx or .csv)"), validators=[FileRequired()])


class ConfirmForm(FlaskForm):
    token = HiddenField(validators=[DataRequired(), Length(max=64)])
    digest = HiddenField(validators=[DataRequired(), Length(max=64)])


class AgencyMapForm(FlaskForm):
    """Per unknown name in the preview: an agency id, "new", or nothing (repeated fields)."""

    token = HiddenField(validators=[DataRequired(), Length(max=64)])

    def mappings(self) -> list[tuple[str, str, str | None]] | None:
        """(name, choice, abbreviation) triples, or None when the lists do not line up."""
        names = request.form.getlist("name")
        choices = request.form.getlist("choice")
        abbreviations = request.form.getlist("abbreviation")
        if not (len(names) == len(choices) == len(abbreviations)) or any(
                len(v) > 300 for v in (*names, *choices, *abbreviations)):
            return None
        return [(n, c, a or None) for n, c, a in zip(names, choices, abbreviations,
                                                     strict=True)]


class NewPlanForm(FlaskForm):
    """A plan draft created from a table in one step: programme, agency, file."""

    programme = SelectField(_l("Programme"), coerce=int)
    agency = SelectField(_l("Agency"), coerce=int)
    file = FileField(_l("Spreadsheet (.xlsx or .csv)"), validators=[FileRequired()])
