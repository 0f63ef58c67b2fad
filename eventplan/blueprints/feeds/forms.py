"""Feed forms: input shape only; the rules live in services.feeds."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

from eventplan.blueprints.events.forms import optional_int, required_int
from eventplan.labels import CATEGORY_LABELS
from eventplan.models.feed import FEED_LANGS
from eventplan.services.feeds import NAME_MAX, FeedFilter

ALARM_LABELS = {
    0: _l("No reminder"),
    15: _l("15 minutes before"),
    60: _l("1 hour before"),
    1440: _l("1 day before"),
    2880: _l("2 days before"),
    10080: _l("1 week before"),
}
LANG_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def optional_text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


class FeedForm(FlaskForm):
    name = StringField(_l("Name"), validators=[Optional(), Length(max=NAME_MAX)],
                       description=_l("Leave empty to name the feed after its filter."))
    programme_id = SelectField(_l("Programme"), coerce=required_int,
                               validators=[InputRequired()])
    section_id = SelectField(_l("Section"), coerce=optional_int)
    category = SelectField(_l("Category"), coerce=optional_text,
                           choices=[("", "—"), *CATEGORY_LABELS.items()])
    region_id = SelectField(_l("Region"), coerce=optional_int)
    agency_id = SelectField(_l("Agency"), coerce=optional_int)
    own_agency = BooleanField(_l("Only events my agency leads or co-executes"))
    include_commemorations = BooleanField(_l("Include anniversaries"), default=True)
    lang = SelectField(_l("Language of titles"), choices=[(c, LANG_NAMES[c]) for c in FEED_LANGS])
    alarm_minutes = SelectField(_l("Reminder"), coerce=int, choices=list(ALARM_LABELS.items()))

    def to_filter(self) -> FeedFilter:
        return FeedFilter(
            programme_id=self.programme_id.data,
            section_id=self.section_id.data,
            category=self.category.data,
            region_id=self.region_id.data,
            agency_id=self.agency_id.data,
            own_agency=bool(self.own_agency.data),
            include_commemorations=bool(self.include_commemorations.data),
            lang=self.lang.data,
            alarm_minutes=self.alarm_minutes.data,
        )


class RenameForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=NAME_MAX)])


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token (regenerate, revoke)."""
