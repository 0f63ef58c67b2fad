"""The report dashboard in a browser: period form, charts drawn, XLSX downloaded."""

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tests.functional.reports_fixture import add_reports

pytestmark = pytest.mark.browser


def charts_drawn(page) -> dict:
    return page.evaluate("""() => {
        const charts = window.reportCharts || {};
        const out = {};
        for (const id of ['chart-months', 'chart-regions', 'chart-media']) {
            const canvas = document.getElementById(id);
            out[id] = !!charts[id] && canvas.width > 0 && canvas.height > 0
                && Chart.getChart(canvas) === charts[id];
        }
        return out;
    }""")


def test_change_the_period_see_the_charts_and_download_the_xlsx(page, world, tmp_path):
    add_reports(world)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, "hq@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/jubilee/")
    page.goto(page.base_url + "/reports/jubilee/?as_of=2021-04-26")
    assert page.locator("[data-cell='total:planned']").inner_text() == "7"
    assert charts_drawn(page) == {"chart-months": True, "chart-regions": True,
                                  "chart-media": True}
    page.fill("#p-from", "2021-03-01")
    page.fill("#p-to", "2021-03-31")
    page.click("#period-form button[type=submit]")
    page.wait_for_url("**from=2021-03-01**")
    assert page.locator("[data-cell='total:planned']").inner_text() == "4"
    assert all(charts_drawn(page).values())
    months = page.evaluate("window.reportCharts['chart-months'].data.labels")
    assert months == ["March"]
    with page.expect_download() as info:
        page.click("#export-xlsx")
    download = info.value
    assert download.suggested_filename == "jubilee-20210301-20210331.xlsx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    book = load_workbook(target)
    assert book["Events"].max_row == 1 + 4
    assert not errors
