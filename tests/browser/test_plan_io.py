"""Import a plan table in Chromium: plan page, upload, preview, confirm; and export."""

import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tests.functional.plan_io_helpers import KK_HEADER, xlsx

pytestmark = pytest.mark.browser


def test_coordinator_imports_a_table_after_the_preview(page, world):
    plan = world.plans["pavlodar"]
    log_in(page, "pavlodar@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/**")
    page.goto(page.base_url + f"/plans/{plan.id}")
    with page.expect_download() as download:
        page.click("#export-plan")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.click("#import-plan")
    content = xlsx([KK_HEADER, [2, "Жастар форумы", None, "MCS", "сәуір", None, None],
                    [3, "Көрме", None, "MCS,\nAkimat of Akmola Region", "IV тоқсан", 5, None]])
    page.set_input_files("#file", files=[{"name": "plan.xlsx", "buffer": content,
                                          "mimeType": "application/octet-stream"}])
    page.click("#upload-plan")
    assert "2 to create" in page.locator("#import-summary").inner_text()
    page.click("#confirm-import")
    page.wait_for_url(f"**/plans/{plan.id}")
    assert "2 created" in page.content()
    assert "Жастар форумы" in page.locator("#plan-events").inner_text()


def test_preview_shows_what_each_row_gives_and_maps_an_unknown_agency(page, world):
    plan = world.plans["pavlodar"]
    log_in(page, "pavlodar@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/**")
    page.goto(page.base_url + f"/plans/{plan.id}/import")
    content = xlsx([["№", "Наименование мероприятия", "Ответственные исполнители",
                     "Срок исполнения", "Предполагаемые расходы (тыс. тенге)"],
                    ["Декабрь"],
                    [2, "Эстафета", "MCS, заинтересованные государственные органы",
                     "июль–декабрь", 12.5],
                    [3, "Совещание", "Канцелярия Премьер-Министра", "10 декабря", None],
                    ["Примечание: MCS – Министерство культуры и спорта"]],
                   merges=("A2:E2",))
    page.set_input_files("#file", files=[{"name": "plan.xlsx", "buffer": content,
                                          "mimeType": "application/octet-stream"}])
    page.click("#upload-plan")
    relay = page.locator("tr[data-row='3']")
    assert "01.07.2021 – 31.12.2021" in relay.locator(".read-dates").inner_text()
    assert "июль–декабрь" in relay.locator(".read-dates").inner_text()
    assert relay.locator(".read-lead").inner_text() == "Ministry of Culture and Sports"
    assert "заинтересованные государственные органы" in relay.locator(
        ".read-collective").inner_text()
    assert relay.locator(".read-cost").inner_text() == "12 500.00"
    assert "reaches beyond the month" in relay.locator(".import-row-problems").inner_text()
    meeting = page.locator("tr[data-row='4']")
    assert meeting.get_attribute("data-action") == "invalid"
    assert page.locator("#confirm-import").count() == 0
    page.select_option("#choice-1", label="Republican headquarters")
    page.click("#map-agencies")
    assert "Names remembered: 1." in page.content()
    assert page.locator("tr[data-row='4']").get_attribute("data-action") == "create"
    assert "Republican headquarters" in page.locator(
        "tr[data-row='4'] .read-lead").inner_text()
    page.click("#confirm-import")
    page.wait_for_url(f"**/plans/{plan.id}")
    assert "Совещание" in page.locator("#plan-events").inner_text()
