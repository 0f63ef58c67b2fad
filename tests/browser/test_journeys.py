"""Journeys through the real interface in Chromium."""

import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_hq_opens_programme_march_and_an_event_then_switches_language(page, world):
    log_in(page, "hq@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/jubilee/")
    assert page.locator("#blocks [data-month]").count() == 12
    page.click("#blocks [data-month='3']")
    page.wait_for_url("**/blocks/3")
    assert page.locator("h1").inner_text() == "National traditions and culture"
    page.click("text=Turkic summit in Turkestan")
    page.wait_for_url("**/events/*")
    assert page.locator("#event-title").inner_text() == "Turkic summit in Turkestan"
    assert "10:00" in page.content()  # 04:00 UTC shown in Almaty time (UTC+6 in 2021)
    page.click("button[data-lang='kk']")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "kk"
    assert "Шығу" in page.content()  # "Log out" in Kazakh
    page.goto(page.base_url + "/agencies/")  # the choice is remembered for the user
    assert page.locator("html").get_attribute("lang") == "kk"


def test_the_event_form_shows_field_errors_in_the_browser(page, world):
    log_in(page, "hq@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/jubilee/")
    page.goto(page.base_url + f"/events/{world.events['summit'].id}/edit")
    page.fill("#starts_on", "2021-04-02")
    page.fill("#ends_on", "2021-04-02")
    page.click("button[type=submit]:has-text('Save')")
    assert page.locator(".invalid-feedback").first.inner_text() == (
        "An event of this thematic block must take place, at least in part, in its month.")


def test_phone_sized_screen_collapses_the_navigation(browser, live_server, world):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    page.goto(live_server + "/programmes/jubilee/")
    assert page.locator(".navbar-toggler").is_visible()
    page.click(".navbar-toggler")
    page.wait_for_selector("#nav.show")
    assert page.locator("#nav a:has-text('Log in')").is_visible()
    context.close()
