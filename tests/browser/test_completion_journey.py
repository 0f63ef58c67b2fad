"""The reporting journey in Chromium: a regional coordinator logs a report with media counts
and a photo on a phone-sized screen and submits it; headquarters accepts it on a desktop; the
event then shows as held with its numbers and the thumbnail.
"""

import pytest
from PIL import Image

from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_a_coordinator_reports_with_media_counts_and_a_photo_and_hq_accepts_it(
        page, browser, world, tmp_path):
    fair = world.events["akmola_fair"]  # Akmola's regional plan, in force; 12 March 2021
    photo = tmp_path / "fair.png"
    Image.new("RGB", (1200, 800), (30, 140, 60)).save(photo)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "akmola@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/**")
    page.goto(page.base_url + f"/events/{fair.id}")
    page.click("#report-button")
    page.fill("#held_from", "2021-03-12")
    page.fill("#participants", "2500")
    page.fill("#media_tv", "12")
    page.fill("#media_print", "473")
    page.fill("#media_total", "532")
    page.fill("#links", "https://akmola.gov.kz/news/fair")
    page.click("#save_draft")
    # The total does not add up: the form says by how much and keeps what was typed.
    assert "485, 47 fewer than the total 532" in page.content()
    assert page.input_value("#participants") == "2500"
    page.fill("#media_total", "485")
    page.fill("input[name='outputs-0-name']", "Banners")
    page.fill("input[name='outputs-0-quantity']", "135")
    page.click("#save_draft")
    page.wait_for_url("**/completion/*")
    page.set_input_files("#file", str(photo))
    page.click("#upload-form button[type=submit]")
    thumb = page.locator("#attachments img.report-thumb")
    thumb.wait_for()
    page.wait_for_function("() => document.querySelector('#attachments img').naturalWidth > 0")
    box = thumb.bounding_box()  # a square from app.css (no style attribute under the CSP)
    assert (round(box["width"]), round(box["height"])) == (80, 80)
    page.click("#edit-report")
    page.click("#submit_report")
    page.wait_for_url("**/completion/*")
    assert "Submitted" in page.locator("#report-status").inner_text()
    assert "2 500" in page.locator("#participants").inner_text()
    assert page.locator("#edit-report").count() == 0

    report_url = page.url
    desk = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    desk.set_default_timeout(10_000)
    hq = desk.new_page()
    hq.base_url = page.base_url
    log_in(hq, "hq@test.kz", PASSWORD)
    hq.wait_for_url("**/programmes/**")
    hq.goto(report_url)
    hq.click("#accept-report")
    hq.wait_for_url(report_url)
    assert "held" in hq.content()  # "The report was accepted and event 1 is marked held."
    hq.goto(page.base_url + f"/events/{fair.id}")
    assert hq.locator("#completion-totals [data-total=participants]").inner_text() == "2 500"
    assert hq.locator("#completion-totals [data-total=media]").inner_text().startswith("485")
    assert "135" in hq.locator("#completion-totals").inner_text()  # banners
    hq.wait_for_function(
        "() => document.querySelector('#contributions img').naturalWidth > 0")
    page.goto(page.base_url + f"/events/{fair.id}")  # the coordinator sees it held too
    assert "Held" in page.content()
    desk.close()
