"""At 360 px (a small phone) no daily page scrolls sideways, in Kazakh (the longest words)."""

import pytest

from eventplan.extensions import db
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

WIDTH = 360


def _wider_than_the_screen(page) -> list[str]:
    """The page's own width, and the elements that stick out past the right edge."""
    return page.evaluate("""(width) => {
        const out = [];
        if (document.documentElement.scrollWidth > width) {
            out.push('page ' + document.documentElement.scrollWidth + 'px');
            for (const el of document.querySelectorAll('body *')) {
                const box = el.getBoundingClientRect();
                if (box.right > width + 1 && !el.closest('.collapse:not(.show)')
                        && box.width > 0) {
                    out.push((el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' +
                              [...el.classList].join('.')) + ' ' + Math.round(box.right) + 'px');
                    if (out.length > 6) break;
                }
            }
        }
        return out;
    }""", WIDTH)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_daily_page_scrolls_sideways_at_360_px(browser, live_server, world, lang):
    for user in world.users.values():
        user.locale = lang
    db.session.commit()
    ev, plans = world.events, world.plans
    found = []
    for email, paths in (
        ("akmola@test.kz", ["/programmes/jubilee/", "/programmes/jubilee/blocks/3",
                            f"/events/{ev['summit'].id}", f"/events/{ev['summit'].id}/report",
                            "/tasks", "/feeds/", "/programmes/jubilee/agenda"]),
        ("hq@test.kz", ["/completion/review", f"/plans/{plans['republican'].id}",
                        f"/plans/{plans['akmola'].id}/review", "/reports/jubilee/", "/tasks"]),
    ):
        context = browser.new_context(viewport={"width": WIDTH, "height": 740})
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto(live_server + "/auth/login")
        found += [f"/auth/login {line}" for line in _wider_than_the_screen(page)]
        page.fill("#email", email)
        page.fill("#password", PASSWORD)
        page.press("#password", "Enter")
        page.wait_for_url("**/programmes/**")
        for path in paths:
            page.goto(live_server + path)
            found += [f"{path} {line}" for line in _wider_than_the_screen(page)]
        context.close()
    assert not found, "\n".join(found)


def test_the_block_table_keeps_region_and_status_on_a_phone(browser, live_server, world):
    world.users["viewer"].locale = "ru"
    fair = world.events["akmola_fair"]
    fair.region_id = world.regions["AKMOLA"].id
    db.session.commit()
    context = browser.new_context(viewport={"width": WIDTH, "height": 740}, locale="ru-RU")
    page = context.new_page()
    page.goto(live_server + "/programmes/jubilee/blocks/3")
    row = page.locator("#events tbody tr", has_text="Akmola fair")
    for column in (5, 6):  # region, status: on the screen, not scrolled off to the right
        cell = row.locator(f"td:nth-child({column})")
        box = cell.bounding_box()
        assert cell.is_visible() and box["x"] + box["width"] <= WIDTH, column
    assert row.locator("td:nth-child(5)").get_attribute("data-label") == "Регион"
    assert "Акмолинская область" in row.inner_text()
    context.close()
