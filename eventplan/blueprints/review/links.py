"""Links to the report pages of the completion blueprint, which may not be registered yet."""

from __future__ import annotations

from flask import url_for
from werkzeug.routing import BuildError


def report_page_url(report_id: int) -> str:
    """The report page, ``/completion/<id>``."""
    try:
        return url_for("completion.view", report_id=report_id)
    except BuildError:
        return f"/completion/{report_id}"


def report_form_url(event_id: int) -> str:
    """Where an agency writes or continues its report on an event."""
    return f"/events/{event_id}/report"


def context() -> dict:
    return {"report_page_url": report_page_url, "report_form_url": report_form_url}
