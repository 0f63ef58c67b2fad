"""Labels for the completion pages (kept here so the shared labels module stays untouched)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventplan.blueprints.completion.forms import MEDIA_LABELS, OUTCOME_LABELS
from eventplan.models.completion import TOTALLED_FIGURES, TYPED_FIGURES

REPORT_STATUS_LABELS = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "accepted": _l("Accepted"),
    "returned": _l("Returned"),
}
REPORT_STATUS_COLOURS = {"draft": "secondary", "submitted": "info", "accepted": "success",
                         "returned": "warning"}
REPORT_FIELD_LABELS = {
    "status": _l("Status"),
    "outcome": _l("Outcome"),
    "not_held_reason": _l("Why the event was not held"),
    "held_from": _l("Held from"),
    "held_to": _l("Held until"),
    "time_from": _l("Start time"),
    "time_to": _l("End time"),
    "date_reason": _l("Why the dates differ from the plan"),
    "format": _l("Format"),
    "venue": _l("Venue"),
    **{f.name: f.label for f in TYPED_FIGURES},  # models/completion.py
    "links": _l("Links"),
    "summary": _l("Summary"),
    "outputs": _l("Other outputs"),
    "attachment": _l("File"),
    "event_id": _l("Event"),
    "agency_id": _l("Agency"),
    "review_comment": _l("Review comment"),
}


def globals_for_templates() -> dict:
    return {
        "report_status_label": lambda code: str(REPORT_STATUS_LABELS.get(code, code)),
        "report_status_colour": lambda code: REPORT_STATUS_COLOURS.get(code, "secondary"),
        "report_field_label": lambda code: str(REPORT_FIELD_LABELS.get(code, code)),
        "outcome_label": lambda code: str(OUTCOME_LABELS.get(code, code)),
        "MEDIA_LABELS": MEDIA_LABELS,
        # The figures, for the report page and the event's totals (models/completion.py).
        "figures_of": lambda group, typed=True: [
            f for f in (TYPED_FIGURES if typed else TOTALLED_FIGURES) if f.group == group],
    }
