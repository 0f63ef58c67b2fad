"""The event form: input shape only; the domain rules live in services.events."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from eventplan.form_fields import FiniteDecimalField, VersionField, optional_id
from eventplan.labels import CATEGORY_LABELS, FORMAT_LABELS
from eventplan.services.events import TITLE_MAX, EventData

optional_int = optional_id  # refuses "²", -1 and 10**30 as a form error, not a crash


def required_int(value: object) -> int:
    """Unreadable or out of range is -1, which no choice has: "Not a valid choice"."""
    try:
        result = optional_id(value)
    except ValueError:
        return -1
    return -1 if result is None else result


class EventForm(FlaskForm):
    number = StringField(_l("Number in the plan"), validators=[DataRequired(), Length(max=20)])
    title_kk = StringField(_l("Title (Kazakh)"), validators=[Length(max=TITLE_MAX)])
    title_ru = StringField(_l("Title (Russian)"), validators=[Length(max=TITLE_MAX)])
    title_en = StringField(_l("Title (English)"), validators=[Length(max=TITLE_MAX)])
    description = TextAreaField(_l("Description"), validators=[Length(max=10000)])
    section_id = SelectField(_l("Section"), coerce=required_int, validators=[InputRequired()])
    category = SelectField(_l("Category"), choices=list(CATEGORY_LABELS.items()))
    lead_agency_id = SelectField(_l("Lead agency"), coerce=required_int,
                                 validators=[InputRequired()])
    coexecutor_ids = SelectMultipleField(_l("Co-executors"), coerce=optional_id,
                                         validate_choice=True)
    region_id = SelectField(_l("Region"), coerce=optional_int, validate_choice=False)
    place = StringField(_l("Place"), validators=[Length(max=300)])
    format = SelectField(_l("Format"), choices=list(FORMAT_LABELS.items()))
    starts_on = DateField(_l("Start date"), validators=[InputRequired()])
    ends_on = DateField(_l("End date"), validators=[Optional()], description=_l(
        "When you move the start and leave the end as it was, the end moves by the same "
        "number of days: the event keeps its length."))
    start_time = TimeField(_l("Start time"), validators=[Optional()])
    end_time = TimeField(_l("End time"), validators=[Optional()])
    term = StringField(_l("Term as written in the plan"), validators=[Length(max=120)])
    completion_form = StringField(_l("Form of completion"), validators=[Length(max=300)])
    estimated_cost = FiniteDecimalField(_l("Estimated cost, KZT"), places=2,
                                        validators=[Optional(), NumberRange(min=0, max=10**13)])
    funding_source = StringField(_l("Funding source"), validators=[Length(max=200)])
    executors_note = StringField(_l("Other executors, as written"), validators=[Length(max=500)],
                                 description=_l("Bodies a plan names without naming an agency, "
                                                "e.g. interested state bodies."))
    version = VersionField()

    def to_data(self) -> EventData:
        return EventData(
            number=self.number.data or "",
            section_id=self.section_id.data,
            category=self.category.data,
            lead_agency_id=self.lead_agency_id.data,
            starts_on=self.starts_on.data,
            ends_on=self.ends_on.data,
            start_time=self.start_time.data,
            end_time=self.end_time.data,
            title_kk=self.title_kk.data,
            title_ru=self.title_ru.data,
            title_en=self.title_en.data,
            description=self.description.data,
            coexecutor_ids=list(self.coexecutor_ids.data or []),
            region_id=self.region_id.data,
            place=self.place.data,
            format=self.format.data,
            term=self.term.data,
            completion_form=self.completion_form.data,
            estimated_cost=self.estimated_cost.data,
            funding_source=self.funding_source.data,
            executors_note=self.executors_note.data,
        )
