"""Permission rows for notifications, preferences, the outbox and reminder settings."""

from datetime import UTC, datetime

from eventplan.extensions import db
from eventplan.models import Notification
from tests.functional.test_permissions import R, row


def _unread_notice(world, role):
    if role != "anonymous":
        now = datetime.now(UTC)
        db.session.add(Notification(
            dedupe_key=f"perm:{role}", kind="workflow", user_id=world.users[role].id,
            channel="in_app", delivery="in_app", params={}, status="sent", sent_at=now,
            created_at=now))


def _all_read(client, world, role):
    notice = db.session.scalar(db.select(Notification).where(
        Notification.user_id == world.users[role].id))
    assert notice.read_at is not None

NO_NOTICE = "/notifications/999999"

ROWS = [
    row("GET", "/notifications", "/notifications", R, 200, 200, 200, 200, 200),
    row("GET", "/notifications/<int:notification_id>", NO_NOTICE, R, 404, 404, 404, 404, 404),
    row("POST", "/notifications/read", "/notifications/read", R, R, R, R, R, R,
        outcome=_all_read, prepare=_unread_notice),
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
