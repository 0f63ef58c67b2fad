"""Unknown agencies mapped in the import preview (remembered as aliases), and a plan draft
created from an uploaded table in one step."""

from __future__ import annotations

import io
import json
import re

from sqlalchemy import func, select

from eventplan.extensions import db
from eventplan.models import Agency, AgencyAlias, AuditEntry, Event, Plan
from eventplan.services import plan_io
from tests.functional.plan_io_helpers import KK_HEADER, xlsx
from tests.functional.test_plan_io_web import events_in, hidden, upload

PMO = "Канцелярия Премьер-Министра"
TABLE = [KK_HEADER, [2, "Үкімет отырысы", None, f"MCS, {PMO}", "наурыз", None, None]]
LEGEND_TABLE = [KK_HEADER, [2, "Үкімет отырысы", None, "КПМ, MCS", "наурыз", None, None],
                ["Ескертпе: КПМ – Канцелярия Премьер-Министра РК"]]


def choices(html: str) -> list[str]:
    return re.findall(r'<select class="form-select form-select-sm unknown-choice"', html)


def map_names(client, plan, html, *picks):
    names = re.findall(r'<input type="hidden" name="name" value="([^"]*)"', html)
    abbreviations = re.findall(r'<input type="hidden" name="abbreviation" value="([^"]*)"',
                               html)
    return client.post(f"/plans/{plan.id}/import/agencies", data={
        "token": hidden(html, "token"), "name": names, "abbreviation": abbreviations,
        "choice": list(picks)})


def test_a_coordinator_maps_an_unknown_name_and_later_imports_know_it(client, auth, world):
    plan = world.plans["pavlodar"]
    auth.login("coordinator")
    html = upload(client, plan, xlsx(TABLE)).get_data(as_text=True)
    assert f"Unknown agency &#34;{PMO}&#34;" in html or f"Unknown agency \"{PMO}\"" in html
    assert len(choices(html)) == 1 and "confirm-import" not in html
    assert "Add a new agency" not in html  # only headquarters may create one
    hq = world.agencies["HQ"]
    response = map_names(client, plan, html, str(hq.id))
    again = response.get_data(as_text=True)
    assert response.status_code == 200 and "confirm-import" in again
    assert "unknown-choice" not in again and "Names remembered: 1." in again
    alias = db.session.scalar(select(AgencyAlias))
    assert (alias.name, alias.agency_id) == (PMO, hq.id)
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "agency.alias"))
    confirm = client.post(f"/plans/{plan.id}/import/confirm", data={
        "token": hidden(again, "token"), "digest": hidden(again, "digest")})
    assert confirm.status_code == 302
    meeting = db.session.scalar(select(Event).where(Event.plan_id == plan.id,
                                                    Event.number == "2"))
    assert meeting.lead_agency == world.agencies["MCS"] and meeting.coexecutors == [hq]
    # A later file, in other words of the same name, needs no mapping.
    later = xlsx([KK_HEADER, [3, "Кеңес", None, f"{PMO.upper()} (по согласованию)", "сәуір",
                              None, None]])
    preview = plan_io.preview_import(plan, world.users["coordinator"], later, "later.xlsx")
    assert preview.errors == [] and preview.actions[0].data.lead_agency_id == hq.id


def test_only_headquarters_may_create_an_agency_and_a_refusal_changes_nothing(client, auth,
                                                                                world):
    plan = world.plans["pavlodar"]
    auth.login("coordinator")
    html = upload(client, plan, xlsx(TABLE)).get_data(as_text=True)
    agencies = db.session.scalar(select(func.count(Agency.id)))
    response = map_names(client, plan, html, "new")
    assert response.status_code == 422
    assert "Only headquarters can add an agency" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Agency.id))) == agencies
    assert db.session.scalar(select(func.count(AgencyAlias.id))) == 0
    forged = map_names(client, plan, html, "999999")
    assert forged.status_code == 422 and db.session.scalar(select(func.count(AgencyAlias.id))) == 0


def test_the_administrator_creates_the_agency_a_legend_names(client, auth, world):
    plan = world.plans["pavlodar"]
    auth.login("admin")
    html = upload(client, plan, xlsx(LEGEND_TABLE)).get_data(as_text=True)
    assert "КПМ (Канцелярия Премьер-Министра РК)" in html and "Add a new agency" in html
    again = map_names(client, plan, html, "new").get_data(as_text=True)
    assert "confirm-import" in again
    created = db.session.scalar(select(Agency).where(Agency.code.startswith("ORG_")))
    assert created.name_ru == "Канцелярия Премьер-Министра РК"
    assert created.abbreviation == "КПМ" and created.kind == "other"
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "agency.create"))
    preview = plan_io.preview_import(plan, world.users["admin"], xlsx(LEGEND_TABLE), "x.xlsx")
    assert preview.errors == [] and preview.actions[0].data.lead_agency_id == created.id


