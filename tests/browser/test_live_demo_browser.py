"""The live demo in the browser: the coordinator's and headquarters' first page shows what is
due, what is coming and what waits for them; the switcher opens the archived programme."""

from datetime import UTC, date, datetime

import pytest

from eventplan.blueprints.completion import nav
from eventplan.extensions import db
from eventplan.services.demo import demo_password, load_demo
from eventplan.services.demo.live import load_live_demo
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def live_demo(world, monkeypatch):
    load_demo()
    load_live_demo(date(2026, 12, 4))
    db.session.commit()
    monkeypatch.setattr(nav, "clock", lambda: datetime(2026, 12, 4, 5, 0, tzinfo=UTC))


def test_coordinator_and_hq_find_due_upcoming_and_waiting_work_first(page, live_demo, tmp_path):
    log_in(page, "pavlodar@eventplan.local", demo_password("coordinator"))
    page.wait_for_url("**/programmes/demo-live/")
    assert "DEMO" in page.inner_text("h1")
    assert int(page.inner_text("#todo-due").rsplit(" ", 1)[1]) >= 1
    assert page.locator("#todo-due-list li").count() >= 2  # due and overdue
    assert "overdue by" in page.inner_text("#todo-due-list")
    assert page.locator("#todo-upcoming-list li").count() >= 1
    assert int(page.inner_text("#todo-returned").rsplit(" ", 1)[1]) >= 1
    page.screenshot(path=str(tmp_path / "coordinator.png"), full_page=True)
    page.click("#todo-due-list a >> nth=0")
    page.wait_for_url("**/events/*")
    page.click("#account-menu")
    page.click("button:has-text('Log out')")

    log_in(page, "hq@eventplan.local", demo_password("hq"))
    page.wait_for_url("**/programmes/demo-live/")
    assert page.inner_text("#todo-plans") == "Plans waiting for approval: 2"
    assert page.inner_text("#todo-amendments") == "Amendments waiting for review: 1"
    assert int(page.inner_text("#todo-reports").rsplit(" ", 1)[1]) >= 5
    assert page.locator("#todo-due-list li").count() >= 1
    assert page.locator("#todo-upcoming-list li").count() >= 1
    page.click("#todo-plans")
    page.wait_for_url("**/plans/review")
    assert "Karaganda" in page.inner_text("main")

    page.click("#programme-menu")
    page.click("#programme-switcher [data-slug='independence-30']")
    page.wait_for_url("**/programmes/independence-30/")
    assert page.is_visible("#archived-badge")
    assert page.locator("#todo").count() == 0  # nothing to do in a finished programme
