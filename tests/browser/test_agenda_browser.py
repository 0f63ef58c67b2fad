"""A viewer on a phone opens "This week" from the menu, picks a week and steps through."""

import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_a_phone_user_opens_the_week_and_steps_to_the_next(page, world):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "viewer@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/jubilee/")
    page.click(".navbar-toggler")
    page.click("#nav-agenda")
    page.wait_for_url("**/programmes/jubilee/agenda")
    page.click("details summary")
    page.fill("#f-week", "2021-03-24")
    page.click("details button[type=submit]")
    page.wait_for_url("**week=2021-03-24**")
    assert page.locator("#agenda-title").inner_text() == "22 March – 28 March 2021"
    assert "Nauryz celebrations" in page.locator("#agenda-continuing").inner_text()
    page.click("#agenda-next")
    page.wait_for_url("**week=2021-03-29**")
    summit = page.locator(".agenda-day[data-day='2021-03-31'] .agenda-event")
    assert "Turkic summit in Turkestan" in summit.inner_text()
    assert "10:00" in summit.inner_text()
    # The page fits the phone: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    summit.locator("a").click()
    page.wait_for_url("**/events/**")
    assert not errors
