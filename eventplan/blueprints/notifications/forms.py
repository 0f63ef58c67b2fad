"""Input shapes: notification preferences, reminder settings, outbox actions."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange

from eventplan.form_fields import VersionField

KIND_LABELS = {
    "upcoming": _l("Upcoming events of my agency (7 and 1 days before)"),
    "due": _l("A report becomes due"),
    "overdue": _l("A report is overdue"),
    "escalation": _l("Escalations to headquarters"),
    "escalations": _l("Escalations to headquarters"),
    "workflow": _l("Decisions on plans and reports"),
    "digest": _l("Daily digest"),
}
MODE_LABELS = {
    "now": _l("E-mail at once"),
    "digest": _l("In the daily digest"),
    "in_app": _l("Only in eventplan"),
    "off": _l("Off"),
}
OUTBOX_STATUS_LABELS = {"pending": _l("Pending"), "sent": _l("Sent"), "failed": _l("Failed")}


def _mode(kind: str) -> SelectField:
    return SelectField(KIND_LABELS[kind], choices=list(MODE_LABELS.items()))


class PreferencesForm(FlaskForm):
    digest_hour = SelectField(_l("Send my daily digest at"), coerce=int,
                              choices=[(h, f"{h:02d}:00") for h in range(24)])
    mode_upcoming = _mode("upcoming")
    mode_due = _mode("due")
    mode_overdue = _mode("overdue")
    mode_escalation = _mode("escalation")
    mode_workflow = _mode("workflow")


class SettingsForm(FlaskForm):
    enabled = BooleanField(_l("Send reminders for this programme"))
    upcoming_days = StringField(_l("Remind of upcoming events this many days before"),
                                validators=[Length(max=40)])
    overdue_repeat_days = IntegerField(_l("Repeat overdue reminders every (days)"),
                                       validators=[InputRequired(), NumberRange(1, 365)])
    escalation_days = IntegerField(_l("Escalate to headquarters after overdue for (days)"),
                                   validators=[InputRequired(), NumberRange(1, 365)])
    review_wait_days = IntegerField(_l("Escalate a plan or report waiting for review after "
                                       "(days)"),
                                    validators=[InputRequired(), NumberRange(1, 365)])
    version = VersionField()


class ActionForm(FlaskForm):
    """A button: only the CSRF token."""
