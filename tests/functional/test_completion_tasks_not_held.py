"""My tasks, "Not held: postpone or cancel": lead reports accepted as not held, event still planned.

Headquarters sees every such event with the reason, the reporting agency and links to postpone
or cancel it; a coordinator sees those of events their agency leads or co-executes, read-only
("awaiting the decision of headquarters"), and never other agencies' events.
"""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from eventplan.blueprints.completion import nav
from eventplan.extensions import db
from eventplan.models import AuditEntry, CompletionReport
from eventplan.services import lifecycle
from eventplan.services.completion import review, tasks
from eventplan.services.deadlines import due_query
from tests.factories import make_event
from tests.functional.test_completion_tasks import APRIL_1, _queries

REASON = "The venue was closed by the sanitary service"


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(nav, "clock", lambda: APRIL_1)
    return date(2021, 4, 1)


def not_held(world, event, agency="MCS", reason=REASON):
    """A lead report saying the event was not held, submitted then accepted by headquarters."""
    report = CompletionReport(event=event, agency=world.agencies[agency], status="submitted",
                              outcome="not_held", not_held_reason=reason, links=[],
                              submitted_at=datetime(2021, 3, 25, tzinfo=UTC))
    db.session.add(report)
    db.session.commit()
    review.accept(report, world.users["hq"], report.version)
    db.session.commit()
    return report


def group(world, user, today, **filters):
    return tasks.task_groups(world.programme, today, tasks.scope_for(user, **filters))


def ids(g):
    return [row[0].id for row in g.rows]


def test_event_appears_for_hq_once_the_not_held_report_is_accepted(app, world, client, auth,
                                                                     today):
    nauryz = world.events["nauryz"]
    report = CompletionReport(event=nauryz, agency=world.agencies["MCS"], status="submitted",
                              outcome="not_held", not_held_reason=REASON, links=[],
                              submitted_at=datetime(2021, 3, 25, tzinfo=UTC))
    db.session.add(report)
    db.session.commit()
    assert group(world, world.users["hq"], today)["not_held"].total == 0  # not yet decided
    review.accept(report, world.users["hq"], report.version)
    db.session.commit()
    groups = group(world, world.users["hq"], today)
    assert ids(groups["not_held"]) == [nauryz.id]
    assert groups["not_held"].rows[0][1].id == report.id
    assert nauryz.id not in ids(groups["due"]) + ids(groups["overdue"])
    auth.login("hq")
    body = client.get("/tasks").get_data(as_text=True)
    assert 'id="count-not_held">1<' in body
    assert REASON in body and "Not held: postpone or cancel" in body
    assert f'href="/events/{nauryz.id}/postpone"' in body
    assert f'href="/events/{nauryz.id}/cancel"' in body


def test_cancelling_the_event_takes_it_off_the_list(app, world, client, auth, today):
    nauryz = world.events["nauryz"]
    not_held(world, nauryz)
    auth.login("hq")
    response = client.post(f"/events/{nauryz.id}/cancel",
                           data={"reason": "Not held; cancelled", "version": nauryz.version})
    assert response.status_code == 302
    db.session.expire_all()
    assert nauryz.status == "cancelled"
    groups = group(world, world.users["hq"], today)
    assert groups["not_held"].total == 0 and nauryz.id not in ids(groups["overdue"])
    assert 'id="count-not_held">0<' in client.get("/tasks").get_data(as_text=True)


def test_postponing_the_event_takes_it_off_the_list(app, world, client, auth, today):
    nauryz = world.events["nauryz"]
    not_held(world, nauryz)
    auth.login("hq")
    response = client.post(f"/events/{nauryz.id}/postpone",
                           data={"starts_on": "2021-05-20", "ends_on": "2021-05-22",
                                 "reason": "Moved to May", "version": nauryz.version})
    assert response.status_code == 302
    db.session.expire_all()
    assert nauryz.status == "postponed"
    assert group(world, world.users["hq"], today)["not_held"].total == 0
    body = client.get("/tasks").get_data(as_text=True)
    assert 'id="count-not_held">0<' in body and REASON not in body


