"""The outbox: claiming, sending, retrying with backoff, the daily digests and the
escalation messages.

Each e-mail row is claimed by one sender (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; a short
lease written with a compare-and-set UPDATE on SQLite), sent, and marked in the same
transaction, which the caller commits before claiming the next one.

A digest or an escalations message *carries* other rows: one UPDATE hands it every matching
pending row (``digest_id``, status sent), so a row is carried by exactly one message even
when two builders run at once; the carrier is then sent, retried or failed like any e-mail.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select, update

from eventplan import mail
from eventplan.extensions import db
from eventplan.models import Notification, NotificationPreference, Programme, User
from eventplan.models.notification import (
    BATCH,
    CARRIERS,
    DEFAULT_DIGEST_HOUR,
    DIGEST,
    ESCALATIONS,
)
from eventplan.services import audit
from eventplan.services.messages import language, render_email
from eventplan.services.upsert import insert_for

BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
           timedelta(hours=2), timedelta(hours=12))
LEASE = timedelta(minutes=10)  # SQLite: a claimed row is left alone this long
CHUNK = 500
# What an escalation is about -> its count in the escalations message's params.
ESCALATION_GROUPS = {"event": "overdue", "plan": "plans", "completion_report": "reports"}


def insert_ignoring_duplicates(rows: list[dict[str, Any]]) -> None:
    """Insert notification rows; a row whose ``dedupe_key`` exists is skipped."""
    stmt = insert_for(db.session.get_bind().dialect.name, Notification.__table__) \
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    for start in range(0, len(rows), CHUNK):
        db.session.execute(stmt, rows[start:start + CHUNK])


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
    items = carried(n)
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


def carried(n: Notification) -> list[Notification]:
    """The rows a digest or an escalations message carries; none for other notices."""
    if n.kind not in CARRIERS:
        return []
    return list(db.session.scalars(select(Notification).where(Notification.digest_id == n.id)
                                   .order_by(Notification.occasion, Notification.id)))


def _gather(carrier: Notification, *where) -> int:
    """Hand the pending rows that match to ``carrier``; returns how many it took."""
    return db.session.execute(
        update(Notification)
        .where(Notification.status == "pending", Notification.digest_id.is_(None), *where)
        .values(status="sent", sent_at=carrier.created_at, digest_id=carrier.id)
        .execution_options(synchronize_session=False)).rowcount


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
        insert_ignoring_duplicates([{
            "dedupe_key": key, "kind": DIGEST, "user_id": user_id,
            "programme_id": programme.id if programme else None, "occasion": local.date(),
            "channel": "email", "delivery": "now", "params": {"date": local.date().isoformat()},
            "link": None, "status": "pending", "attempts": 0, "next_attempt_at": now,
            "read_at": now, "created_at": now}])
        digest = db.session.scalar(select(Notification).where(Notification.dedupe_key == key))
        if digest.created_at != now or digest.status != "pending":
            continue  # today's digest went already: these wait for tomorrow's
        if _gather(digest, Notification.user_id == user_id, Notification.delivery == "digest"):
            made += 1
        else:
            db.session.delete(digest)
    db.session.flush()
    return made


def build_escalations(now: datetime) -> int:
    """One message per user (and channel) carrying every escalation waiting for one; returns
    how many. Called by the sweep, so it carries what that sweep created (and anything a
    broken earlier run left waiting): an escalation is told once, in the first message after
    it arose."""
    waiting = db.session.execute(
        select(Notification.user_id, Notification.channel, func.min(Notification.programme_id))
        .where(Notification.delivery == BATCH, Notification.status == "pending",
               Notification.digest_id.is_(None))
        .group_by(Notification.user_id, Notification.channel)
        .order_by(Notification.user_id, Notification.channel)).all()
    if not waiting:
        return 0
    programmes = {p.id: p for p in db.session.scalars(select(Programme))}
    made = 0
    for user_id, channel, programme_id in waiting:
        programme = programmes.get(programme_id)
        day = now.astimezone(programme.tz if programme else _default_zone()).date()
        email = channel == "email"
        # The key only has to be unique: the rows it carries are what must not repeat.
        message = Notification(
            dedupe_key=f"{ESCALATIONS}:{user_id}:{now:%Y%m%dT%H%M%S}:{secrets.token_hex(6)}",
            kind=ESCALATIONS, user_id=user_id, programme_id=programme_id, occasion=day,
            channel=channel, delivery="now" if email else "in_app", params={}, link=None,
            status="pending" if email else "sent", attempts=0,
            next_attempt_at=now if email else None, sent_at=None if email else now,
            created_at=now)
        db.session.add(message)
        db.session.flush()
        if not _gather(message, Notification.user_id == user_id,
                       Notification.delivery == BATCH, Notification.channel == channel):
            db.session.delete(message)  # another sweep carried them meanwhile
            continue
        counts = dict(db.session.execute(
            select(Notification.object_type, func.count(Notification.id))
            .where(Notification.digest_id == message.id)
            .group_by(Notification.object_type)).all())
        message.params = {"date": day.isoformat(),
                          "counts": {group: counts.get(object_type, 0)
                                     for object_type, group in ESCALATION_GROUPS.items()}}
        made += 1
    db.session.flush()
    return made


def _default_zone():
    from zoneinfo import ZoneInfo

    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
