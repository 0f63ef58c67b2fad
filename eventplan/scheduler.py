"""The scheduler: one running copy sweeps, builds digests, sends and beats its heart.

``eventplan scheduler`` runs it in the foreground; ``eventplan serve`` runs it in a
background thread of the one process. It is never started by ``create_app``.

Only the copy holding the lock runs jobs. On PostgreSQL the lock is a session advisory
lock held on a dedicated connection, so it vanishes with the process; on SQLite it is the
``scheduler_lock`` row, which another copy takes over once its heartbeat is stale. Either
way the jobs are safe to run twice: every message has a unique key and every e-mail is
claimed before it is sent.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import Flask
from sqlalchemy import select, text, update

from eventplan.extensions import db
from eventplan.models import SchedulerLock
from eventplan.services.upsert import insert_for

log = logging.getLogger("eventplan.scheduler")
LOCK_NAME = "scheduler"
ADVISORY_KEY = 0x65766E74  # "evnt": the advisory lock's number
STALE_AFTER = timedelta(minutes=15)  # admins are warned when the heartbeat is older
DEFAULTS = {"SCHEDULER_SWEEP_SECONDS": 300, "SCHEDULER_DIGEST_SECONDS": 3600,
            "SCHEDULER_SEND_SECONDS": 60, "SCHEDULER_HEARTBEAT_SECONDS": 30,
            "SCHEDULER_LOCK_STALE_SECONDS": 120, "SCHEDULER_POLL_SECONDS": 10,
            "SCHEDULER_FEEDS_SECONDS": 30}


def setting(app: Flask, name: str) -> float:
    return float(app.config.get(name, DEFAULTS[name]))


# --- the clock ----------------------------------------------------------------------------

def parse_instant(raw: str) -> datetime:
    """An ISO instant; without an offset it is UTC."""
    value = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def make_clock(start: datetime | None) -> Callable[[], datetime]:
    """Real time, or time that starts at ``start`` and runs on (``--now`` / EVENTPLAN_NOW)."""
    if start is None:
        return lambda: datetime.now(UTC)
    offset = start - datetime.now(UTC)
    return lambda: datetime.now(UTC) + offset


# --- jobs: each runs in its own app context and commits its own work ------------------------

def run_sweep(now: datetime) -> dict:
    from eventplan.services.reminders import sweep

    created = sweep(now)
    db.session.commit()
    return dict(created)


def run_digests(now: datetime) -> int:
    from eventplan.services.outbox import build_digests

    made = build_digests(now)
    db.session.commit()
    return made


def run_send(now: datetime, limit: int = 500) -> dict[str, int]:
    """Send due e-mails one by one, committing each before claiming the next."""
    from eventplan.services.outbox import claim_next, deliver

    counts = {"sent": 0, "failed": 0, "retry": 0}
    for _ in range(limit):
        notification = claim_next(now)
        if notification is None:
            db.session.commit()
            break
        status = deliver(notification, now)
        db.session.commit()
        counts["sent" if status == "sent" else "failed" if status == "failed" else "retry"] += 1
    return counts


def run_feeds(now: datetime) -> dict[str, int]:
    """Render feed fragments a change left missing, in committed batches (feed_warm)."""
    from eventplan.services.feed_warm import run_job

    return run_job(now)


def heartbeat(holder: str, now: datetime) -> bool:
    """Record a sign of life. On SQLite this is the lock itself: False when another copy
    holds a fresh lock."""
    from flask import current_app

    fresh = now - timedelta(seconds=setting(current_app, "SCHEDULER_LOCK_STALE_SECONDS"))
    _ensure_lock_row()
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(update(SchedulerLock).where(SchedulerLock.name == LOCK_NAME)
                           .values(holder=holder, heartbeat_at=now))
        db.session.commit()
        return True
    taken = db.session.execute(
        update(SchedulerLock)
        .where(SchedulerLock.name == LOCK_NAME,
               (SchedulerLock.holder == holder) | (SchedulerLock.holder.is_(None))
               | (SchedulerLock.heartbeat_at.is_(None)) | (SchedulerLock.heartbeat_at < fresh))
        .values(holder=holder, heartbeat_at=now)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return taken.rowcount == 1


def _ensure_lock_row() -> None:
    if db.session.get(SchedulerLock, LOCK_NAME) is None:
        insert = insert_for(db.session.get_bind().dialect.name, SchedulerLock.__table__)
        db.session.execute(insert.values(name=LOCK_NAME)
                           .on_conflict_do_nothing(index_elements=["name"]))
        db.session.commit()


def heartbeat_age(now: datetime | None = None) -> float | None:
    """Seconds since the scheduler's last heartbeat, or None if it never ran."""
    beat = db.session.scalar(select(SchedulerLock.heartbeat_at)
                             .where(SchedulerLock.name == LOCK_NAME))
    if beat is None:
        return None
    return max(0.0, ((now or datetime.now(UTC)) - beat).total_seconds())


