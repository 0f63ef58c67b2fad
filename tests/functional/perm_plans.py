"""Permission rows for plans, their workflow and event lifecycle (see test_permissions)."""

from datetime import date

from eventplan.extensions import db
from eventplan.models import Event, Plan, Programme
from tests.factories import make_event
from tests.functional.test_permissions import R, row


def _status(name, status):
    def check(client, world, role):
        assert db.session.get(Plan, world.plans[name].id).status == status
    return check


def _no_second_plan(client, world, role):
    """The agency has its plan already: the answer is a refusal, and no plan is added."""
    agency_id = world.users[role].agency_id
    assert db.session.scalar(db.select(db.func.count(Plan.id)).where(
        Plan.agency_id == agency_id, Plan.programme_id == world.programme.id)) == 1


def _new_programme(world, role):
    db.session.add(Programme(slug="jubilee-35", name_ru="Юбилей 35", starts_on=date(2026, 1, 1),
                             ends_on=date(2026, 12, 31), timezone="Asia/Almaty"))


def _agency_plan_created(client, world, role):
    plan = db.session.scalar(db.select(Plan).join(Programme).where(
        Programme.slug == "jubilee-35", Plan.agency_id == world.users[role].agency_id))
    assert plan is not None and plan.status == "draft"


def _gone(client, world, role):
    assert db.session.get(Event, world.events["pavlodar_draft"].id) is None


def _second_pavlodar_event(world, role):
    plan = db.session.get(Plan, world.plans["pavlodar"].id)
    make_event(plan, world.sections[3], "2", "Павлодар жәрмеңкесі", date(2021, 3, 11),
               world.agencies["AKIMAT_PAVLODAR"])


def _moved_down(client, world, role):
    assert db.session.get(Event, world.events["pavlodar_draft"].id).position == 2


ROWS = [
    row("GET", "/admin/audit", "/admin/audit?who=hq&action=plan.&since=2021-01-01&until=x",
        R, 403, 403, 403, 403, 200),
    row("GET", "/programmes/<slug>/sections/<int:section_id>", "/programmes/{slug}/sections/0",
        404, 404, 404, 404, 404, 404),
    row("GET", "/plans/<int:plan_id>", "/plans/{republican}", R, 200, 200, 200, 200, 200),
    row("GET", "/plans/<int:plan_id>", "/plans/{pavlodar}", R, 404, 200, 404, 200, 200),
    row("POST", "/plans/<int:plan_id>/submit", "/plans/{pavlodar}/submit",
        R, 404, 302, 404, 403, 302, outcome=_status("pavlodar", "submitted")),
    row("POST", "/plans/<int:plan_id>/amend", "/plans/{akmola}/amend",
        R, 403, 403, 302, 403, 302, outcome=_status("akmola", "amending")),
    row("GET", "/plans/review", "/plans/review", R, 403, 403, 403, 200, 200),
    row("GET", "/plans/<int:plan_id>/review", "/plans/{akmola}/review",
        R, 403, 403, 403, 200, 200),
    row("POST", "/plans/<int:plan_id>/approve", "/plans/{akmola}/approve",
        R, 403, 403, 403, 422, 422),
    row("POST", "/plans/<int:plan_id>/return", "/plans/{akmola}/return",
        R, 403, 403, 403, 422, 422),
    row("GET", "/plans/<int:plan_id>/history", "/plans/{republican}/history",
        R, 200, 200, 200, 200, 200),
    row("GET", "/plans/<int:plan_id>/history", "/plans/{pavlodar}/history",
        R, 404, 200, 404, 200, 200),
    row("GET", "/plans/changes/<int:change_id>/edit", "/plans/changes/999999/edit",
        R, 404, 404, 404, 404, 404),
    row("POST", "/plans/changes/<int:change_id>/edit", "/plans/changes/999999/edit",
        R, 404, 404, 404, 404, 404),
    row("POST", "/plans/changes/<int:change_id>/discard", "/plans/changes/999999/discard",
        R, 404, 404, 404, 404, 404),
    row("POST", "/programmes/<slug>/plans", "/programmes/{slug}/plans",
        R, 403, 302, 302, 302, 400, outcome=_no_second_plan),
    row("POST", "/programmes/<slug>/plans", "/programmes/jubilee-35/plans",
        R, 403, 302, 302, 302, 400, outcome=_agency_plan_created, prepare=_new_programme),
    row("POST", "/events/<int:event_id>/delete", "/events/{akmola_fair}/delete",
        R, 403, 403, 403, 403, 403),
    row("POST", "/events/<int:event_id>/delete", "/events/{pavlodar_draft}/delete",
        R, 404, 302, 404, 403, 302, outcome=_gone),
    row("POST", "/events/<int:event_id>/move", "/events/{pavlodar_draft}/move",
        R, 404, 302, 404, 403, 302, outcome=_moved_down, prepare=_second_pavlodar_event),
    row("GET", "/events/<int:event_id>/postpone", "/events/{summit}/postpone",
        R, 403, 403, 403, 200, 200),
    row("POST", "/events/<int:event_id>/postpone", "/events/{summit}/postpone",
        R, 403, 403, 403, 422, 422),
    row("GET", "/events/<int:event_id>/cancel", "/events/{summit}/cancel",
        R, 403, 403, 403, 200, 200),
    row("POST", "/events/<int:event_id>/cancel", "/events/{summit}/cancel",
        R, 403, 403, 403, 422, 422),
    row("GET", "/events/<int:event_id>/cancel", "/events/{pavlodar_draft}/cancel",
        R, 404, 403, 404, 403, 403),
]
