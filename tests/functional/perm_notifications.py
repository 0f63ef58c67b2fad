"""Permission rows for notifications, preferences, the outbox and reminder settings."""

from tests.functional.test_permissions import R, row

NO_NOTICE = "/notifications/999999"

ROWS = [
    row("GET", "/notifications", "/notifications", R, 200, 200, 200, 200, 200),
    row("GET", "/notifications/<int:notification_id>", NO_NOTICE, R, 404, 404, 404, 404, 404),
    row("POST", "/notifications/read", "/notifications/read", R, R, R, R, R, R),
    row("GET", "/account/notifications", "/account/notifications",
        R, 200, 200, 200, 200, 200),
    row("POST", "/account/notifications", "/account/notifications",
        R, 422, 422, 422, 422, 422),
    row("GET", "/admin/outbox", "/admin/outbox", R, 403, 403, 403, 403, 200),
    row("POST", "/admin/outbox/<int:notification_id>/retry", "/admin/outbox/999999/retry",
        R, 403, 403, 403, 403, 404),
    row("GET", "/admin/outbox/files/<name>", "/admin/outbox/files/none.eml",
        R, 403, 403, 403, 403, 404),
    row("GET", "/admin/reminders/<slug>", "/admin/reminders/{slug}", R, 403, 403, 403, 403, 200),
    row("POST", "/admin/reminders/<slug>", "/admin/reminders/{slug}", R, 403, 403, 403, 403, 422),
]
