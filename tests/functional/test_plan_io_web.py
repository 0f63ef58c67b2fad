"""Export and import through the plan pages and the command line."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from eventplan.extensions import db
from eventplan.models import Event
from eventplan.services.plan_io import uploads
from tests.functional.plan_io_helpers import KK_HEADER, xlsx

GOOD = [KK_HEADER, [2, "Жастар форумы", None, "MCS", "сәуір", None, None],
        [3, "Көрме", None, "MCS,\nAkimat of Akmola Region", "IV тоқсан", 5, None]]
BAD = [KK_HEADER, [2, "Жастар форумы", None, "Nobody Ministry", "31.02.2021", None, None]]


def events_in(plan) -> int:
    return db.session.scalar(select(func.count(Event.id)).where(Event.plan_id == plan.id))


def upload(client, plan, content, name="plan.xlsx"):
    return client.post(f"/plans/{plan.id}/import",
                       data={"file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def hidden(html: str, name: str) -> str:
    marker = f'name="{name}" type="hidden" value="'
    start = html.index(marker) + len(marker)
    return html[start:html.index('"', start)]


def test_plan_page_offers_export_and_import_to_its_authors(client, auth, world):
    auth.login("coordinator")
    html = client.get(f"/plans/{world.plans['pavlodar'].id}").get_data(as_text=True)
    assert "Export to Excel" in html and "Import from a spreadsheet" in html


def test_plan_page_offers_export_but_not_import_to_a_reader(client, auth, world):
    auth.login("viewer")
    html = client.get(f"/plans/{world.plans['republican'].id}").get_data(as_text=True)
    assert 'id="export-plan"' in html and "Import from a spreadsheet" not in html


def test_viewer_exports_an_approved_plan(client, auth, world):
    auth.login("viewer")
    response = client.get(f"/plans/{world.plans['republican'].id}/export.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    ws = load_workbook(io.BytesIO(response.data)).active
    titles = [ws.cell(r, 2).value for r in range(1, ws.max_row + 1)]
    assert "Turkic summit in Turkestan" in titles and "Young scientists forum" in titles


def test_coordinator_of_another_agency_exports_an_approved_plan(client, auth, world):
    auth.login("coordinator")
    response = client.get(f"/plans/{world.plans['akmola'].id}/export.xlsx")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.data)).active
    assert ws.cell(5, 2).value == "Akmola fair"


def test_coordinator_of_another_agency_cannot_export_a_draft(client, auth, world):
    """The same answer as the plan page: a draft of another agency does not exist for them."""
    plan = world.plans["pavlodar"]
    auth.login("other_coordinator")
    assert client.get(f"/plans/{plan.id}").status_code == 404
    assert client.get(f"/plans/{plan.id}/export.xlsx").status_code == 404


def test_agency_page_links_the_export_of_visible_plans_only(client, auth, world):
    auth.login("other_coordinator")
    html = client.get(f"/agencies/{world.agencies['AKIMAT_PAVLODAR'].id}").get_data(as_text=True)
    assert f"/plans/{world.plans['pavlodar'].id}/export.xlsx" not in html
    html = client.get(f"/agencies/{world.agencies['HQ'].id}").get_data(as_text=True)
    assert f"/plans/{world.plans['republican'].id}/export.xlsx" in html


def test_plan_in_amendment_exports_the_revision_in_force_to_readers(client, auth, world):
    plan = world.plans["akmola"]
    plan.status = "amending"
    db.session.commit()
    auth.login("viewer")
    response = client.get(f"/plans/{plan.id}/export.xlsx")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.data)).active.cell(5, 2).value == "Akmola fair"


def test_export_downloads_a_workbook_with_headers_in_the_users_language(client, auth, world):
    auth.login("coordinator")
    response = client.get(f"/plans/{world.plans['pavlodar'].id}/export.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in response.headers["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.data)).active
    assert [c.value for c in ws[3]][:2] == ["No.", "Event"]
    assert ws.cell(5, 2).value == "Pavlodar concert"


def test_upload_previews_then_confirm_writes_everything(client, auth, world, app):
    plan = world.plans["pavlodar"]
    auth.login("coordinator")
    response = upload(client, plan, xlsx(GOOD))
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html[:300]
    assert "2 to create, 0 to change, 0 unchanged" in html and "confirm-import" in html
    assert events_in(plan) == 1  # the preview wrote nothing
    token = hidden(html, "token")
    stored = Path(app.instance_path) / "imports" / f"{token}.bin"
    assert stored.exists()
    response = client.post(f"/plans/{plan.id}/import/confirm",
                           data={"token": token, "digest": hidden(html, "digest")})
    assert response.status_code == 302 and response.location.endswith(f"/plans/{plan.id}")
    assert events_in(plan) == 3 and not stored.exists()
    fair = db.session.scalar(select(Event).where(Event.plan_id == plan.id, Event.number == "3"))
    assert (fair.starts_on, fair.ends_on) == (date(2021, 10, 1), date(2021, 12, 31))
    html = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert "2 created, 0 changed, 1 unchanged" not in html  # flash shows once, on redirect
    again = upload(client, plan, xlsx(GOOD)).get_data(as_text=True)
    assert "0 to create, 0 to change, 2 unchanged" in again
    assert "confirm-import" not in again and "changes nothing" in again


def test_problems_are_listed_and_a_forged_confirm_writes_nothing(client, auth, world, app):
    plan = world.plans["pavlodar"]
    auth.login("coordinator")
    response = upload(client, plan, xlsx(BAD))
    html = response.get_data(as_text=True)
    assert "Unknown agency" in html and "31.02.2021" in html and "E (Срок исполнения)" in html
    assert "confirm-import" not in html
    token = uploads.store(Path(app.instance_path) / "imports", world.users["coordinator"].id,
                          plan.id, xlsx(BAD), "bad.xlsx")
    response = client.post(f"/plans/{plan.id}/import/confirm",
                           data={"token": token, "digest": "x" * 32})
    assert response.status_code == 409 and "nothing was imported" in response.get_data(
        as_text=True)
    assert events_in(plan) == 1


def test_the_stored_upload_is_bound_to_its_user(client, auth, world):
    plan = world.plans["pavlodar"]
    auth.login("coordinator")
    html = upload(client, plan, xlsx(GOOD)).get_data(as_text=True)
    token, digest = hidden(html, "token"), hidden(html, "digest")
    auth.logout()
    auth.login("admin")
    response = client.post(f"/plans/{plan.id}/import/confirm",
                           data={"token": token, "digest": digest})
    assert response.status_code == 302 and response.location.endswith("/import")
    response = client.post(f"/plans/{plan.id}/import/confirm",
                           data={"token": "../../etc/passwd", "digest": digest})
    assert response.status_code == 302
    assert events_in(plan) == 1


def test_a_plan_changed_after_the_preview_asks_for_a_new_look(client, auth, world):
    plan = world.plans["pavlodar"]
    auth.login("coordinator")
    content = xlsx([KK_HEADER, [1, "Жаңа атау", None, "MCS", "10.03.2021", None, None]])
    html = upload(client, plan, content).get_data(as_text=True)
    world.events["pavlodar_draft"].title_kk = "Жаңа атау"
    db.session.commit()
    response = client.post(f"/plans/{plan.id}/import/confirm",
                           data={"token": hidden(html, "token"),
                                 "digest": hidden(html, "digest")})
    assert response.status_code == 409
    assert "changed since the preview" in response.get_data(as_text=True)


def test_bad_file_and_too_large_upload_get_clear_pages(client, auth, world, app):
    plan = world.plans["pavlodar"]
    auth.login("coordinator")
    response = upload(client, plan, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert response.status_code == 422
    assert "password-protected" in response.get_data(as_text=True)
    app.config["MAX_CONTENT_LENGTH"] = 100 * 1024  # another part of the app may lower it
    response = upload(client, plan, b"x" * (300 * 1024), "big.csv")
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "larger than 0.1 MB" in html and 'name="file"' in html
    assert events_in(plan) == 1


def test_cli_export_then_dry_run_and_import(runner, world, tmp_path):
    plan = world.plans["pavlodar"]
    out = tmp_path / "pavlodar.xlsx"
    result = runner.invoke(args=["export-plan", str(plan.id), str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert load_workbook(out).active.cell(3, 1).value == "No."

    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx(GOOD))
    result = runner.invoke(args=["import-plan", str(good), "--plan", str(plan.id), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "2 to create" in result.output and events_in(plan) == 1
    result = runner.invoke(args=["import-plan", str(good), "--plan", str(plan.id)])
    assert result.exit_code == 0, result.output
    assert events_in(plan) == 3

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx(BAD))
    result = runner.invoke(args=["import-plan", str(bad), "--plan", str(plan.id), "--dry-run"])
    assert result.exit_code == 1 and "31.02.2021" in result.output
    result = runner.invoke(args=["import-plan", str(bad), "--plan", str(plan.id)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert events_in(plan) == 3


def test_upload_without_the_csrf_token_is_refused(client, auth, world, app):
    auth.login("coordinator")
    app.config["WTF_CSRF_ENABLED"] = True
    response = upload(client, world.plans["pavlodar"], xlsx(GOOD))
    assert response.status_code == 422
    assert not (Path(app.instance_path) / "imports").exists()
