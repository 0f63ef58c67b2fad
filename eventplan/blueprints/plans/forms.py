from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from eventplan.form_fields import VersionField


class ActionForm(FlaskForm):
    """A button that changes state: CSRF only."""


class ApproveForm(FlaskForm):
    act = StringField(_l("Approving act"), validators=[DataRequired(), Length(max=300)],
                      description=_l("For example: Order of the Minister No. 45 of 10.03.2021"))
    act_date = DateField(_l("Date of the act"), validators=[Optional()])


class ReturnForm(FlaskForm):
    comment = TextAreaField(_l("What must be corrected"),
                            validators=[DataRequired(), Length(max=5000)])


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])
    version = VersionField()


class PostponeForm(ReasonForm):
    starts_on = DateField(_l("New start date"), validators=[InputRequired()])
    ends_on = DateField(_l("New end date"), validators=[Optional()])
