"""A save that loses a race at commit time answers 409 and keeps nothing."""

from sqlalchemy import update

from eventplan.extensions import db
from eventplan.models import AuditEntry, Event
from eventplan.services import events as event_service


def test_stale_commit_in_a_request_answers_409_not_500(app, client, auth, world, monkeypatch):
    auth.login("hq")
    event = world.events["forum"]
    original = event_service.update_event

    def racing_update(ev, user, data, expected_version):
        result = original(ev, user, data, expected_version)
        # Another writer moves the row's version before this request commits.
        db.session.execute(update(Event).where(Event.id == ev.id).values(
            version=ev.version + 5), execution_options={"synchronize_session": False})
        ev.place = "Mine again"  # forces a flush at commit against the moved version
        return result

    monkeypatch.setattr(event_service, "update_event", racing_update)
    response = client.post(f"/events/{event.id}/edit", data={
        "number": "3", "title_ru": "Mine", "section_id": str(event.section_id),
        "category": "cultural", "lead_agency_id": str(event.lead_agency_id), "format": "online",
        "starts_on": "2021-04-23", "version": "1"})
    assert response.status_code == 409
    assert "Nothing was saved" in response.get_data(as_text=True)
    db.session.expire_all()
    saved = db.session.get(Event, event.id)
    assert (saved.title_ru, saved.place, saved.version) == ("Young scientists forum", None, 1)
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) == 0
