"""The approval journey in Chromium: edit, submit, return, fix, resubmit, approve."""

import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _switch_user(page, email):
    page.click("#account-menu")
    page.click("button:has-text('Log out')")
    page.wait_for_url("**/auth/login")
    log_in(page, email, PASSWORD)
    page.wait_for_url("**/programmes/**")


def test_plan_goes_from_draft_through_return_to_approval(page, world):
    plan = world.plans["pavlodar"]
    draft = world.events["pavlodar_draft"]
    log_in(page, "pavlodar@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/**")
    page.goto(page.base_url + f"/events/{draft.id}/edit")
    page.fill("#place", "Pavlodar")
    page.click("button:has-text('Save')")
    page.wait_for_url(f"**/events/{draft.id}")
    page.goto(page.base_url + f"/plans/{plan.id}")
    page.click("#submit-plan")
    assert "Submitted" in page.locator("#plan-status").inner_text()

    _switch_user(page, "hq@test.kz")
    page.click("text=Plans to review")
    page.click("#review-queue a")
    page.fill("#comment", "Give the venue's full address")
    page.click("#return")
    assert "Returned" in page.locator("#plan-status").inner_text()

    _switch_user(page, "pavlodar@test.kz")
    page.goto(page.base_url + f"/plans/{plan.id}")
    assert "Give the venue's full address" in page.locator("#return-comment").inner_text()
    page.click(f"#event-{draft.id} a:has-text('Edit')")
    page.fill("#place", "Pavlodar, 1 Satpayev Street, Concert hall")
    page.click("button:has-text('Save')")
    page.goto(page.base_url + f"/plans/{plan.id}")
    page.click("#submit-plan")

    _switch_user(page, "hq@test.kz")
    page.goto(page.base_url + f"/plans/{plan.id}/review")
    page.fill("#act", "Order of the akim No. 45 of 10.03.2021")
    page.fill("#act_date", "2021-03-10")
    page.click("#approve")
    assert "Approved" in page.locator("#plan-status").inner_text()

    _switch_user(page, "akmola@test.kz")
    page.goto(page.base_url + f"/events/{draft.id}")
    assert "1 Satpayev Street" in page.content()
