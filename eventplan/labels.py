"""Translatable labels for the stored codes (categories, statuses, roles…)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventplan.models.event import EVENT_FIELDS

CATEGORY_LABELS = {
    "information": _l("Information"),
    "international": _l("International"),
    "sports": _l("Sports"),
    "cultural": _l("Cultural and educational"),
    "charity": _l("Charity"),
    "environmental": _l("Environmental"),
    "socio_political": _l("Socio-political"),
    "organisational": _l("Organisational"),
}
FORMAT_LABELS = {"offline": _l("Offline"), "online": _l("Online"), "hybrid": _l("Hybrid")}
STATUS_LABELS = {
    "planned": _l("Planned"),
    "held": _l("Held"),
    "postponed": _l("Postponed"),
    "cancelled": _l("Cancelled"),
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "returned": _l("Returned"),
    "approved": _l("Approved"),
    "amending": _l("Being amended"),
}
ROLE_LABELS = {
    "admin": _l("Administrator"),
    "hq": _l("Headquarters"),
    "coordinator": _l("Coordinator"),
    "viewer": _l("Viewer"),
}
AGENCY_KIND_LABELS = {"ministry": _l("Ministry"), "akimat": _l("Akimat"), "other": _l("Other")}
LEVEL_LABELS = {
    "republican": _l("Republican"),
    "regional": _l("Regional"),
    "sectoral": _l("Sectoral"),
}
ERROR_TITLES = {
    400: _l("Bad request"),
    401: _l("Please log in"),
    403: _l("Access denied"),
    404: _l("Page not found"),
    405: _l("Method not allowed"),
    409: _l("Conflict"),
    413: _l("File too large"),
    429: _l("Too many requests"),
    500: _l("Something went wrong"),
}
FIELD_LABELS = {
    **{f.name: f.label for f in EVENT_FIELDS},  # models/event.py
    "version": _l("Version"),
}


def label(table: dict, code: object) -> str:
    value = table.get(code)
    return str(value) if value is not None else str(code)
