"""Issue 15's findings, one by one: each was a 500 (or a silent loss) and is now a clear
answer — 404 for an id no row can have, 400/422 with a message in the user's language for
a value no field can hold — on SQLite and PostgreSQL alike."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from eventplan.extensions import db
from eventplan.models import AuditEntry, CompletionReport, Event, ReportAttachment
from eventplan.services import plan_io
from eventplan.services.plan_io import rows
from eventplan.services.plan_io.deadlines_text import DeadlineError, parse_deadline
from tests.functional.plan_io_helpers import xlsx


def audit_count() -> int:
    return db.session.scalar(select(func.count(AuditEntry.id)))


@pytest.mark.parametrize("url", [
    "/events/2147483648", "/events/99999999999999999999", "/plans/2147483648",
    "/feeds/2147483648", "/agencies/2147483648", "/completion/attachments/2147483648",
    "/events/%C2%B2", "/admin/users/10000000000000000000",
])
def test_an_id_no_row_can_have_is_not_found(client, auth, world, url):
    auth.login("admin")
    response = client.get(url)
    assert response.status_code == 404
    assert "Not found" in response.get_data(as_text=True) or response.status_code == 404


def test_the_largest_id_is_still_looked_up(client, auth, world):
    auth.login("admin")
    assert client.get("/events/2147483647").status_code == 404
    event = world.events["forum"]
    assert "Young scientists forum" in client.get(f"/events/{event.id}").get_data(as_text=True)


@pytest.mark.parametrize("query", [
    "page=%C2%B2", "page=10000000000000000000", "agency=1000000000000", "region=%C2%B2",
    "agency=%D9%A3",
])
def test_filters_and_pages_out_of_range_show_the_list(client, auth, world, query):
    auth.login("hq")
    body = client.get(f"/programmes/jubilee/blocks/3?{query}").get_data(as_text=True)
    assert "Turkic summit" in body  # an unreadable filter is ignored, not a crash


@pytest.mark.parametrize("query", ["page=%C2%B2", "agency=%C2%B2", "p_due=99999999999999999999"])
def test_task_and_review_lists_read_numbers_safely(client, auth, world, query):
    auth.login("hq")
    assert client.get(f"/tasks?{query}").status_code == 200
    assert client.get(f"/completion/review?{query}").status_code == 200


def test_reports_refuse_an_ancient_as_of_in_russian(client, auth, world):
    auth.login("hq")
    client.post("/lang/ru")
    for path in ("/reports/jubilee/", "/reports/jubilee/checks", "/reports/jubilee/print"):
        response = client.get(f"{path}?as_of=0001-01-01")
        assert response.status_code == 400
        assert "1900-01-01" in response.get_data(as_text=True)
    response = client.get("/reports/jubilee/events?agency=%C2%B2")
    assert response.status_code == 400
    assert "целое число" in response.get_data(as_text=True).lower()


def test_api_answers_json_for_out_of_range_values(client, auth, world):
    auth.login("hq")
    response = client.get("/api/v1/programmes/jubilee/summary?as_of=0001-01-01")
    assert response.status_code == 400 and "1900" in response.get_json()["error"]["message"]
    response = client.get("/api/v1/programmes/jubilee/events?page=%C2%B2")
    assert response.status_code == 400 and "page" in response.get_json()["error"]["message"]
    response = client.get("/api/v1/programmes/jubilee/events?region=2147483648")
    assert response.status_code == 400


@pytest.mark.parametrize("query", ["since=0001-01-01", "until=9999-12-31",
                                   "since=%C2%B2021-01-01"])
def test_audit_log_ignores_a_date_outside_the_range(client, auth, world, query):
    auth.login("admin")
    response = client.get(f"/admin/audit?{query}")
    assert response.status_code == 200


def event_form(world, **overrides) -> dict[str, str]:
    data = {"number": "7", "title_ru": "Новое мероприятие", "section_id": world.sections[3].id,
            "category": "cultural", "lead_agency_id": world.agencies["MCS"].id,
            "starts_on": "2021-03-05", "ends_on": "2021-03-05", "format": "offline"}
    data.update(overrides)
    return data


@pytest.mark.parametrize("overrides", [
    {"region_id": "-1"}, {"region_id": "2147483648"}, {"region_id": "²"},
    {"estimated_cost": "sNaN"}, {"estimated_cost": "NaN"}, {"estimated_cost": "Infinity"},
    {"estimated_cost": "1e400"}, {"coexecutor_ids": "99999999999999999999"},
])
def test_event_form_refuses_values_no_column_holds(client, auth, world, overrides):
    auth.login("hq")
    plan = world.plans["republican"]
    before = (db.session.scalar(select(func.count(Event.id))), audit_count())
    response = client.post(f"/plans/{plan.id}/events/new", data=event_form(world, **overrides))
    assert response.status_code == 422
    assert "invalid-feedback" in response.get_data(as_text=True)
    assert (db.session.scalar(select(func.count(Event.id))), audit_count()) == before


def test_admin_forms_refuse_huge_ids(client, auth, world):
    auth.login("admin")
    before = audit_count()
    response = client.post("/admin/agencies/new", data={
        "code": "NEW", "kind": "akimat", "name_ru": "Новое ведомство", "region_id": "1" + "0" * 30})
    assert response.status_code == 422
    assert audit_count() == before
    user = world.users["viewer"]
    response = client.post(f"/admin/users/{user.id}", data={
        "role": "viewer", "full_name": "Зритель", "active": "y", "agency_id": "1" + "0" * 30})
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(type(user), user.id).full_name == "Viewer"


@pytest.mark.parametrize("version", ["²", "2147483648", "-"])
def test_a_version_no_one_saw_is_a_stale_form(client, auth, world, version):
    auth.login("hq")
    event = world.events["forum"]
    response = client.post(f"/events/{event.id}/edit",
                           data=event_form(world, version=version, number="3",
                                           section_id=world.sections[4].id,
                                           starts_on="2021-04-23", ends_on="2021-04-23"))
    assert response.status_code == 422
    assert "Someone else saved this event" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Event, event.id).title_ru == "Young scientists forum"


def test_reminder_settings_refuse_non_ascii_days(client, auth, world):
    auth.login("admin")
    response = client.post("/admin/reminders/jubilee", data={
        "enabled": "y", "upcoming_days": "²,7", "overdue_repeat_days": "3",
        "escalation_days": "7", "review_wait_days": "5", "version": "²"})
    assert response.status_code == 422
    assert "from 1 to 90" in response.get_data(as_text=True)


def test_bulk_accept_ignores_unreadable_selections(client, auth, world):
    auth.login("hq")
    response = client.post("/completion/bulk-accept", data={"report": ["²:²", "2147483648:1"]})
    assert response.status_code == 302


def test_an_event_number_with_a_superscript_exports(client, auth, world):
    event = world.events["forum"]
    event.number = "²"
    db.session.commit()
    auth.login("viewer")
    response = client.get(f"/plans/{event.plan_id}/export.xlsx")
    assert response.status_code == 200
    values = [row[0] for row in load_workbook(io.BytesIO(response.data)).active.iter_rows(
        values_only=True)]
    assert "²" in values and 1 in values  # "1" stays a number, "²" stays text


def test_an_attachment_name_with_a_nul_is_stored_without_it(client, auth, world):
    report = CompletionReport(event=world.events["summit"], agency=world.agencies["MCS"],
                              status="draft", links=[])
    db.session.add(report)
    db.session.commit()
    mcs = world.users["hq"]
    mcs.role, mcs.agency = "coordinator", world.agencies["MCS"]
    db.session.commit()
    auth.login("hq")
    response = client.post(f"/completion/{report.id}/attachments", data={
        "file": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "акт\x00 мероприятия.pdf")},
        content_type="multipart/form-data")
    assert response.status_code in (302, 200)
    names = db.session.scalars(select(ReportAttachment.original_name)).all()
    assert names == ["акт мероприятия.pdf"]


@pytest.mark.parametrize("text", ["² квартал 2021", "²-й квартал", "² наурыз 2021"])
def test_a_superscript_in_a_deadline_is_reported_not_a_crash(text):
    try:
        deadline = parse_deadline(text, 2021)
    except DeadlineError as exc:
        assert str(exc)
    else:
        assert deadline is None or deadline.starts_on >= date(2021, 1, 1)


@pytest.mark.parametrize("cost", ["NaN", "sNaN", "Infinity", "-inf", "1e400", "²", 10**20])
def test_an_import_cost_that_is_not_an_amount_is_reported(world, cost):
    rows = [["№", "Наименование мероприятия", "Ответственные исполнители", "Срок исполнения",
             "Предполагаемые расходы"],
            [1, "Концерт в Павлодаре", "Акимат Павлодарской области", "март 2021", cost]]
    preview = plan_io.preview_import(world.plans["pavlodar"], world.users["coordinator"],
                                     xlsx(rows), "plan.xlsx")
    problems = [p.message for p in preview.errors if "not an amount" in p.message]
    assert len(problems) == 1, [(p.column, p.message) for p in preview.problems]


@pytest.mark.parametrize("cost", [float("nan"), float("inf"), Decimal("sNaN")])
def test_a_numeric_cell_that_is_not_finite_is_not_an_amount(cost):
    with pytest.raises(ValueError):
        rows._cost(cost, Decimal(1))
    assert rows._cost(1500.5, Decimal(1000)) == Decimal("1500500.00")


def test_the_event_form_refuses_a_number_with_a_superscript_and_changes_nothing(
        client, auth, world):
    from tests.functional.test_events import edit_form

    auth.login("hq")
    event = world.events["forum"]
    before = (event.number, event.version)
    response = client.post(f"/events/{event.id}/edit", data=edit_form(world, event, number="²"))
    assert response.status_code == 422
    assert "ordinary digits" in response.get_data(as_text=True)
    db.session.refresh(event)
    assert (event.number, event.version) == before
