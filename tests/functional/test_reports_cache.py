"""Kept report figures: reused while nothing changed, recomputed after any write that can
change them (ORM, bulk statements, co-executor links), never shared between scopes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, select, update

from eventplan.extensions import db
from eventplan.models import CompletionReport, Event, StatsVersion, event_coexecutor
from eventplan.services import reports
from eventplan.services.completion import review
from tests.functional.reports_fixture import TOTALS, add_reports

YEAR = reports.Period(date(2021, 1, 1), date(2021, 12, 31), date(2021, 4, 26))
ALL = reports.Scope()


@pytest.fixture
def events(world):
    return add_reports(world)


@pytest.fixture
def aggregates(app):
    """Counts the GROUP BY statements sent to the database."""
    seen: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        if "GROUP BY" in statement:
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    yield seen
    event.remove(db.engine, "before_cursor_execute", listener)


def stamp() -> str | None:
    return db.session.scalar(select(StatsVersion.stamp))


def kept(programme, aggregates, scope=ALL) -> reports.Summary:
    """The summary, asserting that it came from the cache (no aggregate was sent)."""
    reports.summary(programme, YEAR, scope)
    sent = len(aggregates)
    result = reports.summary(programme, YEAR, scope)
    assert len(aggregates) == sent, "the second summary was computed again"
    return result


def test_an_unchanged_programme_is_answered_without_aggregating_again(world, events,
                                                                      aggregates):
    first = reports.summary(world.programme, YEAR, ALL)
    sent = len(aggregates)
    assert sent == 3  # events cube, reports cube, outputs
    second = reports.summary(world.programme, YEAR, ALL)
    assert len(aggregates) == sent
    assert second.totals.values == first.totals.values == TOTALS
    assert second.outputs == first.outputs


def test_accepting_a_report_shows_in_the_next_summary(world, events, aggregates):
    before = kept(world.programme, aggregates).totals.values
    submitted = db.session.scalar(select(CompletionReport).where(
        CompletionReport.status == "submitted"))
    review.accept(submitted, world.users["hq"], submitted.version)
    db.session.commit()
    after = reports.summary(world.programme, YEAR, ALL).totals.values
    assert after["reports"] == before["reports"] + 1
    assert after["participants"] == before["participants"] + 999
    assert after["media_tv"] == before["media_tv"] + 99
    assert reports.summary(world.programme, YEAR, ALL).outputs[0] == ("banners", 115)


def test_a_bulk_update_through_the_session_changes_the_stamp(world, events, aggregates):
    kept(world.programme, aggregates)
    old = stamp()
    db.session.execute(update(Event).where(Event.id == events["forum"].id)
                       .values(status="cancelled"))
    db.session.commit()
    assert stamp() != old
    values = reports.summary(world.programme, YEAR, ALL).totals.values
    assert (values["cancelled"], values["due"]) == (TOTALS["cancelled"] + 1, 0)


def test_a_new_co_executor_link_changes_the_coordinators_figures(world, events, aggregates):
    coordinator = world.users["coordinator"]  # Pavlodar akimat: executes nothing yet
    scope = reports.Scope.for_user(coordinator)
    assert kept(world.programme, aggregates, scope).totals.values["planned"] == 0
    db.session.execute(event_coexecutor.insert().values(
        event_id=events["parade"].id, agency_id=coordinator.agency_id))
    db.session.commit()
    assert reports.summary(world.programme, YEAR, scope).totals.values["planned"] == 1


def test_scopes_and_periods_are_kept_apart(world, events):
    coordinator = world.users["other_coordinator"]
    mine = reports.summary(world.programme, YEAR, reports.Scope.for_user(coordinator))
    everything = reports.summary(world.programme, YEAR, ALL)
    march = reports.summary(world.programme, reports.Period(date(2021, 3, 1),
                                                        date(2021, 3, 31), YEAR.as_of), ALL)
    assert (mine.totals.values["planned"], everything.totals.values["planned"],
            march.totals.values["planned"]) == (4, 7, 4)
    assert mine.programme_totals.values == TOTALS


def test_changing_a_returned_figure_leaves_the_kept_one_alone(world, events):
    first = reports.summary(world.programme, YEAR, ALL)
    first.totals.values["planned"] = 999
    first.breakdowns["region"][0].values["held"] = 999
    first.outputs.clear()
    again = reports.summary(world.programme, YEAR, ALL)
    assert again.totals.values == TOTALS
    assert again.outputs and all(r.values["held"] != 999 for r in again.breakdowns["region"])


def test_a_rolled_back_change_leaves_the_figures_as_committed(world, events, aggregates):
    kept(world.programme, aggregates)
    events["forum"].status = "cancelled"
    db.session.flush()
    inside = reports.summary(world.programme, YEAR, ALL).totals.values
    assert inside["cancelled"] == TOTALS["cancelled"] + 1  # the writer sees its own change
    db.session.rollback()
    assert reports.summary(world.programme, YEAR, ALL).totals.values == TOTALS


def test_a_cache_size_of_zero_always_recomputes(app, world, events, aggregates):
    app.config["STATS_CACHE_SIZE"] = 0
    reports.summary(world.programme, YEAR, ALL)
    reports.summary(world.programme, YEAR, ALL)
    assert len(aggregates) == 6


def test_the_oldest_entry_is_dropped_beyond_the_size(app, world, events, aggregates):
    app.config["STATS_CACHE_SIZE"] = 2
    for month in (3, 4, 5):
        reports.summary(world.programme, reports.Period(date(2021, month, 1),
                                                    date(2021, month, 28), YEAR.as_of), ALL)
    assert len(aggregates) == 9
    reports.summary(world.programme, reports.Period(date(2021, 5, 1), date(2021, 5, 28),
                                                YEAR.as_of), ALL)
    assert len(aggregates) == 9  # May is kept
    reports.summary(world.programme, reports.Period(date(2021, 3, 1), date(2021, 3, 28),
                                                YEAR.as_of), ALL)
    assert len(aggregates) == 12  # March was dropped


def test_the_dashboard_page_shows_an_accepted_report_at_once(client, auth, world, events):
    auth.login("hq")
    page = client.get("/reports/jubilee/?from=2021-01-01&to=2021-12-31&as_of=2021-04-26")
    assert page.status_code == 200 and b"6200" in page.data.replace(b"\xc2\xa0", b"").replace(
        b" ", b"")
    submitted = db.session.scalar(select(CompletionReport).where(
        CompletionReport.status == "submitted"))
    response = client.post(f"/completion/{submitted.id}/accept",
                           data={"version": submitted.version})
    assert response.status_code in (302, 303)
    page = client.get("/reports/jubilee/?from=2021-01-01&to=2021-12-31&as_of=2021-04-26")
    assert b"7199" in page.data.replace(b"\xc2\xa0", b"").replace(b" ", b"")
