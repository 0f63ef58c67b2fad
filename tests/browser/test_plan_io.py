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
