"""The scheduler's lock: one copy works, another takes over when it is gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from eventplan.scheduler import heartbeat, heartbeat_age
from tests.conftest import PG_URL, skip_or_fail
from tests.smtp import SmtpServer

ROOT = Path(__file__).resolve().parents[2]


def test_on_sqlite_a_second_copy_takes_over_only_when_the_heartbeat_is_stale(app, world):
    app.config["SCHEDULER_LOCK_STALE_SECONDS"] = 120
    now = datetime(2021, 3, 25, tzinfo=UTC)
    assert heartbeat("host:1", now)
    if app.extensions["sqlalchemy"].engines[None].dialect.name != "sqlite":
        return  # on PostgreSQL the advisory lock decides (the process test below)
    assert not heartbeat("host:2", now + timedelta(seconds=60))
    assert heartbeat("host:1", now + timedelta(seconds=90))
    assert not heartbeat("host:2", now + timedelta(seconds=200))
    assert heartbeat("host:2", now + timedelta(seconds=211))  # host:1 silent for 121 s
    assert not heartbeat("host:1", now + timedelta(seconds=212))
    assert heartbeat_age(now + timedelta(seconds=221)) == 10


# --- two real scheduler processes on PostgreSQL ---------------------------------------------

CLOCK = "2021-03-25T04:00:00Z"  # 10:00 in Almaty: digests are due, reports overdue


@pytest.fixture
def pg_database():
    if not PG_URL or not PG_URL.startswith("postgresql"):
        pytest.skip("runs in the PostgreSQL pass (EVENTPLAN_TEST_DATABASE_URL)")
    url = make_url(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
                   if PG_URL.startswith("postgresql://") else PG_URL)
    name = f"{url.database}_scheduler"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        skip_or_fail(f"PostgreSQL unavailable: {exc}")
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _env(url: str, smtp_port: int, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTPLAN_")}
    env.update({
        "PYTHONPATH": str(ROOT), "EVENTPLAN_DATABASE_URL": url,
        # `init` writes instance/secret_key: into the test's folder, never the checkout's
        "EVENTPLAN_INSTANCE_PATH": str(tmp_path / "instance"),
        "EVENTPLAN_MAIL_SERVER": "127.0.0.1", "EVENTPLAN_MAIL_PORT": str(smtp_port),
        "EVENTPLAN_BASE_URL": "http://eventplan.test", "EVENTPLAN_NOW": CLOCK,
        "EVENTPLAN_SCHEDULER_POLL_SECONDS": "0.5", "EVENTPLAN_SCHEDULER_SEND_SECONDS": "1",
        "EVENTPLAN_SCHEDULER_SWEEP_SECONDS": "2", "EVENTPLAN_SCHEDULER_DIGEST_SECONDS": "2",
        "EVENTPLAN_SCHEDULER_HEARTBEAT_SECONDS": "1",
    })
    return env


def _eventplan(*args: str) -> list[str]:
    return [sys.executable, "-c", "from eventplan.cli import main; main()", *args]


def _wait(condition, timeout: float = 30.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def test_two_scheduler_processes_deliver_each_message_once_and_the_second_takes_over(
        pg_database, tmp_path):
    smtp = SmtpServer().start()
    env = _env(pg_database, smtp.port, tmp_path)
    engine = create_engine(pg_database)
    procs: list[subprocess.Popen] = []
    try:
        for command in ("init", "demo"):
            subprocess.run(_eventplan(command), env=env, check=True, capture_output=True,
                           timeout=120, cwd=tmp_path)
        procs = [subprocess.Popen(_eventplan("scheduler"), env=env, cwd=tmp_path,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for _ in range(2)]

        def pending() -> int:
            with engine.connect() as conn:
                return conn.execute(text(
                    "SELECT count(*) FROM notification WHERE channel = 'email' AND "
                    "(status = 'pending' AND delivery = 'now' OR id IN (SELECT digest_id "
                    "FROM notification WHERE digest_id IS NOT NULL) AND status <> 'sent')"
                )).scalar()

        def sent() -> int:
            with engine.connect() as conn:
                return conn.execute(text(
                    "SELECT count(*) FROM notification WHERE channel = 'email' "
                    "AND delivery = 'now' AND status = 'sent'")).scalar()

        _wait(lambda: sent() > 0 and pending() == 0, 40, "the first deliveries")
        time.sleep(2.5)  # another sweep and send cycle: nothing new may arrive
        ids = [m["X-Eventplan-Notification"] for m in smtp.sink.messages]
        assert len(ids) == len(set(ids)) == sent() > 0

        with engine.connect() as conn:
            holder = conn.execute(text("SELECT holder FROM scheduler_lock")).scalar()
        first = next(p for p in procs if holder.endswith(f":{p.pid}"))
        second = next(p for p in procs if p is not first)
        first.send_signal(signal.SIGKILL)
        first.wait(10)

        # A decision after the first copy died: the second copy must notice and send it.
        with engine.begin() as conn:
            plan_id = conn.execute(text(
                "SELECT p.id FROM plan p JOIN agency a ON a.id = p.agency_id "
                "WHERE a.code = 'AKIMAT_AKMOLA'")).scalar()
            conn.execute(text(
                "INSERT INTO audit_entry (at, action, object_type, object_id, changes, note) "
                "VALUES (now() AT TIME ZONE 'UTC', 'plan.return', 'plan', :p, '{}', 'Fix it')"),
                {"p": plan_id})
        before = len(smtp.sink.messages)
        smtp.sink.wait_for(before + 1, timeout=20)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT holder FROM scheduler_lock")).scalar() \
                .endswith(f":{second.pid}")
        time.sleep(2.5)
        new = smtp.sink.messages[before:]
        assert [m["To"] for m in new] == ["akmola@eventplan.local"]
        ids = [m["X-Eventplan-Notification"] for m in smtp.sink.messages]
        assert len(ids) == len(set(ids))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        engine.dispose()
        smtp.stop()
