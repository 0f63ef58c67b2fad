"""The plan workflow: submit, return, resubmit, approve; amendments; lifecycle; scoping."""

from datetime import date

from sqlalchemy import event as sa_event
from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import AuditEntry, Event, EventChange, Plan, PlanRevision
from eventplan.services import plans
from tests.functional.test_events import edit_form


def _status(plan):
    db.session.expire_all()
    return db.session.get(Plan, plan.id).status


def test_full_cycle_submit_return_fix_resubmit_approve(client, auth, world):
    plan, draft = world.plans["pavlodar"], world.events["pavlodar_draft"]
    auth.login("coordinator")
    assert client.post(f"/plans/{plan.id}/submit").status_code == 302
    assert _status(plan) == "submitted"
    # Submitting freezes the plan for its authors.
    assert client.post(f"/events/{draft.id}/edit", data=edit_form(
        world, draft, lead_agency_id=str(draft.lead_agency_id))).status_code == 403
    auth.logout()
    auth.login("hq")
    assert "Pavlodar" in client.get("/plans/review").get_data(as_text=True)
    assert client.post(f"/plans/{plan.id}/return", data={"comment": ""}).status_code == 422
    assert _status(plan) == "submitted"
    client.post(f"/plans/{plan.id}/return", data={"comment": "Add the venue of event 1"})
    assert _status(plan) == "returned"
    auth.logout()
    auth.login("coordinator")
    page = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert "Add the venue of event 1" in page
    draft = db.session.get(Event, draft.id)
    assert client.post(f"/events/{draft.id}/edit", data=edit_form(
        world, draft, lead_agency_id=str(draft.lead_agency_id),
        place="Pavlodar, Drama theatre")).status_code == 302
    client.post(f"/plans/{plan.id}/submit")
    auth.logout()
    auth.login("hq")
    response = client.post(f"/plans/{plan.id}/approve", data={
        "act": "Order of the akim No. 45 of 10.03.2021", "act_date": "2021-03-10"})
    assert response.status_code == 302
    plan = db.session.get(Plan, plan.id)
    assert (plan.status, plan.in_force, plan.revision) == ("approved", True, 1)
    revision = db.session.scalar(select(PlanRevision).where(PlanRevision.plan_id == plan.id))
    assert revision.act_date == date(2021, 3, 10) and str(draft.id) in revision.snapshot
    actions = db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.object_type == "plan").order_by(AuditEntry.id)).all()
    assert actions == ["plan.submit", "plan.return", "plan.submit", "plan.approve"]
    auth.logout()
    auth.login("other_coordinator")  # another agency now sees the plan's events
    assert client.get(f"/events/{draft.id}").status_code == 200


def test_illegal_transitions_answer_clearly_and_change_nothing(client, auth, world):
    plan = world.plans["pavlodar"]
    auth.login("hq")
    response = client.post(f"/plans/{plan.id}/approve", data={"act": "Order No. 1"},
                           follow_redirects=True)
    assert "Only a submitted plan can be approved" in response.get_data(as_text=True)
    assert _status(plan) == "draft"
    auth.logout()
    auth.login("coordinator")
    response = client.post(f"/plans/{plan.id}/amend", follow_redirects=True)
    assert "Only an approved plan can be amended" in response.get_data(as_text=True)
    assert _status(plan) == "draft"
    plans.submit(db.session.get(Plan, plan.id), world.users["coordinator"])
    db.session.commit()
    response = client.post(f"/plans/{plan.id}/submit", follow_redirects=True)
    assert "Only a draft, returned or amended plan can be submitted" in response.get_data(
        as_text=True)


def test_an_empty_plan_cannot_be_submitted(client, auth, world):
    plan = world.plans["pavlodar"]
    db.session.delete(world.events["pavlodar_draft"])
    db.session.commit()
    auth.login("coordinator")
    response = client.post(f"/plans/{plan.id}/submit", follow_redirects=True)
    assert "nothing to submit" in response.get_data(as_text=True)
    assert _status(plan) == "draft"


def test_the_second_of_two_decisions_is_told_the_first_won(client, auth, world):
    plan = world.plans["pavlodar"]
    plans.submit(plan, world.users["coordinator"])
    db.session.commit()
    auth.login("hq")
    review_page = client.get(f"/plans/{plan.id}/review")
    assert review_page.status_code == 200
    plans.return_plan(db.session.get(Plan, plan.id), world.users["admin"], "Too short")
    db.session.commit()  # the other headquarters member decided first
    response = client.post(f"/plans/{plan.id}/approve", data={"act": "Order No. 5"},
                           follow_redirects=True)
    assert "Only a submitted plan can be approved" in response.get_data(as_text=True)
    assert _status(plan) == "returned"


