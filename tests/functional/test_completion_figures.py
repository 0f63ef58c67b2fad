"""Every declared completion figure (models/completion.py FIGURES) reaches each place that
shows it: the report form and page, the dashboard, the XLSX export and the API.

Parametrised over the declaration, so a figure added there and missed by one of those
places fails here by name. Pages are read in Russian, with the figure's Russian label.
"""

from __future__ import annotations

import html
import io

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook

from eventplan.extensions import db
from eventplan.models import CompletionReport
from eventplan.models.completion import FIGURES, TOTALLED_FIGURES, TYPED_FIGURES
from tests.functional.reports_fixture import add_reports

PERIOD = "from=2021-01-01&to=2021-12-31&as_of=2021-04-26"
TYPED = [pytest.param(f, id=f.name) for f in TYPED_FIGURES]
TOTALLED = [pytest.param(f, id=f.name) for f in TOTALLED_FIGURES]


def ru(text) -> str:
    with force_locale("ru"):
        return str(text)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def in_russian(world):
    for user in world.users.values():
        user.locale = "ru"
    db.session.commit()
    return world


@pytest.fixture
def reported(in_russian):
    return add_reports(in_russian)


def test_the_declaration_is_consistent():
    names = [f.name for f in FIGURES]
    assert len(names) == len(set(names))
    columns = CompletionReport.__table__.c
    for figure in TYPED_FIGURES:  # each typed figure is a nullable column of its kind
        assert figure.name in columns and columns[figure.name].nullable
        assert figure.kind in ("count", "money") and figure.group in (
            "general", "media", "charity")
    assert "media_total" not in [f.name for f in TOTALLED_FIGURES]  # stated, never summed
    assert [f.name for f in TOTALLED_FIGURES][:2] == ["reports", "participants"]


@pytest.mark.parametrize("figure", TYPED)
def test_a_typed_figure_is_on_the_report_form_and_page(client, auth, in_russian, figure):
    world = in_russian
    auth.login("other_coordinator")
    url = f"/events/{world.events['summit'].id}/report"
    form = page(client, url)
    assert f'name="{figure.name}"' in form
    assert f'for="{figure.name}">{ru(figure.label)}<' in form
    value = "1250.5" if figure.kind == "money" else "7"
    data = {"outcome": "held", "held_from": "2021-03-31", "version": "", "links": "",
            "save_draft": "1", figure.name: value}
    if figure.channel:  # with the stated total it must add up to
        data["media_total"] = "7"
    elif figure.sums == "stated":
        data["media_tv"] = "7"
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    db.session.expire_all()
    report = db.session.scalar(db.select(CompletionReport).where(
        CompletionReport.event_id == world.events["summit"].id))
    stored = getattr(report, figure.name)
    assert str(stored) == ("1250.50" if figure.kind == "money" else "7")
    shown = page(client, f"/completion/{report.id}")
    assert ru(figure.label) in shown
    assert (">1 250.50<" if figure.kind == "money" else ">7<") in shown


@pytest.mark.parametrize("figure", TOTALLED)
def test_a_totalled_figure_is_on_the_dashboard_xlsx_and_api(client, auth, reported, figure):
    auth.login("hq")
    dashboard = page(client, f"/reports/jubilee/?{PERIOD}")
    assert f'data-cell="total:{figure.name}"' in dashboard
    assert ru(figure.heading) in dashboard

    export = client.get(f"/reports/jubilee/export.xlsx?{PERIOD}")
    assert export.status_code == 200
    book = load_workbook(io.BytesIO(export.data))
    summary = [row[0] for row in book.worksheets[0].iter_rows(values_only=True) if row]
    assert ru(figure.heading) in summary
    events = book.worksheets[-1]
    header = [cell.value for cell in next(events.iter_rows(max_row=1))]
    assert ru(figure.heading) in header

    api = client.get(f"/api/v1/programmes/jubilee/summary?{PERIOD}").get_json()
    assert figure.name in api["totals"]
    assert all(figure.name in row for row in api["breakdowns"]["region"])
    items = client.get(f"/api/v1/programmes/jubilee/events?{PERIOD}").get_json()["items"]
    assert items and all(figure.name in item["figures"] for item in items)
    schema = client.get("/api/v1/openapi.json").get_json()
    expected = "number" if figure.kind == "money" else "integer"
    assert schema["components"]["schemas"]["Row"]["properties"][figure.name] == {
        "type": expected}


def test_the_api_and_the_xlsx_carry_the_summed_values(client, auth, reported):
    """Not just the names: the nauryz charity and the summit's participants, summed."""
    auth.login("hq")
    api = client.get(f"/api/v1/programmes/jubilee/events?{PERIOD}").get_json()
    by_id = {item["id"]: item["figures"] for item in api["items"]}
    summit, nauryz = reported["summit"].id, reported["nauryz"].id
    assert by_id[summit]["participants"] == 1200 and by_id[summit]["media"] == 147
    assert by_id[nauryz]["charity_amount"] == 1500000.5 and by_id[nauryz]["reports"] == 1
    assert by_id[reported["akmola_fair"].id]["participants"] == 0  # submitted, not accepted
