"""The outbox: claiming, sending, retrying with backoff, and the daily digests.

Each e-mail row is claimed by one sender (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; a short
lease written with a compare-and-set UPDATE on SQLite), sent, and marked in the same
transaction, which the caller commits before claiming the next one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from eventplan import mail
from eventplan.extensions import db
from eventplan.models import Notification, NotificationPreference, Programme, User
from eventplan.models.notification import DEFAULT_DIGEST_HOUR, DIGEST
from eventplan.services import audit
from eventplan.services.messages import language, render_email
from eventplan.services.reminders import _insert_ignoring_duplicates

BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
           timedelta(hours=2), timedelta(hours=12))
LEASE = timedelta(minutes=10)  # SQLite: a claimed row is left alone this long


def _due(now: datetime):
    return (select(Notification)
            .where(Notification.status == "pending", Notification.channel == "email",
                   Notification.next_attempt_at <= now)
            .order_by(Notification.next_attempt_at, Notification.id).limit(1))


def claim_next(now: datetime) -> Notification | None:
    """The next e-mail to send, locked for this transaction, or None."""
    if db.session.get_bind().dialect.name == "postgresql":
        return db.session.scalar(_due(now).with_for_update(skip_locked=True))
    while True:
        candidate = db.session.execute(
            _due(now).with_only_columns(Notification.id, Notification.next_attempt_at)).first()
        if candidate is None:
            return None
        taken = db.session.execute(
            update(Notification)
            .where(Notification.id == candidate.id,
                   Notification.next_attempt_at == candidate.next_attempt_at,
                   Notification.status == "pending")
            .values(next_attempt_at=now + LEASE)
            .execution_options(synchronize_session=False))
        if taken.rowcount == 1:
            return db.session.get(Notification, candidate.id, populate_existing=True)


def deliver(n: Notification, now: datetime) -> str:
    """Render and send one claimed row; record success or failure. Returns the new status."""
    user = db.session.get(User, n.user_id)
    items = []
    if n.kind == DIGEST:
        items = list(db.session.scalars(select(Notification).where(Notification.digest_id == n.id)
                                        .order_by(Notification.occasion, Notification.id)))
    try:
        subject, text, html = render_email(n, user, items)
        subject = " ".join(subject.split())  # a title with a line break must not break headers
        n.subject, n.body = subject[:300], text
        message = mail.build_message(current_app.config, user.email, subject, text, html,
                                     {"X-Eventplan-Notification": str(n.id),
                                      "Content-Language": language(user),
                                      "Auto-Submitted": "auto-generated"})
    except Exception as exc:  # a message that cannot be built must not block the queue
        record_failure(n, mail.PermanentMailError(f"cannot build the message: {exc}"), now)
        db.session.flush()
        return n.status
    try:
        mail.send(current_app.config, current_app.instance_path, message)
    except mail.MailError as exc:
        record_failure(n, exc, now)
    else:
        n.status, n.sent_at, n.next_attempt_at, n.last_error = "sent", now, None, None
    db.session.flush()
    return n.status


def record_failure(n: Notification, exc: Exception, now: datetime) -> None:
    """Retry after 1 min, 5 min, 30 min, 2 h, 12 h; then, or at once if permanent, failed."""
    n.attempts += 1
    n.last_error = f"{exc}"[:500] or type(exc).__name__
    if isinstance(exc, mail.PermanentMailError) or n.attempts > len(BACKOFF):
        n.status, n.next_attempt_at = "failed", None
    else:
        n.next_attempt_at = now + BACKOFF[n.attempts - 1]


def retry(n: Notification, user: User, now: datetime | None = None) -> None:
    """An admin sends a failed (or stuck) e-mail again, from a fresh series of attempts."""
    before = n.status
    n.status, n.attempts, n.next_attempt_at = "pending", 0, now or datetime.now(UTC)
    db.session.flush()
    audit.record(user, "notification.retry", n, {"status": [before, "pending"]})


def build_digests(now: datetime) -> int:
    """One digest e-mail per user per local day, once their hour has come; returns how many."""
    waiting = db.session.execute(
        select(Notification.user_id, Notification.programme_id)
        .where(Notification.delivery == "digest", Notification.status == "pending")
        .distinct()).all()
    if not waiting:
        return 0
    zones: dict[int, int] = {}
    for user_id, programme_id in waiting:
        if programme_id is not None:
            zones.setdefault(user_id, programme_id)
        zones.setdefault(user_id, 0)
    programmes = {p.id: p for p in db.session.scalars(select(Programme))}
    hours = dict(db.session.execute(
        select(NotificationPreference.user_id, NotificationPreference.digest_hour)
        .where(NotificationPreference.user_id.in_(zones))).all())
    made = 0
    for user_id, programme_id in sorted(zones.items()):
        programme = programmes.get(programme_id)
        tz = programme.tz if programme else _default_zone()
        local = now.astimezone(tz)
        if local.hour < hours.get(user_id, DEFAULT_DIGEST_HOUR):
            continue
        key = f"digest:{user_id}:{local.date()}"
        _insert_ignoring_duplicates([{
            "dedupe_key": key, "kind": DIGEST, "user_id": user_id,
            "programme_id": programme.id if programme else None, "occasion": local.date(),
            "channel": "email", "delivery": "now", "params": {"date": local.date().isoformat()},
            "link": None, "status": "pending", "attempts": 0, "next_attempt_at": now,
            "read_at": now, "created_at": now}])
        digest = db.session.scalar(select(Notification).where(Notification.dedupe_key == key))
        if digest.created_at != now or digest.status != "pending":
            continue  # today's digest went already: these wait for tomorrow's
        gathered = db.session.execute(
            update(Notification)
            .where(Notification.user_id == user_id, Notification.delivery == "digest",
                   Notification.status == "pending")
            .values(status="sent", sent_at=now, digest_id=digest.id)
            .execution_options(synchronize_session=False))
        if gathered.rowcount:
            made += 1
        else:
            db.session.delete(digest)
    db.session.flush()
    return made


def _default_zone():
    from zoneinfo import ZoneInfo

    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