def test_amendment_is_staged_until_approved_then_recorded_as_a_new_revision(client, auth, world):
    plan, fair = world.plans["akmola"], world.events["akmola_fair"]
    plans.record_existing_approval(plan, "Order of the deputy akim No. 7", date(2021, 2, 10))
    db.session.commit()
    auth.login("other_coordinator")
    assert client.post(f"/plans/{plan.id}/amend").status_code == 302
    response = client.post(f"/events/{fair.id}/edit", data=edit_form(
        world, fair, lead_agency_id=str(fair.lead_agency_id), place="Kokshetau stadium"))
    assert response.status_code == 302
    client.post(f"/plans/{plan.id}/events/new", data=edit_form(
        world, fair, number="2", title_ru="Новая ярмарка", version="",
        lead_agency_id=str(fair.lead_agency_id)))
    assert db.session.scalar(select(db.func.count(EventChange.id))) == 2
    db.session.expire_all()
    assert db.session.get(Event, fair.id).place is None  # the revision in force is unchanged
    auth.logout()
    auth.login("coordinator")
    assert "Kokshetau stadium" not in client.get(f"/events/{fair.id}").get_data(as_text=True)
    auth.logout()
    auth.login("other_coordinator")
    client.post(f"/plans/{plan.id}/submit")
    auth.logout()
    auth.login("hq")
    review = client.get(f"/plans/{plan.id}/review").get_data(as_text=True)
    assert "Kokshetau stadium" in review and "Новая ярмарка" in review
    client.post(f"/plans/{plan.id}/approve", data={"act": "Order No. 9", "act_date": "2021-05-01"})
    db.session.expire_all()
    assert db.session.get(Event, fair.id).place == "Kokshetau stadium"
    assert db.session.scalar(select(Event).where(Event.plan_id == plan.id, Event.number == "2"))
    assert db.session.get(Plan, plan.id).revision == 2
    history = client.get(f"/plans/{plan.id}/history").get_data(as_text=True)
    assert "Order No. 9" in history and "Order of the deputy akim No. 7" in history
    assert "Kokshetau stadium" in history
    assert db.session.scalar(select(db.func.count(EventChange.id))) == 0


def test_history_makes_one_act_number_with_two_dates_visible(client, auth, world):
    plan = world.plans["republican"]
    plans.record_existing_approval(plan, "Government Resolution No. 101", date(2021, 2, 2))
    plan.revision = 2
    plans.record_existing_approval(plan, "Resolution No. 101 (amendments)", date(2021, 2, 26))
    db.session.commit()
    auth.login("viewer")
    body = client.get(f"/plans/{plan.id}/history").get_data(as_text=True)
    assert 'id="act-conflict"' in body and "2021-02-02" in body and "2021-02-26" in body


def test_hq_postpones_an_event_keeping_its_original_dates_in_history(client, auth, world):
    summit = world.events["summit"]
    auth.login("hq")
    response = client.post(f"/events/{summit.id}/postpone", data={
        "starts_on": "2021-04-15", "ends_on": "", "reason": "Heads of state schedule",
        "version": str(summit.version)})
    assert response.status_code == 302
    db.session.expire_all()
    summit = db.session.get(Event, summit.id)
    assert (summit.status, summit.starts_on, summit.starts_at.hour) == (
        "postponed", date(2021, 4, 15), 4)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "event.postpone"))
    assert entry.changes["starts_on"] == ["2021-03-31", "2021-04-15"]
    page = client.get(f"/events/{summit.id}").get_data(as_text=True)
    assert "Heads of state schedule" in page and "Mar 31, 2021" in page


def test_cancel_needs_a_reason_and_a_current_version(client, auth, world):
    fair = world.events["akmola_fair"]
    auth.login("hq")
    assert client.post(f"/events/{fair.id}/cancel", data={
        "reason": "", "version": "1"}).status_code == 422
    assert client.post(f"/events/{fair.id}/cancel", data={
        "reason": "Quarantine", "version": "0"}).status_code == 409
    assert client.post(f"/events/{fair.id}/cancel", data={
        "reason": "Quarantine", "version": "1"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Event, fair.id).status == "cancelled"


def test_coordinator_reorders_and_removes_events_of_their_draft(client, auth, world):
    plan = world.plans["pavlodar"]
    second = Event(plan_id=plan.id, section_id=world.sections[3].id, number="2",
                   title_ru="Second", category="sports",
                   lead_agency_id=world.agencies["AKIMAT_PAVLODAR"].id,
                   starts_on=date(2021, 3, 5), ends_on=date(2021, 3, 5), position=5)
    db.session.add(second)
    db.session.commit()
    auth.login("coordinator")
    client.post(f"/events/{second.id}/move", data={"to": "up"})
    rows = db.session.scalars(select(Event.number).where(Event.plan_id == plan.id)
                              .order_by(Event.position)).all()
    assert rows == ["2", "1"]
    client.post(f"/events/{second.id}/delete")
    assert db.session.get(Event, second.id) is None
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "event.delete"))


def _count_queries(client, url):
    count = 0

    def counter(*_args):
        nonlocal count
        count += 1

    sa_event.listen(db.engine, "before_cursor_execute", counter)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", counter)
    return count


def test_plan_and_review_pages_run_a_fixed_number_of_queries(client, auth, world):
    plan = world.plans["pavlodar"]
    plans.submit(plan, world.users["coordinator"])
    db.session.commit()
    auth.login("hq")
    few = (_count_queries(client, f"/plans/{plan.id}"),
           _count_queries(client, f"/plans/{plan.id}/review"))
    for n in range(40):
        db.session.add(Event(plan_id=plan.id, section_id=world.sections[3].id,
                             number=str(100 + n), title_ru=f"E{n}", category="sports",
                             lead_agency_id=world.agencies["MCS"].id,
                             coexecutors=[world.agencies["HQ"]], region_id=None,
                             starts_on=date(2021, 3, 5), ends_on=date(2021, 3, 5)))
    db.session.commit()
    many = (_count_queries(client, f"/plans/{plan.id}"),
            _count_queries(client, f"/plans/{plan.id}/review"))
    assert many == few


def test_admin_audit_log_filters_by_who_and_what(client, auth, world):
    plans.submit(world.plans["pavlodar"], world.users["coordinator"])
    plans.open_amendment(world.plans["akmola"], world.users["other_coordinator"])
    db.session.commit()
    auth.login("admin")
    body = client.get("/admin/audit?who=pavlodar&action=plan.").get_data(as_text=True)
    assert "plan.submit" in body and "plan.amend" not in body
