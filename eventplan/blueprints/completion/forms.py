"""The report form: input shape only. Numbers stay text here; services/completion/rules.py
parses them so that the same rules (and messages) serve the form, the CLI and imports. The
figures' fields come from their declaration (models/completion.py FIGURES)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import Length, Optional

from eventplan import parsing
from eventplan.form_fields import VersionField
from eventplan.labels import FORMAT_LABELS
from eventplan.models.completion import MONEY, TYPED_FIGURES, Figure
from eventplan.services.completion.filing import ReportData

OUTCOME_LABELS = {"held": _l("The event was held"), "not_held": _l("The event was not held")}
MEDIA_LABELS = {f.name.removeprefix("media_"): f.label for f in TYPED_FIGURES if f.channel}
EMPTY_OUTPUT_ROWS = 3


def count_field(label) -> StringField:
    return StringField(label, validators=[Optional(), Length(max=20)],
                       render_kw={"inputmode": "numeric", "autocomplete": "off"})


def figure_field(figure: Figure) -> StringField:
    """A typed figure's input: text, parsed by the services (services/completion/rules.py)."""
    if figure.kind == MONEY:
        return StringField(figure.label, validators=[Length(max=30)],
                           render_kw={"inputmode": "decimal", "autocomplete": "off"})
    return count_field(figure.label)


# One field per typed figure (participants, media_tv …, charity_amount, beneficiaries).
FigureFields = type("FigureFields", (Form,), {f.name: figure_field(f) for f in TYPED_FIGURES})


class OutputRow(Form):
    """One "other output": a name and a number (banners, 135)."""

    name = StringField(_l("Output"), validators=[Optional(), Length(max=200)])
    quantity = count_field(_l("Number"))


class ReportForm(FigureFields, FlaskForm):
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
    outputs = FieldList(FormField(OutputRow), label=_l("Other outputs"), max_entries=60)
    links = TextAreaField(_l("Links (one per line)"), validators=[Length(max=50000)])
    summary = TextAreaField(_l("Summary"), validators=[Length(max=20000)])
    files = MultipleFileField(_l("Photos and documents"), description=_l(
        "Photos (JPEG, PNG) and documents (PDF, Word, Excel); you can choose several at once."))
    version = VersionField()
    save_draft = SubmitField(_l("Save draft"))
    submit_report = SubmitField(_l("Submit for review"))

    def fill(self, report) -> None:
        """Show a stored report (GET)."""
        for name in ("outcome", "not_held_reason", "held_from", "time_from", "held_to",
                     "time_to", "date_reason", "venue", "summary"):
            getattr(self, name).data = getattr(report, name)
        self.format.data = report.format or ""
        for figure in TYPED_FIGURES:
            value = getattr(report, figure.name)
            if value is None:
                text = ""
            elif figure.kind == MONEY:
                text = f"{value:f}".removesuffix(".00")
            else:
                text = str(value)
            self[figure.name].data = text
        self.links.data = "\n".join(report.links or [])
        for output in report.outputs:
            self.outputs.append_entry({"name": output.name, "quantity": str(output.quantity)})
        self.version.data = str(report.version)

    def figure_fields(self, group: str) -> list:
        """The typed figures' fields of one part of the form (general, media, charity)."""
        return [self[name] for name in self.figure_names(group)]

    def prefill_from_plan(self, event) -> None:
        """A new report starts from the planned dates: most events are held as planned."""
        self.held_from.data, self.held_to.data = event.starts_on, event.ends_on

    def problems(self) -> list[tuple[str, str, str]]:
        """``(anchor, label, message)`` of every field at fault, in the form's order, for the
        summary at the top of the page."""
        anchors = {"outcome": "outcome-0", "outputs": "outputs-0-name"}
        found = []
        shown = self.display_order()
        others = [f.name for f in self if f.name not in shown
                  and f.type not in {"CSRFTokenField", "HiddenField", "VersionField"}]
        for name in [*shown, *others]:
            field = self[name]
            messages = [e for e in field.errors if isinstance(e, str)]
            if messages:
                found.append((anchors.get(name, field.id), str(field.label.text), messages[0]))
        return found

    def display_order(self) -> list[str]:
        """The fields as templates/completion/form.html shows them (the figures are declared
        apart, so the class's own order would put them first)."""
        return ["outcome", "not_held_reason", "held_from", "time_from", "held_to", "time_to",
                "date_reason", "format", "venue", *self.figure_names("general"),
                *self.figure_names("media"), "outputs", *self.figure_names("charity"),
                "links", "summary", "files"]

    @staticmethod
    def figure_names(group: str) -> list[str]:
        return [f.name for f in TYPED_FIGURES if f.group == group]

    def pad_outputs(self) -> None:
        """A few empty rows to type into, so that no script is needed to add one."""
        empty = sum(1 for e in self.outputs if not (e.form.name.data or e.form.quantity.data))
        for _ in range(EMPTY_OUTPUT_ROWS - empty):
            if len(self.outputs) < (self.outputs.max_entries or 60):
                self.outputs.append_entry()

    def expected_version(self) -> int | None:
        return parsing.to_int(self.version.data)

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
            figures={f.name: self[f.name].data for f in TYPED_FIGURES},
            outputs=[(e.form.name.data, e.form.quantity.data) for e in self.outputs],
            links=self.links.data or "",
            summary=self.summary.data,
        )


class UploadForm(FlaskForm):
    file = FileField(_l("File"))


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token."""
