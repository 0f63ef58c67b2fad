"""Permission rows for My tasks and the review of completion reports (see test_permissions)."""

from tests.functional.test_permissions import R, row


def _asked_to_select(client, world, role):
    """Nothing was picked: the queue says so, and no report changed (there are none)."""
    with client.session_transaction() as session:
        assert [m for _, m in session["_flashes"]] == ["Select at least one report."]

NO_REPORT = "/completion/999999"  # no such report: 404 once the role may decide

ROWS = [
    row("GET", "/tasks", "/tasks", R, 403, 200, 200, 200, 200),
    row("GET", "/tasks", "/tasks?agency=1&region=x&block=2&p_due=9&p_overdue=-1",
        R, 403, 200, 200, 200, 200),
    row("GET", "/completion/review", "/completion/review", R, 403, 403, 403, 200, 200),
    row("GET", "/completion/review", "/completion/review?agency=1&page=x",
        R, 403, 403, 403, 200, 200),
    row("POST", "/completion/<int:report_id>/accept", NO_REPORT + "/accept",
        R, 403, 403, 403, 404, 404),
    row("POST", "/completion/<int:report_id>/return", NO_REPORT + "/return",
        R, 403, 403, 403, 404, 404),
    row("POST", "/completion/bulk-accept", "/completion/bulk-accept", R, 403, 403, 403, 302, 302,
        outcome=_asked_to_select),
]
