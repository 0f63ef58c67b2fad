"""Permission rows for completion reports (gathered by test_permissions.MATRIX).

Reports do not exist in the shared world, so report and file routes are probed with ids
that do not exist (404 for every signed-in role); test_completion.py and
test_completion_attachments.py check access to real reports role by role.
"""

from tests.functional.test_permissions import R, row

NO_REPORT = "/completion/999999"
NO_FILE = "/completion/attachments/999999"

ROWS = [
    # summit: lead MCS, co-executor Akmola akimat (other_coordinator); republican plan in force.
    row("GET", "/events/<int:event_id>/report", "/events/{summit}/report",
        R, 403, 403, 200, 403, 403),
    # forum: led by the headquarters' own agency, so hq staff report it.
    row("GET", "/events/<int:event_id>/report", "/events/{forum}/report",
        R, 403, 403, 403, 200, 403),
    # A draft plan's event owes no report, even to its own agency.
    row("GET", "/events/<int:event_id>/report", "/events/{pavlodar_draft}/report",
        R, 404, 403, 404, 403, 403),
    # An empty POST (no button pressed) is refused as a form error for the executing agency.
    row("POST", "/events/<int:event_id>/report", "/events/{akmola_fair}/report",
        R, 403, 403, 422, 403, 403),
    row("GET", "/completion/<int:report_id>", NO_REPORT, R, 404, 404, 404, 404, 404),
    row("POST", "/completion/<int:report_id>/submit", NO_REPORT + "/submit",
        R, 404, 404, 404, 404, 404),
    row("POST", "/completion/<int:report_id>/attachments", NO_REPORT + "/attachments",
        R, 404, 404, 404, 404, 404),
    row("POST", "/completion/<int:report_id>/attachments/<int:attachment_id>/delete",
        NO_REPORT + "/attachments/1/delete", R, 404, 404, 404, 404, 404),
    row("GET", "/completion/attachments/<int:attachment_id>", NO_FILE,
        R, 404, 404, 404, 404, 404),
    row("GET", "/completion/attachments/<int:attachment_id>/thumb", NO_FILE + "/thumb",
        R, 404, 404, 404, 404, 404),
]
