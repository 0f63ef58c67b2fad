"""Daily journeys of issue 16 in Chromium, driven by the labels people read (kk and ru)."""

import pytest

from eventplan.extensions import db
from eventplan.models import CompletionReport, Event
from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def speaks(world, role, lang):
    world.users[role].locale = lang
    db.session.commit()


def test_moving_a_one_day_event_keeps_its_length(page, world):
    speaks(world, "coordinator", "ru")
    draft = world.events["pavlodar_draft"]  # one day, 10 March 2021
    log_in(page, "pavlodar@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/**")
    page.goto(page.base_url + f"/events/{draft.id}/edit")
    assert "событие сохраняет свою продолжительность" in page.get_by_text(
        "сохраняет свою продолжительность").inner_text()
    page.get_by_label("Дата начала").fill("2021-03-20")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_url(f"**/events/{draft.id}")
    db.session.expire_all()
    moved = db.session.get(Event, draft.id)
    assert (moved.starts_on.day, moved.ends_on.day) == (20, 20)


def _log_in(page, email):
    page.goto(page.base_url + "/auth/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url("**/programmes/**")


def test_the_report_form_shows_every_mistake_at_once_in_kazakh(page, world):
    speaks(world, "other_coordinator", "kk")
    summit = world.events["summit"]  # Akmola co-executes it
    _log_in(page, "akmola@test.kz")
    page.goto(page.base_url + f"/events/{summit.id}/report")
    assert page.locator("nav[aria-label='Навигация тізбегі']").count() == 1
    why = page.get_by_label("Іс-шараның өтпеу себебі")
    page.get_by_label("Іс-шара өткізілді", exact=True).check()
    assert not why.is_visible()
    page.get_by_label("Іс-шара өткізілмеді", exact=True).check()
    assert why.is_visible()
    page.get_by_label("Іс-шара өткізілді", exact=True).check()
    assert page.get_by_label("Өткізілген күні", exact=True).input_value() == "2021-03-31"
    page.get_by_label("Қатысушылар немесе қамту").fill("көп")
    page.get_by_label("Телесюжеттер").fill("-1")
    page.get_by_role("button", name="Тексеруге жіберу").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible() and summary.locator("a").count() == 2
    assert page.evaluate("document.activeElement.id") == "participants"
    assert page.locator("#report-status").count() == 0  # nothing saved, no "Draft" badge
    summary.locator("a").nth(1).click()
    assert page.evaluate("location.hash") == "#media_tv"
    page.get_by_label("Қатысушылар немесе қамту").fill("1200")
    page.get_by_label("Телесюжеттер").fill("3")
    page.get_by_role("button", name="Тексеруге жіберу").click()
    page.wait_for_url("**/completion/*")
    assert "Бекітуге ұсынылды" in page.locator("#report-status").inner_text()
    db.session.expire_all()
    assert db.session.scalar(db.select(CompletionReport.status)) == "submitted"
