"""The progress report form: period, language, format and the letter's requisites."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional
from wtforms.validators import ValidationError as FieldError

from eventplan import parsing


def plausible(form, field) -> None:
    """A date a letter can carry (and the deadline arithmetic can step around): the parsing
    layer's one sane range, with its message."""
    if field.data is not None:
        try:
            parsing.parse_date(field.data.isoformat())
        except parsing.ParseError as exc:
            raise FieldError(exc.message) from None


class DocumentForm(FlaskForm):
    start = DateField(_l("Period from"), validators=[InputRequired(), plausible])
    end = DateField(_l("Period to"), validators=[InputRequired(), plausible])
    as_of = DateField(_l("As of"), validators=[InputRequired(), plausible])
    lang = SelectField(_l("Language of the letter"),
                       choices=[("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")])
    fmt = SelectField(_l("Format"), choices=[("docx", "DOCX"), ("pdf", "PDF")])
    addressee = TextAreaField(_l("Addressee"), validators=[Optional(), Length(max=500)],
                              description=_l("One line per line of the letter's heading."))
    outgoing_number = StringField(_l("Outgoing number"), validators=[Optional(), Length(max=60)])
    outgoing_date = DateField(_l("Outgoing date"), validators=[Optional(), plausible])
    incoming_ref = StringField(_l("In reply to (incoming request)"),
                               validators=[Optional(), Length(max=200)],
                               description=_l("For example: No. ДС-227 of 23 June 2021"))
    signer_position = StringField(_l("Signatory's position"),
                                  validators=[Optional(), Length(max=300)])
    signer_name = StringField(_l("Signatory's name"), validators=[Optional(), Length(max=120)])
    executor = StringField(_l("Executor"), validators=[Optional(), Length(max=120)])
    executor_phone = StringField(_l("Executor's phone"), validators=[Optional(), Length(max=60)])
