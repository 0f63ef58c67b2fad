"""The menu fits the screen: long Russian and Kazakh labels and an admin's extra pages wrap
inside the navigation bar instead of pushing the page wider than the window."""

import pytest

from eventplan.extensions import db
from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_an_admins_menu_fits_a_laptop_screen_in_every_language(page, world, lang):
    admin = world.users["admin"]
    admin.locale = lang
    admin.full_name = "Әбдірахманова Гүлнар Серікқызы, бас сарапшы"
    db.session.commit()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, admin.email, PASSWORD)
    page.wait_for_url("**/programmes/**")
    for width in (1200, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base_url + "/programmes/jubilee/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # Every menu entry and the account button stay on screen, none hidden by a toggler.
        assert not page.locator(".navbar-toggler").is_visible()
        for link in page.locator("#nav .nav-link").all():
            box = link.bounding_box()
            assert box is not None and box["x"] + box["width"] <= width
        account = page.locator("#account-menu").bounding_box()
        assert account is not None and account["x"] + account["width"] <= width
    # The shortened name is still there in full for the pointer and screen readers.
    assert page.locator("#account-menu").get_attribute("title").startswith("Әбдірахманова")
    page.click("#account-menu")
    assert page.locator("button.dropdown-item").is_visible()
    assert errors == []
