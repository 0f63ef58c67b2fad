"""Copy page, archive and reopen, the programme switcher, and each demo login's first page."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from eventplan.blueprints.completion import nav
from eventplan.extensions import db
from eventplan.models import AuditEntry, Event, Plan, Programme
from eventplan.services.demo import data, demo_password, load_demo
from eventplan.services.demo.live import load_live_demo

COPY = {"slug": "jubilee-2026", "name_kk": "Мерейтой 2026", "name_ru": "Юбилей 2026",
        "name_en": "", "starts_on": "2026-01-01",
        "parts": ["blocks", "sections", "plan", "skeletons", "commemorations"]}


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_hq_copies_on_the_web_and_a_taken_slug_is_refused(client, auth, world):
    auth.login("hq")
    form = client.get("/programmes/jubilee/copy").get_data(as_text=True)
    assert "Jubilee" in form and 'value="2022-01-01"' in form  # next year proposed
    response = client.post("/programmes/jubilee/copy", data=COPY)
    assert response.status_code == 302 and response.location.endswith("/programmes/jubilee-2026/")
    new = db.session.scalar(select(Programme).where(Programme.slug == "jubilee-2026"))
    assert new.name_kk == "Мерейтой 2026" and new.ends_on == date(2026, 12, 31)
    republican = next(p for p in new.plans if p.level == "republican")
    assert republican.status == "draft" and republican.events
    assert {e.starts_on.year for e in republican.events} == {2026}
    assert client.get("/").location.endswith("/programmes/jubilee-2026/")  # now current
    before = (_count(Programme), _count(Plan), _count(Event), _count(AuditEntry))
    again = client.post("/programmes/jubilee/copy", data={**COPY, "starts_on": "2027-01-01"})
    assert again.status_code == 422 and "already exists" in again.get_data(as_text=True)
    assert (_count(Programme), _count(Plan), _count(Event), _count(AuditEntry)) == before


def test_copy_page_is_refused_to_coordinators(client, auth, world):
    auth.login("coordinator")
    assert client.post("/programmes/jubilee/copy", data=COPY).status_code == 403
    assert _count(Programme) == 1


def test_archived_programme_is_read_only_but_readable_and_can_reopen(client, auth, world):
    draft = world.events["pavlodar_draft"]
    auth.login("hq")
    assert client.post("/programmes/jubilee/archive", data={"archived": "1"}).status_code == 302
    programme = db.session.scalar(select(Programme).where(Programme.slug == "jubilee"))
    assert programme.is_archived
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "programme.archive"))
    assert entry.object_id == programme.id and entry.changes["archived_at"][0] is None
    page = client.get("/programmes/jubilee/").get_data(as_text=True)
    assert "Archived: read-only" in page and "Reopen the programme" in page
    assert client.get(f"/events/{world.events['summit'].id}/edit").status_code == 403
    assert client.get("/reports/jubilee/").status_code == 200
    assert client.get("/reports/jubilee/export.xlsx").status_code == 200
    assert client.get("/feeds/public/jubilee.ics").status_code == 200
    auth.logout()
    auth.login("coordinator")
    assert client.get(f"/events/{draft.id}/edit").status_code == 403
    submit = client.post(f"/plans/{world.plans['pavlodar'].id}/submit")
    assert submit.status_code == 403 and world.plans["pavlodar"].status == "draft"
    auth.logout()
    auth.login("hq")
    client.post("/programmes/jubilee/archive", data={"archived": "0"})
    assert not programme.is_archived
    auth.logout()
    auth.login("coordinator")
    assert client.get(f"/events/{draft.id}/edit").status_code == 200


def test_switcher_changes_the_current_programme(client, auth, world):
    other = Programme(slug="other-2026", name_ru="Другая программа", name_en="Other",
                      starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31), is_public=True)
    db.session.add(other)
    db.session.commit()
    auth.login("viewer")
    assert client.get("/").location.endswith("/programmes/other-2026/")  # newest open
    page = client.get("/programmes/jubilee/").get_data(as_text=True)
    assert 'id="programme-switcher"' in page and 'data-slug="jubilee"' in page
    switched = client.post("/programmes/switch", data={"slug": "jubilee"})
    assert switched.location.endswith("/programmes/jubilee/")
    assert client.get("/").location.endswith("/programmes/jubilee/")
    assert client.post("/programmes/switch", data={"slug": "nowhere"}).status_code == 404
    assert client.get("/").location.endswith("/programmes/jubilee/")  # unchanged


@pytest.fixture
def live_demo(app, monkeypatch):
    load_demo()
    load_live_demo(date(2026, 12, 4))
    db.session.commit()
    monkeypatch.setattr(nav, "clock", lambda: datetime(2026, 12, 4, 5, 0, tzinfo=UTC))


def test_every_demo_login_lands_on_a_page_with_something_to_do(client, live_demo):
    for role, email, _name, _agency in data.USERS:
        client.post("/auth/logout")
        login = client.post("/auth/login", data={"email": email,
                                                 "password": demo_password(role)})
        assert login.status_code == 302
        first = client.get(client.get(login.location).location)
        body = first.get_data(as_text=True)
        assert first.status_code == 200 and "/programmes/demo-live/" in first.request.path
        assert 'id="todo"' in body, email
        assert 'id="todo-upcoming-list"' in body, email
        if role == "coordinator":
            assert 'id="todo-due-list"' in body and "Reports due: 0" not in body, email
        if role in {"hq", "admin"}:
            assert "Plans waiting for approval: 2" in body
            assert "Amendments waiting for review: 1" in body
            assert 'id="todo-due-list"' in body


def test_reports_of_an_archived_programme_are_neither_accepted_nor_returned(client, auth, world):
    from eventplan.models import CompletionReport

    report = CompletionReport(event=world.events["summit"], agency=world.agencies["MCS"],
                              status="submitted", outcome="held", links=[], participants=40,
                              submitted_at=datetime(2021, 4, 2, tzinfo=UTC))
    db.session.add(report)
    world.programme.archived_at = datetime(2022, 1, 10, tzinfo=UTC)
    db.session.commit()
    auth.login("hq")
    accept = client.post(f"/completion/{report.id}/accept", data={"version": report.version})
    assert accept.status_code == 403 and "read-only" in accept.get_data(as_text=True)
    back = client.post(f"/completion/{report.id}/return",
                       data={"version": report.version, "comment": "Фото қосыңыз"})
    assert back.status_code == 403
    client.post("/completion/bulk-accept", data={"report": [f"{report.id}:{report.version}"]})
    db.session.refresh(report)
    assert report.status == "submitted" and world.events["summit"].status == "planned"