def test_a_postponed_event_is_reported_again_on_its_new_dates(app, world, today):
    nauryz = world.events["nauryz"]
    report = not_held(world, nauryz)
    lifecycle.postpone(nauryz, world.users["hq"], date(2021, 5, 20), date(2021, 5, 22),
                       "Moved to May", nauryz.version)
    db.session.commit()
    # The "not held" report is a draft again: the agency reports on the new dates.
    assert (report.status, report.outcome, report.not_held_reason) == ("draft", "held", None)
    entry = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "report.reopen")).one()
    assert entry.object_id == report.id
    assert entry.changes["status"] == ["accepted", "draft"]
    assert entry.changes["not_held_reason"] == [REASON, None]
    due = [e.id for e, _stage in db.session.execute(due_query(world.programme,
                                                              date(2021, 5, 24)))]
    assert nauryz.id in due
    assert nauryz.id not in [e.id for e, _stage in db.session.execute(
        due_query(world.programme, date(2021, 5, 21)))]


def test_postponing_leaves_held_reports_alone(app, world):
    nauryz = world.events["nauryz"]
    report = CompletionReport(event=nauryz, agency=world.agencies["AKIMAT_AKMOLA"],
                              status="accepted", outcome="held", links=[])
    db.session.add(report)
    db.session.commit()
    lifecycle.postpone(nauryz, world.users["hq"], date(2021, 5, 20), None, "Moved",
                       nauryz.version)
    db.session.commit()
    assert (report.status, report.outcome) == ("accepted", "held")


def test_a_coexecutors_not_held_report_does_not_list_the_event(app, world, today):
    not_held(world, world.events["summit"], agency="AKIMAT_AKMOLA")
    assert group(world, world.users["hq"], today)["not_held"].total == 0


def test_hq_filters_the_group_by_agency(app, world, today):
    not_held(world, world.events["nauryz"])
    fair = world.events["akmola_fair"]
    not_held(world, fair, agency="AKIMAT_AKMOLA")
    assert ids(group(world, world.users["hq"], today)["not_held"]) == [
        world.events["nauryz"].id, fair.id]
    akmola = world.agencies["AKIMAT_AKMOLA"].id
    assert ids(group(world, world.users["hq"], today, agency_id=akmola)["not_held"]) == [fair.id]


def test_coordinators_see_only_their_agencys_events_without_decision_links(app, world, client,
                                                                          auth, today):
    summit, nauryz = world.events["summit"], world.events["nauryz"]
    not_held(world, summit)  # led by MCS, co-executed by the Akmola akimat
    not_held(world, nauryz, reason="Nauryz reason")  # MCS alone
    auth.login("other_coordinator")
    body = client.get("/tasks").get_data(as_text=True)
    assert 'id="count-not_held">1<' in body
    assert "Not held: awaiting the decision of headquarters" in body
    assert REASON in body and "Nauryz reason" not in body
    assert "/postpone" not in body and "/cancel" not in body
    assert 'id="nav-tasks">1<' in body  # the akmola fair is overdue; not-held is not theirs
    auth.logout()
    auth.login("coordinator")  # Pavlodar: neither event is theirs
    body = client.get("/tasks").get_data(as_text=True)
    assert 'id="count-not_held">0<' in body and REASON not in body


def test_group_costs_a_fixed_number_of_queries(app, world, client, auth, today):
    plan, mcs = world.plans["republican"], world.agencies["MCS"]
    not_held(world, world.events["nauryz"])
    auth.login("hq")
    few = len(_queries(client, "/tasks"))
    for n in range(30):
        event = make_event(plan, world.sections[3], str(40 + n), f"NH {n}", date(2021, 3, 5),
                           mcs)
        db.session.flush()
        not_held(world, event, reason=f"Reason {n}")
    assert len(_queries(client, "/tasks")) == few
