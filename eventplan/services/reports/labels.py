"""Translatable names of the measures, figures and breakdowns (page, exports, narrative)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventplan.models.completion import TOTALLED_FIGURES

NOT_SET = _l("Not set")
TOTAL = _l("Total")
MEASURE_LABELS = {
    "planned": _l("Planned"),
    "held": _l("Held"),
    "due": _l("Due for report"),
    "overdue": _l("Overdue"),
    "postponed": _l("Postponed"),
    "cancelled": _l("Cancelled"),
}
# The completion figures' headings, from their declaration (models/completion.py).
FIGURE_LABELS = {f.name: f.heading for f in TOTALLED_FIGURES}
BREAKDOWN_LABELS = {
    "block": _l("By thematic block"),
    "month": _l("By month"),
    "region": _l("By region"),
    "agency": _l("By agency"),
    "category": _l("By category"),
    "level": _l("By level"),
}
KEY_LABELS = {
    "block": _l("Block"),
    "month": _l("Month"),
    "region": _l("Region"),
    "agency": _l("Agency"),
    "category": _l("Category"),
    "level": _l("Level"),
}
RATE_LABEL = _l("Completion rate")
