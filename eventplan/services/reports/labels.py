"""Translatable names of the measures, figures and breakdowns (page, exports, narrative)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

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
FIGURE_LABELS = {
    "reports": _l("Accepted reports"),
    "participants": _l("Participants"),
    "media_tv": _l("TV stories"),
    "media_radio": _l("Radio pieces"),
    "media_print": _l("Print articles"),
    "media_internet": _l("Internet materials"),
    "media_social": _l("Social-media posts"),
    "media": _l("Media materials, total"),
    "charity_amount": _l("Charity, KZT"),
    "beneficiaries": _l("Beneficiaries"),
}
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
