"""A calendar feed made in the browser: one click on the block page, copy, fetch."""

from urllib.parse import urlsplit

import pytest
import vobject

from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_create_a_feed_from_the_block_page_copy_its_address_and_fetch_it(page, world):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=page.base_url)
    log_in(page, "hq@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/jubilee/")
    page.goto(page.base_url + "/programmes/jubilee/blocks/3")
    page.click("button[data-action='subscribe']")
    page.wait_for_url("**/feeds/*")
    assert "National traditions and culture" in page.locator("#feed-name").inner_text()
    assert page.locator("#feed-addresses svg").count() == 1  # the QR code
    webcal = page.input_value("#url-webcal")
    assert webcal.startswith("webcal://")
    page.click("button[data-copy='#url-https']")
    page.wait_for_selector("button[data-copy='#url-https'].btn-success")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.input_value("#url-https") and copied.endswith(".ics")
    # The address names the configured public host; fetch the same path from the test server.
    calendar_client = page.context.browser.new_context()  # no session, like a calendar app
    answer = calendar_client.request.get(page.base_url + urlsplit(copied).path)
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    calendar = vobject.readOne(answer.text())
    calendar_client.close()
    titles = {v.summary.value for v in calendar.vevent_list}
    assert {"Turkic summit in Turkestan", "Nauryz celebrations", "Akmola fair"} <= titles
    assert "Pavlodar concert" not in titles
    page.reload()
    assert page.locator("#feed-addresses").count() == 0  # shown once only
    page.goto(page.base_url + "/feeds/")
    assert page.locator("#feeds tbody tr").count() == 1
