"""Navigation badges: open tasks for coordinators, reports waiting for headquarters.

At most two small queries per page (the current programme, then one COUNT), run only
when the template asks and once per request.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import has_request_context, request
from flask_login import current_user

from eventplan.blueprints.programmes.current import chosen_programme
from eventplan.services.completion import review, tasks
from eventplan.services.deadlines import programme_today


def clock() -> datetime:
    """Now, as an aware instant; tests replace it to fix the programme-local today."""
    return datetime.now(UTC)


def nav_counts() -> dict[str, int]:
    # Kept on the request (not ``g``, which can outlive a request when an app context is
    # already pushed, as in tests) so a page pays once however often the template asks.
    cached = getattr(request, "_nav_counts", None) if has_request_context() else None
    if cached is not None:
        return cached
    counts: dict[str, int] = {}
    user = current_user
    if user.is_authenticated and user.is_active:
        if user.role in {"admin", "hq"}:
            counts["review"] = review.waiting_count()
        elif user.role == "coordinator" and user.agency_id:
            programme = chosen_programme()
            if programme is not None:
                counts["tasks"] = tasks.open_task_count(
                    programme, programme_today(programme, clock()), user.agency_id)
    if has_request_context():
        request._nav_counts = counts
    return counts


def context() -> dict:
    return {"nav_counts": nav_counts}
