"""In-app notifications, a user's preferences and a programme's reminder settings."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from eventplan import parsing
from eventplan.extensions import db
from eventplan.models import (
    Notification,
    NotificationPreference,
    Programme,
    ReminderSettings,
    User,
)
from eventplan.models.notification import (
    BATCH,
    DEFAULT_DIGEST_HOUR,
    DEFAULT_MODES,
    DELIVERY_MODES,
    DIGEST,
    NOTIFICATION_KINDS,
)
from eventplan.services import audit
from eventplan.services.errors import NotAllowed, ValidationError
from eventplan.services.reminders import HQ_LOCKED_KINDS, settings_for


def unread_count(user: User) -> int:
    """One indexed COUNT, for the bell on every page."""
    return db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def user_notifications(user: User):
    """The user's notices, newest first. Digests are e-mail wrappers, not notices; an
    escalations message is one notice, and the escalations it carries are listed on its page,
    not one by one."""
    return (select(Notification).where(Notification.user_id == user.id,
                                       Notification.kind != DIGEST,
                                       Notification.delivery != BATCH)
            .order_by(Notification.created_at.desc(), Notification.id.desc()))


def get_own(user: User, notification_id: int) -> Notification | None:
    n = db.session.get(Notification, notification_id)
    return n if n is not None and n.user_id == user.id and n.kind != DIGEST else None


def mark_read(n: Notification, now: datetime | None = None) -> None:
    if n.read_at is None:
        n.read_at = now or datetime.now(UTC)
        db.session.flush()


def mark_all_read(user: User, now: datetime | None = None) -> int:
    result = db.session.execute(
        update(Notification).where(Notification.user_id == user.id,
                                   Notification.read_at.is_(None))
        .values(read_at=now or datetime.now(UTC)).execution_options(synchronize_session=False))
    return result.rowcount


def locked_kinds(user: User) -> tuple[str, ...]:
    """Kinds this user may not turn off."""
    return HQ_LOCKED_KINDS if user.role in {"hq", "admin"} else ()


def preference_for(user: User) -> NotificationPreference:
    pref = db.session.get(NotificationPreference, user.id)
    return pref or NotificationPreference(user_id=user.id, digest_hour=DEFAULT_DIGEST_HOUR,
                                          modes=dict(DEFAULT_MODES))


def save_preferences(user: User, digest_hour: int, modes: dict[str, str]
                     ) -> NotificationPreference:
    if not 0 <= digest_hour <= 23:
        raise ValidationError(_("Choose an hour from 0 to 23."), "digest_hour")
    for kind, mode in modes.items():
        if kind not in NOTIFICATION_KINDS or mode not in DELIVERY_MODES:
            raise ValidationError(_("Unknown choice."), f"mode_{kind}")
        if mode == "off" and kind in locked_kinds(user):
            raise ValidationError(_("Headquarters staff cannot turn these messages off."),
                                  f"mode_{kind}")
    pref = db.session.get(NotificationPreference, user.id)
    if pref is None:
        pref = NotificationPreference(user_id=user.id)
        db.session.add(pref)
    before = {"digest_hour": pref.digest_hour, "modes": dict(pref.modes or {})}
    pref.digest_hour = digest_hour
    pref.modes = {**DEFAULT_MODES, **(pref.modes or {}), **modes}
    db.session.flush()
    audit.record(user, "notification.preferences", user,
                 audit.diff(before, {"digest_hour": digest_hour, "modes": pref.modes}))
    return pref


def save_settings(user: User, programme: Programme, *, enabled: bool, upcoming_days: str,
                  overdue_repeat_days: int, escalation_days: int, review_wait_days: int,
                  version: int | None = None) -> ReminderSettings:
    if user.role != "admin":
        raise NotAllowed(_("Only an administrator can change reminder settings."))
    parts = [p.strip() for p in (upcoming_days or "").split(",") if p.strip()]
    if not all(parsing.to_int(p, 1, 90) is not None for p in parts):
        raise ValidationError(_("List days from 1 to 90, separated by commas, e.g. 7,1."),
                              "upcoming_days")
    for name, value in (("overdue_repeat_days", overdue_repeat_days),
                        ("escalation_days", escalation_days),
                        ("review_wait_days", review_wait_days)):
        if value is None or not 1 <= value <= 365:
            raise ValidationError(_("Enter a number of days from 1 to 365."), name)
    settings = settings_for(programme)
    if settings not in db.session:
        db.session.add(settings)
        db.session.flush()
    elif version is not None and version != settings.version:
        from eventplan.services.errors import StaleVersion

        raise StaleVersion(_("Someone else changed these settings meanwhile. Reload the page."))
    fields = ["enabled", "upcoming_days", "overdue_repeat_days", "escalation_days",
              "review_wait_days"]
    before = audit.snapshot(settings, fields)
    settings.enabled = enabled
    settings.upcoming_days = ",".join(str(d) for d in sorted({int(p) for p in parts},
                                                             reverse=True))
    settings.overdue_repeat_days = overdue_repeat_days
    settings.escalation_days = escalation_days
    settings.review_wait_days = review_wait_days
    db.session.flush()
    audit.record(user, "admin.reminder_settings", programme,
                 audit.diff(before, audit.snapshot(settings, fields)))
    return settings
