"""The bell's count and the admins' scheduler warning, for every page's navigation."""

from __future__ import annotations

from flask_login import current_user

from eventplan.services import notifications as service


def context() -> dict:
    """Callables, so a page pays for the COUNT only when its template asks."""

    def unread_notifications() -> int:
        if not current_user.is_authenticated:
            return 0
        return service.unread_count(current_user)

    def scheduler_warning() -> bool:
        from eventplan.scheduler import heartbeat_is_stale

        return current_user.is_authenticated and current_user.role == "admin" \
            and heartbeat_is_stale()

    return {"unread_notifications": unread_notifications, "scheduler_warning": scheduler_warning}
