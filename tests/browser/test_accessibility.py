"""axe-core (vendored from the npm registry, tests/browser/vendor) on the daily pages, in
Kazakh and Russian: no serious or critical violation."""

from pathlib import Path

import pytest

from eventplan.extensions import db
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
BROWSER_LOCALES = {"kk": "kk-KZ", "ru": "ru-RU"}


def violations(page) -> list[str]:
    """Serious and critical axe violations of the open page, one line each."""
    # Evaluated over the DevTools protocol: the page's strict CSP stays as it is.
    page.evaluate(AXE)
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '));
    }""")
    return [f"{page.url} {line}" for line in found]


def _as(browser, live_server, lang, email=None):
    context = browser.new_context(locale=BROWSER_LOCALES[lang],
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server
    if email:
        page.goto(live_server + "/auth/login")
        page.fill("#email", email)
        page.fill("#password", PASSWORD)
        page.press("#password", "Enter")
        page.wait_for_url("**/programmes/**")
    return context, page


def _check(page, paths) -> list[str]:
    found = []
    for path in paths:
        page.goto(page.base_url + path)
        assert page.locator("html").get_attribute("lang") in BROWSER_LOCALES
        found += violations(page)
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_daily_pages_have_no_serious_accessibility_violations(browser, live_server, world,
                                                              lang):
    for user in world.users.values():
        user.locale = lang
    db.session.commit()
    ev, plans = world.events, world.plans
    found = []
    context, page = _as(browser, live_server, lang)
    found += _check(page, ["/auth/login"])
    context.close()
    context, page = _as(browser, live_server, lang, "akmola@test.kz")
    found += _check(page, ["/programmes/jubilee/", "/programmes/jubilee/blocks/3",
                           f"/events/{ev['summit'].id}", f"/events/{ev['summit'].id}/report",
                           "/tasks", "/feeds/"])
    context.close()
    context, page = _as(browser, live_server, lang, "hq@test.kz")
    found += _check(page, ["/completion/review", f"/plans/{plans['akmola'].id}/review",
                           "/reports/jubilee/", "/tasks"])
    context.close()
    assert not found, "\n".join(found)
