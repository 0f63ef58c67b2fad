"""Report dashboard, exports and API: the same numbers everywhere, scoped, and safe."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from eventplan.extensions import db
from eventplan.models import ApiToken, AuditEntry
from eventplan.services.reports import FIGURES, MEASURES
from tests.functional.reports_fixture import TOTALS, add_reports

PERIOD = "from=2021-01-01&to=2021-12-31&as_of=2021-04-26"


@pytest.fixture
def events(world):
    return add_reports(world)


def page_cells(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-cell="([^"]+)" data-value="([^"]*)"', html))


def test_dashboard_shows_the_hand_computed_totals_and_links_each_number(client, auth, world,
                                                                        events):
    auth.login("hq")
    response = client.get(f"/reports/jubilee/?{PERIOD}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    cells = page_cells(html)
    for name in (*MEASURES, *FIGURES):
        assert Decimal(cells[f"total:{name}"]) == Decimal(str(TOTALS[name])), name
    # every number links to its events; the overdue link lists exactly the overdue event
    link = re.search(r'href="([^"]+)" data-cell="total:overdue"', html).group(1)
    listed = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "Akmola exhibition" in listed and "Young scientists forum" not in listed
    assert "2 events were held out of 7 planned" in html
    assert 'type="application/json" id="report-data"' in html
    assert "<script>" not in html  # no inline code: the charts come from reports.js
    checks = client.get(f"/reports/jubilee/checks?{PERIOD}").get_data(as_text=True)
    assert 'id="warn-mismatch"' in checks and 'id="warn-month"' in checks
    assert 'id="warn-overdue"' in checks and "Akmola exhibition" in checks


def test_page_xlsx_csv_and_api_agree(client, auth, world, events):
    auth.login("hq")
    cells = page_cells(client.get(f"/reports/jubilee/?{PERIOD}").get_data(as_text=True))
    api = client.get(f"/api/v1/programmes/jubilee/summary?{PERIOD}").get_json()
    pav = world.regions["PAVLODAR"].id
    for name in (*MEASURES, *FIGURES):
        assert Decimal(str(api["totals"][name])) == Decimal(cells[f"total:{name}"])
    api_regions = {r["key"]: r for r in api["breakdowns"]["region"]}
    for m in MEASURES:
        assert api_regions[pav][m] == int(cells[f"region:{pav}:{m}"])
        assert api_regions[None][m] == int(cells[f"region:none:{m}"])

    book = load_workbook(io.BytesIO(client.get(f"/reports/jubilee/export.xlsx?{PERIOD}").data))
    assert book.sheetnames[:4] == ["Summary", "By region", "By agency", "By thematic block"]
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=7, values_only=True)
               if r and r[0]}
    assert summary["Planned"] == 7 and summary["Media materials, total"] == 204
    assert Decimal(str(summary["Charity, KZT"])) == TOTALS["charity_amount"]
    regions = book["By region"]
    header = [c.value for c in regions[1]]
    assert regions.freeze_panes == "B2" and regions.auto_filter.ref.startswith("A1:")
    pavlodar = next(r for r in regions.iter_rows(min_row=2, values_only=True)
                    if r[0] == "Pavlodar Region")
    assert list(pavlodar[1:1 + len(MEASURES)]) == [api_regions[pav][m] for m in MEASURES]
    assert pavlodar[header.index("Participants")] == api_regions[pav]["participants"]
    assert regions.cell(row=3, column=header.index("Charity, KZT") + 1).number_format == \
        "#,##0.00"
    events_sheet = book["Events"]
    assert events_sheet.max_row == 1 + TOTALS["planned"]
    ev_header = [c.value for c in events_sheet[1]]
    rows = list(events_sheet.iter_rows(min_row=2, values_only=True))
    assert sum(r[ev_header.index("Media materials, total")] for r in rows) == 204
    # Dates and money keep their cell types and formats in the spliced events rows.
    first = events_sheet[2]
    start = first[ev_header.index("Start date")]
    assert start.is_date and start.number_format == "yyyy-mm-dd"
    last_column = events_sheet.cell(1, len(ev_header)).column_letter
    assert events_sheet.auto_filter.ref == f"A1:{last_column}{1 + TOTALS['planned']}"

    text = client.get(f"/reports/jubilee/export.csv?table=region&{PERIOD}").data.decode()
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    by_label = {r[0]: r for r in table[1:]}
    assert [int(v) for v in by_label["Pavlodar Region"][1:7]] == \
        [api_regions[pav][m] for m in MEASURES]
    assert by_label["Total"][table[0].index("Charity, KZT")] == "1500000.50"


def test_semicolon_csv_uses_decimal_commas_and_a_bom(client, auth, world, events):
    auth.login("viewer")
    response = client.get(f"/reports/jubilee/export.csv?table=summary&sep=;&{PERIOD}")
    text = response.data.decode("utf-8")
    assert response.mimetype == "text/csv" and text.startswith("\ufeffFigure;Value")
    assert "Charity, KZT;1500000,50" in text


def test_formula_titles_come_out_as_text_in_csv_and_xlsx(client, auth, world, events):
    world.events["forum"].title_ru = '=HYPERLINK("http://evil.example","click")'
    world.events["forum"].title_en = "+1 attack"
    db.session.commit()
    auth.login("hq")
    text = client.get(f"/reports/jubilee/export.csv?{PERIOD}").data.decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    forum = next(r for r in rows if "'=HYPERLINK(\"http://evil.example\",\"click\")" in r)
    assert "'+1 attack" in forum
    book = load_workbook(io.BytesIO(client.get(f"/reports/jubilee/export.xlsx?{PERIOD}").data))
    cells = [c for row in book["Events"].iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)


def test_a_coordinator_sees_only_their_agency_figures(client, auth, world, events):
    auth.login("other_coordinator")
    api = client.get(f"/api/v1/programmes/jubilee/summary?{PERIOD}").get_json()
    assert api["scope"]["agency_id"] == world.agencies["AKIMAT_AKMOLA"].id
    assert (api["totals"]["planned"], api["totals"]["media"], api["totals"]["participants"]) \
        == (4, 10, 200)
    assert api["programme_totals"]["planned"] == 7
    cells = page_cells(client.get(f"/reports/jubilee/?{PERIOD}").get_data(as_text=True))
    assert cells["total:media"] == "10" and cells["total:planned"] == "4"
    listed = client.get(f"/api/v1/programmes/jubilee/events?{PERIOD}").get_json()
    assert {i["title"] for i in listed["items"]} == {
        "Turkic summit in Turkestan", "Akmola fair", "Akmola exhibition", "Akmola concert"}
    summit = next(i for i in listed["items"] if i["title"] == "Turkic summit in Turkestan")
    assert summit["figures"]["participants"] == 200  # only Akmola's own contribution
    book = load_workbook(io.BytesIO(client.get(f"/reports/jubilee/export.xlsx?{PERIOD}").data))
    assert book["Events"].max_row == 1 + 4


def test_bad_parameters_answer_400_json_on_the_api_and_a_clear_page(client, auth, world):
    auth.login("hq")
    response = client.get("/api/v1/programmes/jubilee/summary?from=2021-02-30")
    assert response.status_code == 400
    assert response.get_json()["error"]["field"] == "from"
    response = client.get("/api/v1/programmes/jubilee/events?per_page=100000")
    assert response.status_code == 400 and response.get_json()["error"]["field"] == "per_page"
    assert client.get("/api/v1/programmes/nowhere/summary").get_json()["error"]["status"] == 404
    page = client.get("/reports/jubilee/?from=2021-06-01&to=2021-01-01")
    assert page.status_code == 400
    assert "The start of the period is after its end." in page.get_data(as_text=True)
    assert client.get("/reports/jubilee/export.xlsx?as_of=never").status_code == 400


def test_events_api_pages_with_a_next_link(client, auth, world, events):
    auth.login("viewer")
    first = client.get(f"/api/v1/programmes/jubilee/events?{PERIOD}&per_page=3").get_json()
    assert first["count"] == 7 and len(first["items"]) == 3 and first["next"]
    seen = [i["id"] for i in first["items"]]
    url = first["next"]
    while url:
        data = client.get(url.replace("http://localhost", "")).get_json()
        seen += [i["id"] for i in data["items"]]
        url = data["next"]
    assert len(seen) == len(set(seen)) == 7
    held = client.get(f"/api/v1/programmes/jubilee/events?{PERIOD}&measure=held").get_json()
    assert {i["title"] for i in held["items"]} == {"Turkic summit in Turkestan",
                                                  "Nauryz celebrations"}


def test_token_is_shown_once_works_as_bearer_and_stops_when_revoked(app, client, auth, world,
                                                                     events):
    auth.login("viewer")
    response = client.post("/account/tokens", data={"name": "letters script"})
    assert response.status_code == 302
    page = client.get("/account/tokens").get_data(as_text=True)
    plain = re.search(r'id="token-value" readonly value="(ep_[^"]+)"', page).group(1)
    assert plain not in client.get("/account/tokens").get_data(as_text=True)  # once only
    token = db.session.query(ApiToken).one()
    assert token.token_hash != plain and len(token.token_hash) == 64
    assert db.session.query(AuditEntry).filter_by(action="api_token.create").count() == 1

    bare = app.test_client()  # no session: a script
    headers = {"Authorization": f"Bearer {plain}"}
    answer = bare.get(f"/api/v1/programmes/jubilee/summary?{PERIOD}", headers=headers)
    assert answer.status_code == 200 and answer.get_json()["totals"]["held"] == 2
    assert "session" not in (answer.headers.get("Set-Cookie") or "")
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).last_used_at is not None
    assert bare.get("/api/v1/programmes/jubilee/summary").status_code == 401  # no header
    wrong = bare.get("/api/v1/programmes/jubilee/summary",
                     headers={"Authorization": "Bearer ep_nonsense"})
    assert wrong.status_code == 401 and wrong.get_json()["error"]["status"] == 401
    assert wrong.headers["WWW-Authenticate"].startswith("Bearer")
    assert bare.get("/reports/jubilee/", headers=headers).status_code == 302  # API only

    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 302
    answer = bare.get("/api/v1/programmes/jubilee/summary", headers=headers)
    assert answer.status_code == 401
    auth.logout()
    auth.login("hq")  # someone else's token cannot be revoked by them
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 404


def test_openapi_describes_every_api_route(app, client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    described = set(doc["paths"])
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            assert path in described, rule.rule
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert method.lower() in doc["paths"][path]


def test_print_page_is_a4_ready(client, auth, world, events):
    auth.login("hq")
    html = client.get(f"/reports/jubilee/print?{PERIOD}").get_data(as_text=True)
    assert "reports-print.css" in html and "2 events were held out of 7 planned" in html
    css = client.get("/static/css/reports-print.css").get_data(as_text=True)
    assert "size: A4" in css


def test_narrative_dates_follow_the_language(client, auth, world, events):
    auth.login("hq")
    world.users["hq"].locale = "ru"
    db.session.commit()
    html = client.get(f"/reports/jubilee/?{PERIOD}").get_data(as_text=True)
    assert "1 января" in html and "31 декабря 2021" in html


def test_each_other_output_links_to_the_events_whose_accepted_reports_list_it(
        client, auth, world, events):
    auth.login("hq")
    cells = page_cells(client.get(f"/reports/jubilee/?{PERIOD}").get_data(as_text=True))
    assert cells["output:banners"] == "15" and cells["output:clips"] == "2"
    html = client.get(f"/reports/jubilee/?{PERIOD}").get_data(as_text=True)
    link = re.search(r'href="([^"]+)" data-cell="output:banners"', html).group(1)
    listed = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "Other output: banners" in listed
    # the fair's banners are in a submitted report, not an accepted one
    assert "Turkic summit in Turkestan" in listed and "Nauryz celebrations" in listed
    assert "Akmola fair" not in listed
    api = client.get(f"/api/v1/programmes/jubilee/events?output=clips&{PERIOD}").get_json()
    assert [i["title"] for i in api["items"]] == ["Nauryz celebrations"]
    too_long = client.get(f"/api/v1/programmes/jubilee/events?output={'x' * 201}")
    assert too_long.status_code == 400 and too_long.get_json()["error"]["field"] == "output"
    nul = client.get(f"/reports/jubilee/events?output=ban%00ners&{PERIOD}")
    assert nul.status_code == 400 and "NUL character" in nul.get_data(as_text=True)


def test_a_coordinators_output_links_list_only_their_agencys_reports(client, auth, world,
                                                                    events):
    auth.login("other_coordinator")  # Akmola: its accepted summit report lists no banners
    listed = client.get(f"/reports/jubilee/events?measure=reported&output=banners&{PERIOD}")
    assert listed.status_code == 200
    assert "Turkic summit in Turkestan" not in listed.get_data(as_text=True)
