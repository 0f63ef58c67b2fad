"""History reads as sentences in the reader's language: no action codes, states by name,
dates and times in the one format of the locale."""

from datetime import UTC, datetime

from flask_babel import refresh

from eventplan.extensions import db
from eventplan.models import AuditEntry
from eventplan.services import audit, plans


def _reader(world, role, lang):
    world.users[role].locale = lang
    db.session.commit()
    refresh()  # the services ran in this app context and fixed its locale to the default


def test_plan_history_in_kazakh_names_the_action_and_the_states(client, auth, world):
    plan = world.plans["pavlodar"]
    plans.submit(plan, world.users["coordinator"])
    plans.return_plan(plan, world.users["hq"], "Мекенжайды толық көрсетіңіз")
    db.session.commit()
    _reader(world, "coordinator", "kk")
    auth.login("coordinator")
    body = client.get(f"/plans/{plan.id}/history").get_data(as_text=True)
    assert "Жоспарды пысықтауға қайтарды" in body and "Жоспарды бекітуге жіберді" in body
    assert "Бекітуге ұсынылды</del> → Пысықтауға қайтарылды" in body
    assert "plan.return" not in body and "plan.submit" not in body
    assert "submitted" not in body and "returned" not in body


def test_event_history_in_russian_has_no_codes_and_no_foreign_note(client, auth, world):
    event = world.events["summit"]
    entry = audit.record(world.users["hq"], "event.held", event,
                         {"status": ["planned", "held"], "starts_on": ["2021-03-30", "2021-03-31"]},
                         note="Lead report accepted")  # as stored before: the reviewer's language
    entry.at = datetime(2021, 4, 2, 10, 5, tzinfo=UTC)
    db.session.commit()
    _reader(world, "viewer", "ru")
    auth.login("viewer")
    body = client.get(f"/events/{event.id}").get_data(as_text=True)
    body = body.replace("\xa0", " ").replace("\u202f", " ")  # Babel's narrow spaces
    assert "Мероприятие отмечено как проведённое" in body
    assert "<del>Запланировано</del> → Проведено" in body
    assert "event.held" not in body and "Lead report accepted" not in body
    assert "<del>30 мар. 2021 г.</del> → 31 мар. 2021 г." in body
    assert "2 апр. 2021 г., 16:05" in body  # Almaty time, 24-hour, one format
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) >= 1
