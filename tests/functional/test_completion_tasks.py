"""My tasks: due, overdue, returned and upcoming, per agency for coordinators, filtered for HQ."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event as sa_event

from eventplan.blueprints.completion import nav
from eventplan.extensions import db
from eventplan.models import CompletionReport
from eventplan.services.completion import tasks
from tests.factories import make_event

APRIL_1 = datetime(2021, 4, 1, 6, 0, tzinfo=UTC)  # 12:00 in Almaty


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(nav, "clock", lambda: APRIL_1)
    return date(2021, 4, 1)


def report(event, agency, status="submitted", outcome="held", **extra):
    row = CompletionReport(event=event, agency=agency, status=status, outcome=outcome,
                           links=[], submitted_at=datetime(2021, 4, 1, tzinfo=UTC), **extra)
    db.session.add(row)
    return row


def ids(group):
    return [row[0].id for row in group.rows]


def test_coordinator_sees_own_agency_events_grouped(app, world, today):
    akmola = world.agencies["AKIMAT_AKMOLA"]
    soon = make_event(world.plans["akmola"], world.sections[4], "2", "Akmola relay",
                      date(2021, 4, 10), akmola)
    late = make_event(world.plans["akmola"], world.sections[4], "3", "Akmola late",
                      date(2021, 4, 20), akmola)
    returned = report(world.events["summit"], akmola, status="returned",
                      review_comment="Add the photos")
    db.session.commit()
    scope = tasks.scope_for(world.users["other_coordinator"])
    groups = tasks.task_groups(world.programme, today, scope)
    assert ids(groups["due"]) == [world.events["summit"].id]  # co-executor, lead not reported
    assert ids(groups["overdue"]) == [world.events["akmola_fair"].id]
    assert groups["overdue"].rows[0][1] == 15  # 12 March + 5 days: 15 days past the deadline
    assert [r[1].id for r in groups["returned"].rows] == [returned.id]
    assert ids(groups["upcoming"]) == [soon.id]
    assert late.id not in ids(groups["upcoming"])
    assert {k: g.total for k, g in groups.items()} == {
        "due": 1, "overdue": 1, "returned": 1, "not_held": 0, "upcoming": 1}
    assert groups["due"].rows[0][2] == "returned"  # our own report's status is shown


def test_another_agencys_tasks_are_not_shown(app, world, client, auth, today):
    pavlodar = world.agencies["AKIMAT_PAVLODAR"]
    mine = make_event(world.plans["republican"], world.sections[3], "9", "Pavlodar choir",
                      date(2021, 3, 30), world.agencies["MCS"])
    mine.coexecutors = [pavlodar]
    db.session.commit()
    auth.login("coordinator")
    body = client.get("/tasks").get_data(as_text=True)
    assert "Pavlodar choir" in body
    assert "Akmola fair" not in body and "Nauryz celebrations" not in body
    assert f'href="/events/{mine.id}/report"' in body


def test_hq_sees_all_agencies_and_filters_by_agency_region_and_block(app, world, client, auth,
                                                                     today):
    fair = world.events["akmola_fair"]
    fair.region_id = world.regions["AKMOLA"].id
    db.session.commit()
    auth.login("hq")
    body = client.get("/tasks").get_data(as_text=True)
    for title in ("Turkic summit", "Nauryz celebrations", "Akmola fair"):
        assert title in body
    akmola = world.agencies["AKIMAT_AKMOLA"].id
    body = client.get(f"/tasks?agency={akmola}").get_data(as_text=True)
    assert "Akmola fair" in body and "Turkic summit" in body and "Nauryz" not in body
    body = client.get(f"/tasks?region={world.regions['AKMOLA'].id}").get_data(as_text=True)
    assert "Akmola fair" in body and "Turkic summit" not in body
    body = client.get(f"/tasks?block={world.sections[4].id}").get_data(as_text=True)
    assert "Akmola fair" not in body and "Turkic summit" not in body


def test_a_coordinator_cannot_widen_the_scope_with_an_agency_filter(app, world, client, auth,
                                                                    today):
    auth.login("coordinator")
    body = client.get(f"/tasks?agency={world.agencies['MCS'].id}").get_data(as_text=True)
    assert "Nauryz celebrations" not in body


def test_viewer_gets_403_and_anonymous_is_sent_to_login(app, world, client, auth):
    assert client.get("/tasks").status_code == 302
    auth.login("viewer")
    assert client.get("/tasks").status_code == 403


def test_lists_are_paginated_and_counts_are_totals(app, world, today):
    plan, mcs = world.plans["republican"], world.agencies["MCS"]
    for n in range(7):
        make_event(plan, world.sections[3], str(20 + n), f"Old {n}", date(2021, 3, 1), mcs)
    db.session.commit()
    scope = tasks.scope_for(world.users["hq"])
    first = tasks.task_groups(world.programme, today, scope, per_page=3)["overdue"]
    assert first.total == 9 and first.pages == 3 and len(first.rows) == 3
    last = tasks.task_groups(world.programme, today, scope, {"overdue": 99}, per_page=3)
    assert last["overdue"].page == 3 and len(last["overdue"].rows) == 3


def test_nav_badge_counts_due_overdue_and_returned(app, world, client, auth, today):
    report(world.events["summit"], world.agencies["AKIMAT_AKMOLA"], status="returned")
    db.session.commit()
    auth.login("other_coordinator")
    body = client.get("/agencies/").get_data(as_text=True)
    # summit due and its report returned, fair overdue: two events, each counted once
    assert 'id="nav-tasks">2<' in body


def test_nav_badge_for_hq_counts_waiting_reports(app, world, client, auth):
    report(world.events["nauryz"], world.agencies["MCS"])
    report(world.events["summit"], world.agencies["MCS"], status="accepted")
    db.session.commit()
    auth.login("hq")
    assert 'id="nav-review">1<' in client.get("/agencies/").get_data(as_text=True)


def _queries(client, url):
    seen = []

    def counter(_conn, _cursor, statement, *_args):
        seen.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", counter)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", counter)
    return seen


def test_nav_costs_at_most_two_small_queries(app, world, client, auth, today, monkeypatch):
    for role in ("other_coordinator", "hq"):
        auth.login(role)
        with_badges = _queries(client, "/agencies/")
        monkeypatch.setattr(nav, "nav_counts", lambda: {})
        without = _queries(client, "/agencies/")
        monkeypatch.undo()
        monkeypatch.setattr(nav, "clock", lambda: APRIL_1)
        assert 1 <= len(with_badges) - len(without) <= 2
        auth.logout()


def _add_tasks(world, start, n):
    """n events in every group for the Akmola akimat: due, overdue, returned, upcoming."""
    plan, akmola = world.plans["akmola"], world.agencies["AKIMAT_AKMOLA"]
    for i in range(start, start + n):
        make_event(plan, world.sections[3], str(100 + i), f"D{i}", date(2021, 3, 30), akmola)
        old = make_event(plan, world.sections[3], str(300 + i), f"O{i}", date(2021, 3, 2),
                         akmola)
        make_event(plan, world.sections[4], str(500 + i), f"U{i}", date(2021, 4, 5), akmola)
        db.session.flush()
        report(old, akmola, status="returned")
    db.session.commit()


def test_tasks_page_query_count_does_not_grow_with_events(app, world, client, auth, today):
    _add_tasks(world, 0, 1)
    auth.login("other_coordinator")
    few = len(_queries(client, "/tasks"))
    auth.logout()
    auth.login("hq")
    few_hq = len(_queries(client, "/tasks"))
    _add_tasks(world, 1, 40)
    assert len(_queries(client, "/tasks")) == few_hq
    auth.logout()
    auth.login("other_coordinator")
    assert len(_queries(client, "/tasks")) == few
    assert few <= 12


def test_staff_see_only_the_actions_they_may_take(app, world, client, auth, today):
    returned = report(world.events["summit"], world.agencies["AKIMAT_AKMOLA"], status="returned",
                      review_comment="Фотосуреттерді қосыңыз")
    db.session.commit()
    for role in ("hq", "admin"):
        auth.login(role)
        body = client.get("/tasks").get_data(as_text=True)
        assert "Turkic summit" in body and "Akmola fair" in body  # they watch every agency
        assert "/report\"" not in body  # no "Report" button that would answer 403
        assert client.get(f"/events/{world.events['akmola_fair'].id}/report").status_code == 403
        assert "Correct the report" not in body and "View the report" in body
        assert f'href="/completion/{returned.id}"' in body
        auth.logout()
    auth.login("other_coordinator")
    body = client.get("/tasks").get_data(as_text=True)
    assert f'href="/events/{world.events["akmola_fair"].id}/report"' in body
    assert "Correct the report" in body
