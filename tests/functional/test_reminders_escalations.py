"""Escalations to headquarters: one message per HQ user per sweep, listing every new one."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from eventplan.extensions import db
from eventplan.models import CompletionReport, Notification, NotificationPreference, User
from tests.factories import PASSWORD, make_event
from tests.functional.test_reminders import LINK, NOW, cycle, emails

# On 25 March 2021 (NOW) three reports are escalated (overdue since 11, 14 and 18 March,
# escalated 3 days later), the Pavlodar plan and the festival report have waited 5 days.
# The exhibition's report is overdue since 23 March: escalated on 26 March.
OVERDUE = ("Akmola fair", "Akmola concert", "Spring marathon")
SUBJECT = ("Escalation: 3 overdue reports, 1 plan waiting for review, "
           "1 report waiting for review")
NEXT_DAY = NOW + timedelta(days=1)


@pytest.fixture
def backlog(world):
    akmola, republican = world.plans["akmola"], world.plans["republican"]
    agencies, march = world.agencies, world.sections[3]
    world.events.update(
        concert=make_event(akmola, march, "2", "Akmola concert", date(2021, 3, 5),
                           agencies["AKIMAT_AKMOLA"]),
        exhibition=make_event(akmola, march, "3", "Akmola exhibition", date(2021, 3, 17),
                              agencies["AKIMAT_AKMOLA"]),
        marathon=make_event(republican, march, "4", "Spring marathon", date(2021, 3, 8),
                            agencies["MCS"]),
        festival=make_event(republican, march, "5", "Spring festival", date(2021, 3, 1),
                            agencies["MCS"]))
    fair = world.events["akmola_fair"]
    fair.title_kk, fair.title_en = "Ақмола жәрмеңкесі", "Akmola fair"
    db.session.add(CompletionReport(event=world.events["festival"], agency=agencies["MCS"],
                                    status="submitted",
                                    submitted_at=datetime(2021, 3, 20, 5, 0, tzinfo=UTC)))
    pavlodar = world.plans["pavlodar"]
    pavlodar.status, pavlodar.submitted_at = "submitted", datetime(2021, 3, 20, 6, 0, tzinfo=UTC)
    second = User(email="hq2@test.kz", role="hq", agency=agencies["HQ"],
                  full_name="Second HQ", locale="kk")
    second.set_password(PASSWORD)
    db.session.add(second)
    db.session.flush()
    # Stored "off" (as an old form could have saved it): headquarters gets them regardless.
    db.session.add(NotificationPreference(user_id=second.id, modes={"escalation": "off"}))
    db.session.commit()
    world.users["hq2"] = second
    return world


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_every_escalation_arrives_in_one_message_per_hq_user(app, client, auth, backlog, smtp):
    result = cycle(NOW)
    assert result["created"]["escalation"] == 10  # 5 items x 2 headquarters users
    assert result["created"]["escalations"] == 2
    assert len(smtp.sink.to("hq@test.kz")) == 1 and len(smtp.sink.to("hq2@test.kz")) == 1

    message = smtp.sink.to("hq@test.kz")[0]
    assert message["Subject"] == SUBJECT
    text, html = text_of(message), message.get_body(("html",)).get_content()
    for title in (*OVERDUE, "Spring festival", "Akimat of Pavlodar Region"):
        assert title in text and title in html
    assert "Akmola exhibition" not in text  # not escalated before 26 March
    # Overdue reports grouped by agency: both Akmola events under one heading.
    akmola, ministry = text.index("Akimat of Akmola Region"), text.index(
        "Ministry of Culture and Sports")
    assert akmola < text.index("Akmola fair") < ministry
    assert akmola < text.index("Akmola concert") < ministry < text.index("Spring marathon")
    events, plan = backlog.events, backlog.plans["pavlodar"]
    expected = {f"/events/{events[name].id}"
                for name in ("akmola_fair", "concert", "marathon", "festival")}
    links = set(LINK.findall(text))
    assert expected | {f"/plans/{plan.id}", "/account/notifications"} <= links
    carrier = emails("escalations")[0]
    assert f"/notifications/{carrier.id}" in links
    assert all(f'href="http://eventplan.test{path}"' in html for path in expected)
    auth.login("hq")
    for path in links:
        assert client.get(path).status_code == 200, path

    kazakh = smtp.sink.to("hq2@test.kz")[0]
    assert kazakh["Content-Language"] == "kk"
    assert "Ақмола жәрмеңкесі" in text_of(kazakh) and "наурыз" in text_of(kazakh).lower()

    # Each escalation row is carried by its user's one message; none is e-mailed on its own.
    rows = list(db.session.scalars(select(Notification).where(
        Notification.kind == "escalation")))
    carriers = {n.user_id: n.id for n in emails("escalations")}
    assert len(rows) == 10 and all(n.digest_id == carriers[n.user_id] for n in rows)


def test_a_second_sweep_sends_nothing_and_the_next_day_only_the_new_escalation(
        app, backlog, smtp):
    cycle(NOW)
    again = cycle(NOW + timedelta(minutes=5))
    assert again["created"] == {} and again["sent"] == 0
    assert len(smtp.sink.messages) == 3  # two HQ users and the Akmola coordinator's digest

    before = len(smtp.sink.to("hq@test.kz"))
    result = cycle(NEXT_DAY)
    assert result["created"]["escalation"] == 2 and result["created"]["escalations"] == 2
    new = smtp.sink.to("hq@test.kz")[before:]
    assert len(new) == 1 and new[0]["Subject"] == "Escalation: 1 overdue report"
    assert "Akmola exhibition" in text_of(new[0])
    assert not any(title in text_of(new[0]) for title in (*OVERDUE, "Spring festival"))
    assert len(smtp.sink.to("hq2@test.kz")) == 2
    assert cycle(NEXT_DAY + timedelta(minutes=5))["sent"] == 0


def test_smtp_down_then_back_delivers_each_batch_once(app, backlog, smtp):
    smtp.stop()
    cycle(NOW)
    carriers = emails("escalations")
    assert len(carriers) == 2
    assert all(n.status == "pending" and n.attempts == 1 for n in carriers)
    # Sweeps while the server is down find nothing new and build no second message.
    assert cycle(NOW + timedelta(seconds=30))["created"] == {}
    smtp.start()
    cycle(NOW + timedelta(minutes=1))
    cycle(NOW + timedelta(minutes=6))
    assert len(emails("escalations")) == 2
    events = backlog.events
    expected = {f"/events/{events[name].id}"
                for name in ("akmola_fair", "concert", "marathon", "festival")}
    for address in ("hq@test.kz", "hq2@test.kz"):
        [message] = smtp.sink.to(address)
        assert expected <= set(LINK.findall(text_of(message)))
    ids = [m["X-Eventplan-Notification"] for m in smtp.sink.messages]
    assert len(ids) == len(set(ids))


def test_a_coordinators_own_reminders_are_unchanged(app, backlog, smtp):
    coordinator = backlog.users["other_coordinator"]
    cycle(NOW)
    [digest] = smtp.sink.to("akmola@test.kz")  # upcoming and overdue, in the daily digest
    assert digest["Subject"].startswith("Your eventplan reminders")
    assert "Akmola fair" in text_of(digest) and "Akmola concert" in text_of(digest)
    kinds = sorted(db.session.scalars(select(Notification.kind).where(
        Notification.user_id == coordinator.id)))
    assert kinds == ["digest", "overdue", "overdue", "overdue", "upcoming"]
    assert db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == coordinator.id, Notification.delivery == "batch")) == 0

    # Asked for at once, overdue reminders still come one e-mail per event.
    db.session.add(NotificationPreference(user_id=coordinator.id, modes={"overdue": "now"}))
    db.session.commit()
    cycle(datetime(2021, 3, 27, 3, 0, tzinfo=UTC))  # the next overdue step of each
    assert len(smtp.sink.to("akmola@test.kz")) == 1 + 3
    assert all(m["Subject"].startswith("Report overdue")
               for m in smtp.sink.to("akmola@test.kz")[1:])


def test_the_bell_shows_one_notice_per_batch_whose_page_lists_every_item(
        app, client, auth, backlog, smtp):
    cycle(NOW)
    auth.login("hq")
    page = client.get("/notifications").get_data(as_text=True)
    assert re.search(r'id="bell"[^>]*aria-label="[^"]+: 1"', page)
    assert page.count("data-id=") == 1 and SUBJECT in page
    carrier = emails("escalations")[0]
    listing = client.get(f"/notifications/{carrier.id}")
    assert listing.status_code == 200
    body = listing.get_data(as_text=True)
    for title in (*OVERDUE, "Spring festival", "Akimat of Pavlodar Region"):
        assert title in body
    assert f'href="/plans/{backlog.plans["pavlodar"].id}"' in body
    assert re.search(r'id="bell"[^>]*aria-label="[^"]+: 0"', body)
    auth.logout()
    auth.login("hq2")
    assert client.get(f"/notifications/{carrier.id}").status_code == 404  # not theirs


def test_escalations_in_the_app_only_make_one_notice_and_no_email(app, backlog, smtp):
    hq = backlog.users["hq"]
    db.session.add(NotificationPreference(user_id=hq.id, modes={"escalation": "in_app"}))
    db.session.commit()
    cycle(NOW)
    assert smtp.sink.to("hq@test.kz") == []
    [notice] = db.session.scalars(select(Notification).where(
        Notification.user_id == hq.id, Notification.kind == "escalations"))
    assert notice.channel == "in_app" and notice.status == "sent" and notice.read_at is None
    assert notice.params["counts"] == {"overdue": 3, "plans": 1, "reports": 1}
