"""The pages work under the strict Content-Security-Policy: no violations reported, charts
drawn, select-all, confirm dialogs and "Add row" (all bound from static scripts)."""

from __future__ import annotations

import pytest

from eventplan.extensions import db
from eventplan.models import CompletionReport, Event
from tests.browser.conftest import log_in
from tests.browser.test_reports import charts_drawn
from tests.factories import PASSWORD
from tests.functional.reports_fixture import add_reports

pytestmark = pytest.mark.browser

# Playwright's init scripts are not subject to the page's policy, so this listener sees every
# violation the page itself causes, alongside the console messages Chromium prints for them.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def watch(page) -> dict:
    seen = {"console": [], "errors": []}
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda message: seen["console"].append(message.text))
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    return seen


def violations(page, seen) -> list[str]:
    found = [text for text in seen["console"] if "Content Security Policy" in text]
    return found + page.evaluate("window.__cspViolations") + seen["errors"]


def hq_logs_in(page):
    log_in(page, "hq@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/jubilee/")


def test_the_main_pages_raise_no_policy_violations(page, world):
    add_reports(world)
    db.session.commit()
    seen = watch(page)
    hq_logs_in(page)
    pages = {
        "dashboard": "/reports/jubilee/?as_of=2021-04-26",
        "plan": f"/plans/{world.plans['republican'].id}",
        "queue": "/completion/review",
        "report form": f"/events/{world.events['forum'].id}/report",
        "overview": "/programmes/jubilee/",
        "event": f"/events/{world.events['summit'].id}",
        "print": "/reports/jubilee/print?as_of=2021-04-26",
        "tasks": "/tasks",
        "feeds": "/feeds/",
        "week": "/programmes/jubilee/agenda?week=2021-03-22",
    }
    for name, path in pages.items():
        response = page.goto(page.base_url + path)
        assert response.status == 200, name
        assert "script-src 'self'" in response.headers["content-security-policy"], name
        page.wait_for_load_state("load")
        assert violations(page, seen) == [], name
        if name == "dashboard":  # Chart.js styles its canvases through the CSSOM: allowed
            assert charts_drawn(page) == {"chart-months": True, "chart-regions": True,
                                          "chart-media": True}
    # The watch works: an inline style attribute added now is refused and reported.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_function("window.__cspViolations.length > 0")
    assert any("Content Security Policy" in text for text in seen["console"])


def test_select_all_in_the_review_queue_ticks_every_report(page, world):
    add_reports(world)
    for key in ("summit", "nauryz"):
        db.session.add(CompletionReport(event=world.events[key], agency=world.agencies["HQ"],
                                        status="submitted", outcome="held", links=[]))
    db.session.commit()
    seen = watch(page)
    hq_logs_in(page)
    page.goto(page.base_url + "/completion/review")
    boxes = page.locator("#review-queue input[name=report]")
    assert boxes.count() >= 3
    page.check("#select-all")
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    page.uncheck("#select-all")
    assert not any(boxes.nth(i).is_checked() for i in range(boxes.count()))
    assert violations(page, seen) == []


def test_removing_an_event_from_the_plan_asks_first(page, world):
    plan, forum = world.plans["republican"], world.events["forum"]
    seen = watch(page)
    hq_logs_in(page)
    page.goto(page.base_url + f"/plans/{plan.id}")
    asked = []

    def answer(dialog, accept):
        asked.append((dialog.type, dialog.message))
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda d: answer(d, accept=False))
    page.click(f"#event-{forum.id} button:has-text('Remove')")
    assert asked == [("confirm", "Remove this event from the plan?")]
    page.wait_for_timeout(300)  # a submit would have navigated by now
    assert page.locator(f"#event-{forum.id}").count() == 1
    db.session.expire_all()
    assert db.session.get(Event, forum.id) is not None

    page.once("dialog", lambda d: answer(d, accept=True))
    with page.expect_navigation():
        page.click(f"#event-{forum.id} button:has-text('Remove')")
    assert len(asked) == 2
    assert "The event was removed from the plan." in page.content()
    assert page.locator(f"#event-{forum.id}").count() == 0
    assert violations(page, seen) == []


def test_add_row_adds_output_rows_and_a_report_keeps_all_five(page, world):
    forum = world.events["forum"]
    seen = watch(page)
    hq_logs_in(page)
    page.goto(page.base_url + f"/events/{forum.id}/report")
    rows = page.locator("#outputs .output-row")
    assert rows.count() == 3
    assert page.is_visible("#add-output")
    page.click("#add-output")
    page.click("#add-output")
    assert rows.count() == 5
    names = page.eval_on_selector_all("#outputs input", "els => els.map(e => e.name + '|' + e.id)")
    assert names == [f"outputs-{i}-{f}|outputs-{i}-{f}" for i in range(5)
                     for f in ("name", "quantity")]
    outputs = [("Banners", "135"), ("Billboards", "12"), ("Video clips", "3"),
               ("Interviews", "7"), ("Leaflets", "2000")]
    for i, (name, quantity) in enumerate(outputs):
        page.fill(f"input[name='outputs-{i}-name']", name)
        page.fill(f"input[name='outputs-{i}-quantity']", quantity)
    page.fill("#held_from", "2021-04-23")
    page.click("#save_draft")
    page.wait_for_url("**/completion/*")
    report = db.session.scalars(db.select(CompletionReport).filter_by(event_id=forum.id)).one()
    assert [(o.name, str(o.quantity)) for o in report.outputs] == outputs

    page.goto(page.base_url + f"/events/{forum.id}/report")  # five kept, three empty to add
    assert rows.count() == 8
    assert page.input_value("input[name='outputs-4-name']") == "Leaflets"
    page.click("#add-output")
    assert page.input_value("input[name='outputs-8-name']") == ""  # clone starts empty

    # Up to the server's maximum, then the button stops.
    maximum = int(page.get_attribute("#outputs", "data-max-rows"))
    while not page.is_disabled("#add-output"):
        page.click("#add-output")
    assert rows.count() == maximum == 60
    assert violations(page, seen) == []


def test_without_scripts_the_form_offers_empty_rows_and_no_button(browser, live_server, world):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.base_url = live_server
    hq_logs_in(page)
    page.goto(live_server + f"/events/{world.events['forum'].id}/report")
    assert page.locator("#outputs .output-row").count() == 3
    assert not page.is_visible("#add-output")
    context.close()
