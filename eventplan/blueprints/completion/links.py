"""Links to a completion report's pages, for templates of every feature."""

from __future__ import annotations

from flask import url_for


def report_page_url(report_id: int) -> str:
    """The report page, ``/completion/<id>``."""
    return url_for("completion.view_report", report_id=report_id)


def report_form_url(event_id: int) -> str:
    """Where an agency writes or continues its report on an event."""
    return url_for("completion.report_form", event_id=event_id)
