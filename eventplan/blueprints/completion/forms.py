"""The report form: input shape only. Numbers stay text here; services.reports parses them
so that the same rules (and messages) serve the form, the CLI and imports."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import Length, Optional

from eventplan.labels import FORMAT_LABELS
from eventplan.models.completion import MEDIA_CHANNELS
from eventplan.services.completion.filing import ReportData

OUTCOME_LABELS = {"held": _l("The event was held"), "not_held": _l("The event was not held")}
MEDIA_LABELS = {
    "tv": _l("TV stories"),
    "radio": _l("Radio pieces"),
    "print": _l("Print articles"),
    "internet": _l("Internet materials"),
    "social": _l("Social-media posts"),
}
EMPTY_OUTPUT_ROWS = 3


def count_field(label) -> StringField:
    return StringField(label, validators=[Optional(), Length(max=20)],
                       render_kw={"inputmode": "numeric", "autocomplete": "off"})


class OutputRow(Form):
    """One "other output": a name and a number (banners, 135)."""

    name = StringField(_l("Output"), validators=[Optional(), Length(max=200)])
    quantity = count_field(_l("Number"))


class ReportForm(FlaskForm):
    outcome = RadioField(_l("Outcome"), choices=list(OUTCOME_LABELS.items()), default="held")
    not_held_reason = TextAreaField(_l("Why the event was not held"),
                                    validators=[Length(max=5000)])
    held_from = DateField(_l("Held from"), validators=[Optional()])
    time_from = TimeField(_l("Start time"), validators=[Optional()])
    held_to = DateField(_l("Held until"), validators=[Optional()])
    time_to = TimeField(_l("End time"), validators=[Optional()])
    date_reason = TextAreaField(_l("Why the dates differ from the plan"),
                                validators=[Length(max=2000)])
    format = SelectField(_l("Format"), choices=[("", "—"), *FORMAT_LABELS.items()],
                         validate_choice=False)
    venue = StringField(_l("Venue"), validators=[Length(max=300)])
    participants = count_field(_l("Participants or coverage"))
    media_tv = count_field(MEDIA_LABELS["tv"])
    media_radio = count_field(MEDIA_LABELS["radio"])
    media_print = count_field(MEDIA_LABELS["print"])
    media_internet = count_field(MEDIA_LABELS["internet"])
    media_social = count_field(MEDIA_LABELS["social"])
    media_total = count_field(_l("Media materials in total"))
    outputs = FieldList(FormField(OutputRow), label=_l("Other outputs"), max_entries=60)
    charity_amount = StringField(_l("Charity, KZT"), validators=[Length(max=30)],
                                 render_kw={"inputmode": "decimal", "autocomplete": "off"})
    beneficiaries = count_field(_l("Beneficiaries"))
    links = TextAreaField(_l("Links (one per line)"), validators=[Length(max=50000)])
    summary = TextAreaField(_l("Summary"), validators=[Length(max=20000)])
    files = MultipleFileField(_l("Photos and documents"), description=_l(
        "Photos (JPEG, PNG) and documents (PDF, Word, Excel); you can choose several at once."))
    version = HiddenField()
    save_draft = SubmitField(_l("Save draft"))
    submit_report = SubmitField(_l("Submit for review"))

    def fill(self, report) -> None:
        """Show a stored report (GET)."""
        for name in ("outcome", "not_held_reason", "held_from", "time_from", "held_to",
                     "time_to", "date_reason", "venue", "summary"):
            getattr(self, name).data = getattr(report, name)
        self.format.data = report.format or ""
        for name in ("participants", "beneficiaries", "media_total",
                     *(f"media_{c}" for c in MEDIA_CHANNELS)):
            value = getattr(report, name)
            getattr(self, name).data = "" if value is None else str(value)
        amount = report.charity_amount
        self.charity_amount.data = "" if amount is None else f"{amount:f}".removesuffix(".00")
        self.links.data = "\n".join(report.links or [])
        for output in report.outputs:
            self.outputs.append_entry({"name": output.name, "quantity": str(output.quantity)})
        self.version.data = str(report.version)

    def prefill_from_plan(self, event) -> None:
        """A new report starts from the planned dates: most events are held as planned."""
        self.held_from.data, self.held_to.data = event.starts_on, event.ends_on

    def problems(self) -> list[tuple[str, str, str]]:
        """``(anchor, label, message)`` of every field at fault, in the form's order, for the
        summary at the top of the page."""
        anchors = {"outcome": "outcome-0", "outputs": "outputs-0-name"}
        found = []
        for field in self:
            messages = [e for e in field.errors if isinstance(e, str)]
            if messages and field.type not in {"CSRFTokenField", "HiddenField"}:
                found.append((anchors.get(field.name, field.id), str(field.label.text),
                              messages[0]))
        return found

    def pad_outputs(self) -> None:
        """A few empty rows to type into, so that no script is needed to add one."""
        empty = sum(1 for e in self.outputs if not (e.form.name.data or e.form.quantity.data))
        for _ in range(EMPTY_OUTPUT_ROWS - empty):
            if len(self.outputs) < (self.outputs.max_entries or 60):
                self.outputs.append_entry()

    def expected_version(self) -> int | None:
        raw = (self.version.data or "").strip()
        return int(raw) if raw.isdigit() else None

    def to_data(self) -> ReportData:
        return ReportData(
            outcome=self.outcome.data or "",
            not_held_reason=self.not_held_reason.data,
            held_from=self.held_from.data,
            held_to=self.held_to.data,
            time_from=self.time_from.data,
            time_to=self.time_to.data,
            date_reason=self.date_reason.data,
            format=self.format.data,
            venue=self.venue.data,
            participants=self.participants.data,
            media={c: getattr(self, f"media_{c}").data for c in MEDIA_CHANNELS},
            media_total=self.media_total.data,
            outputs=[(e.form.name.data, e.form.quantity.data) for e in self.outputs],
            charity_amount=self.charity_amount.data,
            beneficiaries=self.beneficiaries.data,
            links=self.links.data or "",
            summary=self.summary.data,
        )


class UploadForm(FlaskForm):
    file = FileField(_l("File"))


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token."""
