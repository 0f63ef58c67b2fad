"""Reminders end to end: sweep, outbox, a real SMTP server on loopback, digests, the bell."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from eventplan.extensions import db
from eventplan.models import AuditEntry, CompletionReport, Notification, NotificationPreference
from eventplan.scheduler import run_digests, run_send, run_sweep
from eventplan.services import plans

# 25 March 2021, 09:00 in Almaty (UTC+6 then): the summit (31 March) is 6 days away, the
# Akmola fair (12 March) is overdue since 18 March, escalated to headquarters on 21 March.
NOW = datetime(2021, 3, 25, 3, 0, tzinfo=UTC)
LINK = re.compile(r"http://eventplan\.test(/[^\s\"<>]*)")


@pytest.fixture
def kazakh_world(world):
    world.users["other_coordinator"].locale = "kk"
    world.users["hq"].locale = "ru"
    world.events["summit"].title_kk = "Түркі саммиті"
    world.events["akmola_fair"].title_kk = "Ақмола жәрмеңкесі"
    db.session.commit()
    return world


def cycle(now: datetime) -> dict:
    created = run_sweep(now)
    digests = run_digests(now)
    return {"created": created, "digests": digests, **run_send(now)}


def emails(kind: str | None = None) -> list[Notification]:
    """Rows sent as e-mails of their own (not the escalations an escalations message carries)."""
    stmt = select(Notification).where(Notification.channel == "email",
                                      Notification.delivery != "batch")
    if kind:
        stmt = stmt.where(Notification.kind == kind)
    return list(db.session.scalars(stmt.order_by(Notification.id)))


def test_right_people_get_the_right_messages_in_their_language_with_working_links(
        app, client, auth, kazakh_world, smtp):
    result = cycle(NOW)
    assert result["created"] == {"upcoming": 1, "overdue": 1, "escalation": 1,
                                 "escalations": 1}
    # Headquarters hears of the escalation at once; the Akmola coordinator gets one digest.
    assert sorted(m["To"] for m in smtp.sink.messages) == ["akmola@test.kz", "hq@test.kz"]
    assert smtp.sink.to("pavlodar@test.kz") == []  # its only event is in a draft plan

    digest = smtp.sink.to("akmola@test.kz")[0]
    text = digest.get_body(("plain",)).get_content()
    html = digest.get_body(("html",)).get_content()
    assert "Түркі саммиті" in text and "Ақмола жәрмеңкесі" in text  # titles in Kazakh
    assert "наурыз" in text.lower()  # dates in Kazakh
    assert digest["Content-Language"] == "kk"
    assert "<a href=\"http://eventplan.test/events/" in html

    escalation = smtp.sink.to("hq@test.kz")[0]
    assert escalation["Content-Language"] == "ru"
    assert "марта" in escalation.get_body(("plain",)).get_content()  # a Russian date

    for message, role in ((digest, "other_coordinator"), (escalation, "hq")):
        links = set(LINK.findall(message.get_body(("plain",)).get_content()))
        assert "/account/notifications" in links  # the way to change one's preferences
        auth.login(role)
        for path in links:
            assert client.get(path).status_code == 200, path
        auth.logout()


def test_a_second_sweep_sends_nothing_new(app, kazakh_world, smtp):
    cycle(NOW)
    delivered = len(smtp.sink.messages)
    rows = db.session.scalar(select(func.count(Notification.id)))
    again = cycle(NOW + timedelta(minutes=5))
    assert again["created"] == {} and again["sent"] == 0
    assert len(smtp.sink.messages) == delivered
    assert db.session.scalar(select(func.count(Notification.id))) == rows


def test_catching_up_after_downtime_creates_only_the_current_step(app, kazakh_world, smtp):
    # Down from 19 to 30 March: the overdue reminder of 24 March (every 3 days from 18 March)
    # is the current step; the missed ones of 18 and 21 March are not sent late.
    cycle(datetime(2021, 3, 25, 3, 0, tzinfo=UTC))
    overdue = emails("overdue")
    assert [n.occasion for n in overdue] == [date(2021, 3, 24)]
    cycle(datetime(2021, 3, 27, 3, 0, tzinfo=UTC))
    assert [n.occasion for n in emails("overdue")] == [date(2021, 3, 24), date(2021, 3, 27)]


def test_smtp_down_keeps_messages_pending_and_delivers_exactly_once_when_back(
        app, kazakh_world, smtp):
    smtp.stop()
    result = cycle(NOW)
    assert result["sent"] == 0 and result["retry"] == 2
    for n in emails():
        if n.kind != "upcoming" and n.kind != "overdue":
            assert n.status == "pending" and n.attempts == 1 and n.last_error
            assert n.next_attempt_at == NOW + timedelta(minutes=1)
    assert cycle(NOW + timedelta(seconds=30))["retry"] == 0  # not before the backoff
    smtp.start()
    assert cycle(NOW + timedelta(minutes=1))["sent"] == 2
    assert cycle(NOW + timedelta(minutes=2))["sent"] == 0
    assert len(smtp.sink.messages) == 2
    assert sorted(m["To"] for m in smtp.sink.messages) == ["akmola@test.kz", "hq@test.kz"]


def test_backoff_grows_then_the_message_fails(app, kazakh_world, smtp):
    smtp.stop()
    now = NOW
    run_sweep(now)
    delays = []
    for _ in range(6):
        run_send(now)
        n = emails("escalations")[0]
        if n.status == "failed":
            break
        delays.append(n.next_attempt_at - now)
        now = n.next_attempt_at
    assert delays == [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
                      timedelta(hours=2), timedelta(hours=12)]
    assert n.status == "failed" and n.attempts == 6


def test_permanent_rejection_fails_at_once_and_admins_see_and_retry_it(
        app, client, auth, kazakh_world, smtp):
    kazakh_world.users["hq"].email = "rejected@test.kz"
    db.session.commit()
    cycle(NOW)
    failed = emails("escalations")[0]
    assert failed.status == "failed" and failed.attempts == 1
    assert "550" in failed.last_error
    auth.login("admin")
    page = client.get("/admin/outbox?status=failed").get_data(as_text=True)
    assert "rejected@test.kz" in page and "550" in page
    assert client.post(f"/admin/outbox/{failed.id}/retry").status_code == 302
    db.session.refresh(failed)
    assert failed.status == "pending" and failed.attempts == 0
    assert db.session.scalar(select(AuditEntry.id).where(
        AuditEntry.action == "notification.retry")) is not None


def test_workflow_notices_go_at_once_to_the_people_concerned(app, kazakh_world, smtp):
    world = kazakh_world
    plan = world.plans["pavlodar"]
    plans.submit(plan, world.users["coordinator"])
    db.session.commit()
    cycle(NOW)
    assert [m["To"] for m in smtp.sink.messages if "X-Eventplan-Notification" in m
            and m["To"] == "hq@test.kz"]  # plan submitted: headquarters
    before = len(smtp.sink.messages)
    plans.return_plan(plan, world.users["hq"], "Add the budget lines")
    # A report decision is written by the report services; its audit row is what counts.
    report = CompletionReport(event=world.events["akmola_fair"],
                              agency=world.agencies["AKIMAT_AKMOLA"], status="returned")
    db.session.add(report)
    db.session.flush()
    db.session.add(AuditEntry(user_id=world.users["hq"].id, action="report.return",
                              object_type="completion_report", object_id=report.id,
                              note="Attach the photos"))
    db.session.commit()
    cycle(NOW + timedelta(minutes=5))
    new = smtp.sink.messages[before:]
    assert sorted(m["To"] for m in new) == ["akmola@test.kz", "pavlodar@test.kz"]
    pavlodar = smtp.sink.to("pavlodar@test.kz")[0].get_body(("plain",)).get_content()
    assert "Add the budget lines" in pavlodar
    akmola = next(m for m in new if m["To"] == "akmola@test.kz")
    assert "Attach the photos" in akmola.get_body(("plain",)).get_content()
    assert cycle(NOW + timedelta(minutes=10))["sent"] == 0  # the same decisions: nothing new


def test_preferences_turn_a_kind_off_or_to_the_app_only(app, client, auth, kazakh_world, smtp):
    auth.login("other_coordinator")
    response = client.post("/account/notifications", data={
        "digest_hour": "9", "mode_upcoming": "off", "mode_due": "digest",
        "mode_overdue": "in_app", "mode_escalation": "now", "mode_workflow": "now"})
    assert response.status_code == 302
    cycle(NOW)
    assert smtp.sink.to("akmola@test.kz") == []
    akmola_id = kazakh_world.users["other_coordinator"].id
    rows = list(db.session.scalars(select(Notification).where(
        Notification.user_id == akmola_id)))
    assert [(n.kind, n.channel) for n in rows] == [("overdue", "in_app")]


def test_headquarters_cannot_turn_escalations_off(app, client, auth, world):
    auth.login("hq")
    response = client.post("/account/notifications", data={
        "digest_hour": "9", "mode_upcoming": "digest", "mode_due": "digest",
        "mode_overdue": "digest", "mode_escalation": "off", "mode_workflow": "now"})
    assert response.status_code == 422
    assert db.session.get(NotificationPreference, world.users["hq"].id) is None


def test_bell_counts_unread_and_reading_marks_read(app, client, auth, kazakh_world, smtp):
    cycle(NOW)
    auth.login("hq")
    page = client.get("/notifications").get_data(as_text=True)
    assert 'id="bell"' in page  # the label is in the user's language (ru here)
    assert re.search(r'id="bell"[^>]*aria-label="[^"]+: 1"', page)
    n = emails("escalations")[0]  # one notice lists the sweep's escalations
    response = client.get(f"/notifications/{n.id}")
    fair = kazakh_world.events["akmola_fair"].id
    assert response.status_code == 200 and f'href="/events/{fair}"' in response.get_data(
        as_text=True)
    db.session.refresh(n)
    assert n.read_at is not None
    page = client.get("/notifications").get_data(as_text=True)
    assert re.search(r'id="bell"[^>]*aria-label="[^"]+: 0"', page)
    auth.logout()
    auth.login("other_coordinator")
    assert client.get(f"/notifications/{n.id}").status_code == 404  # not theirs


def test_without_a_mail_server_messages_become_files_admins_can_read(
        app, client, auth, kazakh_world):
    app.config["MAIL_SERVER"] = None
    assert cycle(NOW)["sent"] == 2
    auth.login("admin")
    page = client.get("/admin/outbox?status=sent").get_data(as_text=True)
    names = re.findall(r"/admin/outbox/files/([\w.-]+\.eml)", page)
    assert len(names) == 2
    body = client.get(f"/admin/outbox/files/{names[0]}")
    assert body.status_code == 200 and b"Subject:" in body.data
    assert client.get("/admin/outbox/files/..%2Fconfig.py").status_code == 404


def test_admin_adjusts_reminder_settings(app, client, auth, kazakh_world, smtp):
    auth.login("admin")
    response = client.post("/admin/reminders/jubilee", data={
        "enabled": "y", "upcoming_days": "3, 1", "overdue_repeat_days": "3",
        "escalation_days": "30", "review_wait_days": "3"})
    assert response.status_code == 302
    cycle(NOW)
    assert emails("escalations") == []  # not yet 30 days overdue
    assert db.session.scalar(select(func.count(Notification.id)).where(
        Notification.kind == "escalation")) == 0
    assert emails("upcoming") == []  # the summit is 6 days away, beyond 3
    bad = client.post("/admin/reminders/jubilee", data={
        "enabled": "y", "upcoming_days": "soon", "overdue_repeat_days": "3",
        "escalation_days": "3", "review_wait_days": "3"})
    assert bad.status_code == 422


def test_healthz_reports_the_heartbeat_and_admins_see_a_stale_scheduler(app, client, auth,
                                                                          world):
    from eventplan.scheduler import heartbeat

    assert client.get("/healthz").get_json()["scheduler_heartbeat_age"] is None
    auth.login("admin")
    assert 'id="scheduler-warning"' in client.get("/notifications").get_data(as_text=True)
    heartbeat("test:1", datetime.now(UTC))
    assert client.get("/healthz").get_json()["scheduler_heartbeat_age"] < 60
    assert 'id="scheduler-warning"' not in client.get("/notifications").get_data(as_text=True)
    auth.logout()
    auth.login("hq")
    heartbeat("test:1", datetime.now(UTC) - timedelta(hours=1))
    assert 'id="scheduler-warning"' not in client.get("/notifications").get_data(as_text=True)


def test_a_title_with_a_line_break_is_sent_on_one_subject_line(app, kazakh_world, smtp):
    kazakh_world.events["akmola_fair"].title_kk = "Akmola\r\nBcc: spam@example.com"
    kazakh_world.users["hq"].locale = "en"
    db.session.commit()
    cycle(NOW)
    message = smtp.sink.to("hq@test.kz")[0]
    assert message["Bcc"] is None and "\n" not in message["Subject"]
    assert [m["To"] for m in smtp.sink.messages if "spam" in (m["To"] or "")] == []