def test_a_plan_draft_is_created_from_an_uploaded_table_in_one_step(client, auth, world):
    auth.login("admin")
    mcs = world.agencies["MCS"]
    form = client.get("/plans/new-from-table").get_data(as_text=True)
    assert 'name="programme"' in form and "Ministry of Culture and Sports" in form
    data = {"programme": str(world.programme.id), "agency": str(mcs.id)}
    bad = client.post("/plans/new-from-table", content_type="multipart/form-data",
                      data={**data, "file": (io.BytesIO(b"%PDF"), "x.pdf")})
    assert bad.status_code == 422 and "not a spreadsheet" in bad.get_data(as_text=True)
    assert db.session.scalar(select(Plan).where(Plan.agency_id == mcs.id)) is None
    table = xlsx([KK_HEADER, [1, "Концерт", None, "MCS", "наурыз", None, None]])
    response = client.post("/plans/new-from-table", content_type="multipart/form-data",
                           data={**data, "file": (io.BytesIO(table), "p.xlsx")})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "1 to create" in html
    plan = db.session.scalar(select(Plan).where(Plan.agency_id == mcs.id))
    assert plan.status == "draft" and events_in(plan) == 0
    client.post(f"/plans/{plan.id}/import/confirm", data={"token": hidden(html, "token"),
                                                          "digest": hidden(html, "digest")})
    assert events_in(plan) == 1


def test_a_coordinator_cannot_create_a_second_plan_or_one_for_another_agency(client, auth,
                                                                               world):
    auth.login("coordinator")
    form = client.get("/plans/new-from-table").get_data(as_text=True)
    assert "Ministry of Culture and Sports" not in form  # only the own agency is offered
    response = client.post("/plans/new-from-table", content_type="multipart/form-data", data={
        "programme": str(world.programme.id), "agency": str(world.agencies["MCS"].id),
        "file": (io.BytesIO(xlsx(TABLE)), "p.xlsx")})
    assert response.status_code == 422
    own = client.post("/plans/new-from-table", content_type="multipart/form-data", data={
        "programme": str(world.programme.id),
        "agency": str(world.agencies["AKIMAT_PAVLODAR"].id),
        "file": (io.BytesIO(xlsx(TABLE)), "p.xlsx")})
    assert own.status_code == 422 and "already has a plan" in own.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Plan.id))) == len(world.plans)


def test_the_web_preview_and_the_json_dry_run_show_the_same_rows(client, auth, world, app,
                                                                 tmp_path):
    plan = world.plans["pavlodar"]
    rows = [KK_HEADER, ["ЖЕЛТОҚСАН"],
            [2, "Эстафета", None, "MCS, мүдделі мемлекеттік органдар", "шілде-желтоқсан", 7,
             None],
            [3, "Кеңес", None, PMO, "10 желтоқсан", None, None],
            [4, "Форум", None, "MCS", "31.02.2021", None, None]]
    content = xlsx(rows, ("A2:G2",))
    auth.login("coordinator")
    html = upload(client, plan, content).get_data(as_text=True)
    path = tmp_path / "plan.xlsx"
    path.write_bytes(content)
    result = app.test_cli_runner().invoke(args=[
        "import-plan", str(path), "--plan", str(plan.id), "--dry-run", "--json",
        "--as", "pavlodar@test.kz"])
    assert result.exit_code == 1  # two rows have errors
    data = json.loads(result.output)
    assert [(r["row"], r["action"]) for r in data["rows"]] == [
        (3, "create"), (4, "invalid"), (5, "invalid")]
    for row in data["rows"]:
        start = html.index(f'data-row="{row["row"]}" data-action="{row["action"]}"')
        cells = html[start:html.index("</tr>", start)]
        assert row["dates"] in cells and row["number"] in cells
        if row["lead_agency"]:
            assert row["lead_agency"]["name"] in cells
        for problem in row["problems"]:
            assert problem["message"].split("\"")[0] in cells
    assert data["rows"][0]["collective_executors"][0]["as_written"] in html
    assert data["summary"] == {"create": 1, "change": 0, "unchanged": 0, "invalid": 2,
                               "not_in_file": 1, "errors": 2, "warnings": 1}
