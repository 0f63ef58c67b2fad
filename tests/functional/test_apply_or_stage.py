"""One service call decides whether a change to an event applies now or is staged in the
plan's amendment (services/amendments.apply_or_stage); the model's permission methods of
completion reports."""

from __future__ import annotations

from datetime import date

import pytest

from eventplan.extensions import db
from eventplan.models import CompletionReport, Event, EventChange
from eventplan.services import amendments, plans
from eventplan.services.errors import NotAllowed, StaleVersion, ValidationError
from eventplan.services.events import EventData
from eventplan.services.plan_io.importer import event_data


def data_for(world, plan_key: str, number: str, title: str) -> EventData:
    return EventData(number=number, section_id=world.sections[3].id, category="cultural",
                     lead_agency_id=world.plans[plan_key].agency_id,
                     starts_on=date(2021, 3, 15), title_ru=title)


def staged(plan) -> list[tuple[str, int | None]]:
    return [(c.action, c.event_id) for c in db.session.scalars(
        db.select(EventChange).where(EventChange.plan_id == plan.id))]


def test_a_draft_plan_takes_the_change_at_once(app, world):
    pavlodar, user = world.plans["pavlodar"], world.users["coordinator"]
    added = amendments.apply_or_stage(user, "add", plan=pavlodar,
                                      data=data_for(world, "pavlodar", "2", "Павлодар көктемі"))
    assert not added.staged and added.event.title_ru == "Павлодар көктемі"
    event = added.event
    changed = event_data(event)
    changed.title_ru = "Весна в Павлодаре"
    outcome = amendments.apply_or_stage(user, "change", event=event, data=changed,
                                        expected_version=event.version)
    assert not outcome.staged and db.session.get(Event, event.id).title_ru == "Весна в Павлодаре"
    removed = amendments.apply_or_stage(user, "remove", event=event)
    assert not removed.staged and db.session.get(Event, event.id) is None
    assert staged(pavlodar) == []


def test_an_amended_plan_in_force_stages_every_change(app, world):
    akmola, user = world.plans["akmola"], world.users["other_coordinator"]
    plans.open_amendment(akmola, user)
    fair = world.events["akmola_fair"]
    added = amendments.apply_or_stage(user, "add", plan=akmola,
                                      data=data_for(world, "akmola", "2", "Ақмола жәрмеңкесі"))
    assert added.staged and added.event is None and added.change.action == "add"
    changed = event_data(fair)
    changed.title_ru = "Ярмарка Акмолы"
    outcome = amendments.apply_or_stage(user, "change", event=fair, data=changed,
                                        expected_version=fair.version)
    assert outcome.staged and db.session.get(Event, fair.id).title_ru != "Ярмарка Акмолы"
    outcome = amendments.apply_or_stage(user, "remove", event=fair, reason="Перенос в план")
    assert outcome.staged and db.session.get(Event, fair.id) is not None
    assert sorted(staged(akmola), key=str) == sorted([("add", None), ("remove", fair.id)],
                                                     key=str)


@pytest.mark.parametrize("amend", [False, True])
def test_a_stale_version_is_refused_whether_applied_or_staged(app, world, amend):
    akmola, user = world.plans["akmola"], world.users["other_coordinator"]
    if amend:
        plans.open_amendment(akmola, user)
    else:
        akmola.status, akmola.in_force = "draft", False
    fair = world.events["akmola_fair"]
    changed = event_data(fair)
    changed.title_ru = "Ярмарка Акмолы"
    with pytest.raises(StaleVersion):
        amendments.apply_or_stage(user, "change", event=fair, data=changed,
                                  expected_version=fair.version - 1)
    assert staged(akmola) == [] and db.session.get(Event, fair.id).title_ru != "Ярмарка Акмолы"


def test_the_rules_still_apply_and_wrong_calls_are_refused(app, world):
    pavlodar, user = world.plans["pavlodar"], world.users["coordinator"]
    bad = data_for(world, "pavlodar", "1", "Дубль")  # number 1 is taken
    with pytest.raises(ValidationError) as exc:
        amendments.apply_or_stage(user, "add", plan=pavlodar, data=bad)
    assert exc.value.field == "number"
    with pytest.raises(NotAllowed):  # another agency's plan
        amendments.apply_or_stage(world.users["other_coordinator"], "add", plan=pavlodar,
                                  data=data_for(world, "pavlodar", "9", "Чужой план"))
    with pytest.raises(ValueError):
        amendments.apply_or_stage(user, "rename", plan=pavlodar, data=bad)
    with pytest.raises(ValueError):
        amendments.apply_or_stage(user, "change", plan=pavlodar, data=bad)  # no event


def test_report_permissions_are_methods_of_the_report(app, world):
    summit, users = world.events["summit"], world.users
    report = CompletionReport(event=summit, agency=world.agencies["AKIMAT_AKMOLA"],
                              status="draft", links=[])
    db.session.add(report)
    db.session.commit()
    assert summit.can_report(users["other_coordinator"]) and not summit.can_report(
        users["coordinator"])
    assert report.can_edit(users["other_coordinator"]) and not report.can_edit(users["hq"])
    assert report.can_view(users["hq"]) and not report.can_view(users["viewer"])
    assert report.can_review(users["hq"]) and not report.can_review(users["other_coordinator"])
    report.status = "accepted"
    assert report.can_view(users["viewer"]) and not report.can_edit(users["other_coordinator"])
    summit.status = "cancelled"
    assert not summit.can_report(users["other_coordinator"])
