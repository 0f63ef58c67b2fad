"""Translatable labels for the stored codes (categories, statuses, roles…)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

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
    "number": _l("Number in the plan"),
    "title_kk": _l("Title (Kazakh)"),
    "title_ru": _l("Title (Russian)"),
    "title_en": _l("Title (English)"),
    "description": _l("Description"),
    "section_id": _l("Section"),
    "category": _l("Category"),
    "lead_agency_id": _l("Lead agency"),
    "coexecutor_ids": _l("Co-executors"),
    "region_id": _l("Region"),
    "place": _l("Place"),
    "format": _l("Format"),
    "starts_on": _l("Start date"),
    "ends_on": _l("End date"),
    "starts_at": _l("Start time"),
    "ends_at": _l("End time"),
    "term": _l("Term as written in the plan"),
    "completion_form": _l("Form of completion"),
    "estimated_cost": _l("Estimated cost, KZT"),
    "funding_source": _l("Funding source"),
    "status": _l("Status"),
    "status_reason": _l("Reason"),
    "version": _l("Version"),
}


def label(table: dict, code: object) -> str:
    value = table.get(code)
    return str(value) if value is not None else str(code)