def heartbeat_is_stale() -> bool:
    age = heartbeat_age()
    return age is None or age > STALE_AFTER.total_seconds()


# --- the runner ---------------------------------------------------------------------------

class Runner:
    """Waits for the lock, then runs the jobs with APScheduler until stopped."""

    def __init__(self, app: Flask, clock: Callable[[], datetime] | None = None) -> None:
        self.app = app
        self.clock = clock or make_clock(None)
        self.holder = f"{socket.gethostname()}:{os.getpid()}"
        self.stop_event = threading.Event()
        self._pg_conn = None
        self.scheduler = None

    # The lock ------------------------------------------------------------------------
    def try_lock(self) -> bool:
        with self.app.app_context():
            if db.engine.dialect.name == "postgresql":
                if self._pg_conn is None:
                    # A connection kept checked out while the lock is held: the lock lives
                    # and dies with it (and with this process).
                    self._pg_conn = db.engine.connect()
                got = self._pg_conn.execute(text("SELECT pg_try_advisory_lock(:k)"),
                                            {"k": ADVISORY_KEY}).scalar()
                self._pg_conn.commit()
                if got:
                    heartbeat(self.holder, self.clock())
                return bool(got)
            return heartbeat(self.holder, self.clock())

    def release(self) -> None:
        if self._pg_conn is not None:
            try:
                self._pg_conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                self._pg_conn.commit()
                self._pg_conn.close()
            finally:
                self._pg_conn = None
        else:
            with self.app.app_context():
                db.session.execute(update(SchedulerLock).where(
                    SchedulerLock.name == LOCK_NAME, SchedulerLock.holder == self.holder)
                    .values(holder=None))
                db.session.commit()

    # Jobs ------------------------------------------------------------------------------
    def _job(self, name: str, func: Callable[[datetime], object]) -> Callable[[], None]:
        def job() -> None:
            with self.app.app_context():
                try:
                    result = func(self.clock())
                    log.info("%s: %s", name, result)
                except Exception:
                    db.session.rollback()
                    log.exception("job %s failed", name)
                finally:
                    db.session.remove()
        return job

    def _beat(self, now: datetime) -> bool:
        if self._pg_conn is not None:
            try:
                self._pg_conn.execute(text("SELECT 1"))
                self._pg_conn.commit()
            except Exception:  # the lock's connection broke: the lock is gone with it
                log.warning("the advisory lock's connection was lost; stopping jobs")
                self._pg_conn = None
                self.lost.set()
                return False
        if not heartbeat(self.holder, now):
            log.warning("another scheduler holds the lock; stopping jobs")
            self.lost.set()
        return True

    def catch_up(self) -> None:
        """Run the cycle once at once: a scheduler that was down starts where it stopped."""
        # Feeds are not caught up here: a cold 100,000-event build takes minutes, and the
        # feeds job starts at once anyway (below), in its own thread.
        for name, func in (("sweep", run_sweep), ("digests", run_digests), ("send", run_send)):
            self._job(name, func)()

    def run(self) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler

        poll = setting(self.app, "SCHEDULER_POLL_SECONDS")
        while not self.stop_event.is_set():
            if not self.try_lock():
                self.stop_event.wait(poll)
                continue
            log.info("scheduler %s holds the lock", self.holder)
            self.lost = threading.Event()
            self.catch_up()
            scheduler = BackgroundScheduler(timezone="UTC")
            self.scheduler = scheduler
            for name, func, key in (
                    ("sweep", run_sweep, "SCHEDULER_SWEEP_SECONDS"),
                    ("digests", run_digests, "SCHEDULER_DIGEST_SECONDS"),
                    ("send", run_send, "SCHEDULER_SEND_SECONDS"),
                    ("feeds", run_feeds, "SCHEDULER_FEEDS_SECONDS"),
                    ("heartbeat", self._beat, "SCHEDULER_HEARTBEAT_SECONDS")):
                first = {"next_run_time": datetime.now(UTC)} if name == "feeds" else {}
                scheduler.add_job(self._job(name, func), "interval", id=name, name=name,
                                  seconds=setting(self.app, key), max_instances=1,
                                  coalesce=True, misfire_grace_time=None, **first)
            scheduler.start()
            while not self.stop_event.is_set() and not self.lost.is_set():
                self.stop_event.wait(1)
            scheduler.shutdown(wait=True)
        self.release()

    def stop(self) -> None:
        self.stop_event.set()


def start_in_background(app: Flask, clock: Callable[[], datetime] | None = None) -> Runner:
    """For ``eventplan serve``: the same scheduler in a daemon thread."""
    runner = Runner(app, clock)
    threading.Thread(target=runner.run, name="eventplan-scheduler", daemon=True).start()
    return runner


def run_in_foreground(runner: Runner) -> None:
    try:
        runner.run()
    except KeyboardInterrupt:
        runner.stop()
        runner.release()
