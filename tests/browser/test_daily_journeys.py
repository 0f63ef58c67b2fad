"""Daily journeys of issue 16 in Chromium, driven by the labels people read (kk and ru)."""

import pytest

from eventplan.extensions import db
from eventplan.models import Event
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
