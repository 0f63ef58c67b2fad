from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from eventplan.blueprints.events.forms import optional_int
from eventplan.labels import AGENCY_KIND_LABELS, ROLE_LABELS


class UserForm(FlaskForm):
    full_name = StringField(_l("Full name"), validators=[Length(max=200)])
    role = SelectField(_l("Role"), choices=list(ROLE_LABELS.items()))
    agency_id = SelectField(_l("Agency"), coerce=optional_int, validate_choice=False)
    active = BooleanField(_l("Active"), default=True)


class NewUserForm(UserForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=8, max=200)])


class PasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=8,
                                                                                   max=200)])
    confirm = PasswordField(_l("Repeat the password"),
                            validators=[EqualTo("password", message=_l("Passwords differ."))])


class AgencyForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=32)])
    kind = SelectField(_l("Kind"), choices=list(AGENCY_KIND_LABELS.items()))
    name_kk = StringField(_l("Name (Kazakh)"), validators=[Length(max=300)])
    name_ru = StringField(_l("Name (Russian)"), validators=[Length(max=300)])
    name_en = StringField(_l("Name (English)"), validators=[Length(max=300)])
    abbreviation = StringField(_l("Abbreviation"), validators=[Length(max=40)])
    region_id = SelectField(_l("Region"), coerce=optional_int, validate_choice=False)
    email = EmailField(_l("Contact e-mail"), validators=[Optional(), Email(), Length(max=254)])
