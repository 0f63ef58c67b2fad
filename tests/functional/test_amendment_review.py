"""The amendment review shows real changes only, events by title, values as people read them."""

from datetime import date

from flask_babel import refresh

from eventplan.extensions import db
from eventplan.models import EventChange
from eventplan.services import plans
from tests.functional.test_events import edit_form


def test_review_lists_only_what_changed_with_titles_and_formatted_dates(client, auth, world):
    plan, fair = world.plans["akmola"], world.events["akmola_fair"]
    plans.record_existing_approval(plan, "Order of the deputy akim No. 7", date(2021, 2, 10))
    world.users["hq"].locale = "ru"
    db.session.commit()
    refresh()
    auth.login("other_coordinator")
    client.post(f"/plans/{plan.id}/amend")
    # The form sends every field: an empty term and cost are no change; the start moves.
    assert client.post(f"/events/{fair.id}/edit", data=edit_form(
        world, fair, lead_agency_id=str(fair.lead_agency_id), term="", estimated_cost="",
        starts_on="2021-03-14", ends_on="2021-03-14")).status_code == 302
    client.post(f"/plans/{plan.id}/submit")
    auth.logout()
    auth.login("hq")
    refresh()  # the coordinator's requests fixed this app context's locale
    review = client.get(f"/plans/{plan.id}/review").get_data(as_text=True)
    review = review.replace("\xa0", " ").replace("\u202f", " ")
    assert "~ 1 Akmola fair:" in review
    assert "<del>12 мар. 2021 г.</del> → 14 мар. 2021 г." in review
    assert "2021-03-12" not in review
    assert "Срок" not in review.split("~ 1 Akmola fair:")[1].split("</li>")[0]  # the term


def test_the_plan_page_shows_a_staged_change_with_its_new_value(client, auth, world):
    plan, fair = world.plans["akmola"], world.events["akmola_fair"]
    plans.record_existing_approval(plan, "Order of the deputy akim No. 7", date(2021, 2, 10))
    db.session.commit()
    auth.login("other_coordinator")
    client.post(f"/plans/{plan.id}/amend")
    client.post(f"/events/{fair.id}/edit", data=edit_form(
        world, fair, lead_agency_id=str(fair.lead_agency_id), place="Көкшетау стадионы"))
    page = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    row = page[page.index(f'id="event-{fair.id}"'):].split("</tr>")[0]
    assert "<del>—</del> → <strong>Көкшетау стадионы</strong>" in row


def test_a_staged_new_event_can_be_edited(client, auth, world):
    plan, fair = world.plans["akmola"], world.events["akmola_fair"]
    plans.record_existing_approval(plan, "Order of the deputy akim No. 7", date(2021, 2, 10))
    db.session.commit()
    auth.login("other_coordinator")
    client.post(f"/plans/{plan.id}/amend")
    client.post(f"/plans/{plan.id}/events/new", data=edit_form(
        world, fair, number="2", title_ru="Новая ярмарка", version="",
        lead_agency_id=str(fair.lead_agency_id)))
    change = db.session.scalar(db.select(EventChange).where(EventChange.action == "add"))
    page = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert f'href="/plans/changes/{change.id}/edit"' in page
    form = client.get(f"/plans/changes/{change.id}/edit").get_data(as_text=True)
    assert 'value="Новая ярмарка"' in form
    response = client.post(f"/plans/changes/{change.id}/edit", data=edit_form(
        world, fair, number="2", title_ru="Осенняя ярмарка", version="",
        lead_agency_id=str(fair.lead_agency_id)))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(EventChange, change.id).data["title_ru"] == "Осенняя ярмарка"
    auth.logout()
    auth.login("coordinator")  # another agency
    assert client.get(f"/plans/changes/{change.id}/edit").status_code in {403, 404}
    assert db.session.get(EventChange, change.id).data["title_ru"] == "Осенняя ярмарка"
