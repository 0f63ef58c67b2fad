"""The live demo built around a fixed day, and the reminders it sends (issue 18)."""

from datetime import date

from sqlalchemy import func, select

from eventplan.cli import demo_command
from eventplan.cli.reminders import send_due_command
from eventplan.extensions import db
from eventplan.models import (
    Agency,
    CompletionReport,
    Event,
    EventChange,
    Notification,
    Plan,
    Programme,
    User,
)
from eventplan.services import plans
from eventplan.services.completion import tasks
from eventplan.services.demo import demo_password, load_demo
from eventplan.services.demo.live import COORDINATED, live_start, load_live_demo

TODAY = date(2026, 12, 4)


def _live() -> Programme:
    return db.session.scalar(select(Programme).where(Programme.slug == "demo-live"))


def _build():
    load_demo()
    made = load_live_demo(TODAY)
    db.session.commit()
    return made


def test_live_start_is_four_months_back_across_new_year():
    assert live_start(date(2026, 12, 4)) == date(2026, 8, 1)
    assert live_start(date(2027, 2, 10)) == date(2026, 10, 1)
    assert live_start(date(2026, 4, 30)) == date(2025, 12, 1)


def test_live_demo_runs_across_today_and_gives_every_coordinator_work(app):
    programme = _build()
    assert programme is _live() and programme.name_en.startswith("DEMO")
    assert programme.name_kk.startswith("ДЕМО") and programme.is_public
    assert programme.starts_on == date(2026, 8, 1) <= TODAY <= programme.ends_on
    old = db.session.scalar(select(Programme).where(Programme.slug == "independence-30"))
    assert old.is_archived and not programme.is_archived
    for code in COORDINATED:
        agency_id = db.session.scalar(select(Agency.id).where(Agency.code == code))
        counts = tasks.counts(programme, TODAY, tasks.Scope(agency_id))
        assert min(counts["due"], counts["overdue"], counts["returned"], counts["upcoming"]
                   ) >= 1, (code, counts)
    overdue = tasks.group_rows("overdue", programme, TODAY, tasks.Scope(), per_page=500)
    assert overdue and max(days for _e, days, _own in overdue) < 60  # days, not years
    statuses = dict(db.session.execute(
        select(CompletionReport.status, func.count()).join(Event).join(Plan)
        .where(Plan.programme_id == programme.id).group_by(CompletionReport.status)).all())
    assert statuses["accepted"] > statuses["submitted"] >= 5 and statuses["returned"] >= 5
    held = db.session.scalar(select(func.count()).select_from(Event).join(Plan).where(
        Plan.programme_id == programme.id, Event.status == "held"))
    assert held >= statuses["accepted"] * 0.9
    assert not db.session.scalar(select(func.count()).select_from(CompletionReport).join(Event)
                                 .where(CompletionReport.submitted_at.is_not(None),
                                        Event.ends_on >= TODAY))  # nothing reported ahead
    queue = plans.review_queue()
    waiting = [(p.agency.code, p.is_amendment) for p, _n in queue
               if p.programme_id == programme.id]
    assert ("AKIMAT_KARAGANDA", True) in waiting
    assert sum(1 for _code, amendment in waiting if not amendment) >= 2
    assert db.session.scalar(select(func.count()).select_from(EventChange))
    this_month = [c for c in programme.commemorations
                  if (c.observed_on() or date.min).strftime("%Y-%m") == "2026-12"]
    assert "Baurzhan Momyshuly" in {c.name_en for c in this_month}
    zhambyl = next(c for c in programme.commemorations if c.name_en == "Zhambyl Zhabayev")
    assert zhambyl.observed_on() == date(2027, 2, 28) and zhambyl.anniversary == 181


def test_live_demo_is_built_once(app):
    _build()
    counts = (db.session.scalar(select(func.count()).select_from(Event)),
              db.session.scalar(select(func.count()).select_from(CompletionReport)))
    assert load_live_demo(TODAY) is None
    assert counts == (db.session.scalar(select(func.count()).select_from(Event)),
                      db.session.scalar(select(func.count()).select_from(CompletionReport)))


def test_demo_command_with_today_then_send_due_gives_digests_and_an_escalation(app, runner,
                                                                                client):
    result = runner.invoke(demo_command, ["--today", "2026-12-04"])
    assert result.exit_code == 0, result.output
    assert "demo-live: 2026-08-01 .. 2027-07-31" in result.output
    sent = runner.invoke(send_due_command, ["--now", "2026-12-04T10:00+05:00"])
    assert sent.exit_code == 0, sent.output
    digests = db.session.scalars(select(Notification).where(Notification.kind == "digest")).all()
    escalations = db.session.scalars(
        select(Notification).where(Notification.kind == "escalations")).all()
    recipients = {n.user.email for n in digests}
    assert {"pavlodar@eventplan.local", "misd@eventplan.local"} <= recipients
    assert escalations and {n.user.role for n in escalations} <= {"hq", "admin"}
    assert all(n.status == "sent" for n in digests + escalations)
    # The old programme is archived: nothing is said about 2021 any more.
    old = db.session.scalar(select(Programme.id).where(Programme.slug == "independence-30"))
    assert not db.session.scalar(select(func.count()).select_from(Notification)
                                 .where(Notification.programme_id == old))
    links: dict[int, set[str]] = {}
    for carrier in digests + escalations:
        for row in db.session.scalars(select(Notification)
                                      .where(Notification.digest_id == carrier.id)):
            if row.link:
                links.setdefault(carrier.user_id, set()).add(row.link)
    assert links
    for user_id, paths in links.items():
        user = db.session.get(User, user_id)
        client.post("/auth/logout")
        login = client.post("/auth/login", data={"email": user.email,
                                                 "password": demo_password(user.role)})
        assert login.status_code == 302
        for path in sorted(paths)[:8]:
            page = client.get(path)
            assert page.status_code == 200, (user.email, path)
            assert "ДЕМО" in page.get_data(as_text=True) or "DEMO" in page.get_data(
                as_text=True) or path.startswith("/completion"), path


def test_the_waiting_amendment_and_plans_open_for_headquarters(app, client):
    _build()
    karaganda = db.session.scalar(select(Plan).join(Agency).where(
        Agency.code == "AKIMAT_KARAGANDA", Plan.programme_id == _live().id))
    client.post("/auth/login", data={"email": "hq@eventplan.local",
                                     "password": demo_password("hq")})
    review = client.get(f"/plans/{karaganda.id}/review")
    assert review.status_code == 200
    assert "Additional 'Melodies of Independence' concert" in review.get_data(as_text=True) \
        or "Additional &#39;Melodies of Independence&#39; concert" in review.get_data(as_text=True)
    queue = client.get("/plans/review").get_data(as_text=True)
    assert "Turkistan" in queue and "Kostanay" in queue
