from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

PART_LABELS = {
    "blocks": _l("Monthly blocks with their themes"),
    "sections": _l("General sections"),
    "plan": _l("The republican plan's events, as a draft plan"),
    "skeletons": _l("Regional and sectoral plans, empty, as drafts"),
    "commemorations": _l("Commemorations, recomputed for the new dates"),
}


class CopyForm(FlaskForm):
    slug = StringField(_l("Short name (in the address)"), validators=[DataRequired(),
                                                                      Length(max=80)])
    name_kk = StringField(_l("Title (Kazakh)"), validators=[Length(max=300)])
    name_ru = StringField(_l("Title (Russian)"), validators=[Length(max=300)])
    name_en = StringField(_l("Title (English)"), validators=[Length(max=300)])
    starts_on = DateField(_l("First day"), validators=[DataRequired()])
    parts = SelectMultipleField(_l("Copy"), choices=list(PART_LABELS.items()),
                                default=list(PART_LABELS), option_widget=CheckboxInput(),
                                widget=ListWidget(prefix_label=False))
