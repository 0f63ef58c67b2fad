"""After a decision, the reviewer is offered the next item of the queue."""

from datetime import UTC, datetime

from eventplan.extensions import db
from eventplan.models import Plan
from tests.factories import make_event
from tests.functional.reports_fixture import report


def test_after_approving_a_plan_the_next_submitted_one_is_offered(client, auth, world):
    world.plans["pavlodar"].status = "submitted"
    world.plans["pavlodar"].submitted_at = datetime(2021, 2, 1, tzinfo=UTC)
    ministry = Plan(programme=world.programme, agency=world.agencies["MCS"], level="sectoral",
                    status="submitted", submitted_at=datetime(2021, 2, 2, tzinfo=UTC))
    db.session.add(ministry)
    make_event(ministry, world.sections[3], "1", "Мәдениет күні",
               world.events["summit"].starts_on, world.agencies["MCS"])
    db.session.commit()
    auth.login("hq")
    pavlodar = world.plans["pavlodar"]
    response = client.post(f"/plans/{pavlodar.id}/approve",
                           data={"act": "Order No. 45", "act_date": "2021-03-10"},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    assert db.session.get(Plan, pavlodar.id).status == "approved"
    assert f'id="next-in-queue" href="/plans/{ministry.id}/review"' in page
    review = client.get(f"/plans/{ministry.id}").get_data(as_text=True)
    assert 'id="next-in-queue"' not in review  # it is the one being decided


def test_after_accepting_a_report_the_next_waiting_one_is_offered(client, auth, world):
    first = report(world.events["summit"], world.agencies["MCS"], status="submitted",
                   participants=10)
    second = report(world.events["nauryz"], world.agencies["MCS"], status="submitted",
                    participants=20)
    first.submitted_at = datetime(2021, 4, 1, tzinfo=UTC)
    second.submitted_at = datetime(2021, 4, 2, tzinfo=UTC)
    db.session.commit()
    auth.login("hq")
    response = client.post(f"/completion/{first.id}/accept?from=report",
                           data={"version": first.version}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert 'id="report-status"' in page and "Accepted" in page
    assert f'id="next-in-queue" href="/completion/{second.id}"' in page
