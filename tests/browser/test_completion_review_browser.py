"""Headquarters works the report queue in the browser: accept selected, return with a comment."""

from datetime import UTC, datetime

import pytest

from eventplan.extensions import db
from eventplan.models import CompletionReport, Event
from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_hq_accepts_selected_reports_and_returns_one_with_a_comment(page, world, tmp_path):
    rows = {}
    for key, agency in (("summit", "MCS"), ("nauryz", "MCS"), ("akmola_fair", "AKIMAT_AKMOLA")):
        rows[key] = CompletionReport(event=world.events[key], agency=world.agencies[agency],
                                     status="submitted", outcome="held", links=[],
                                     participants=120, media_tv=1, media_total=2,
                                     submitted_at=datetime(2021, 4, 2, tzinfo=UTC))
    db.session.add_all(rows.values())
    db.session.commit()
    log_in(page, "hq@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/jubilee/")
    assert page.locator("#nav-review").inner_text() == "3"
    page.goto(page.base_url + "/completion/review")
    assert page.locator(".media-mismatch").count() == 3
    page.screenshot(path=str(tmp_path / "queue.png"), full_page=True)
    page.check(f"#report-{rows['summit'].id} input[name=report]")
    page.check(f"#report-{rows['nauryz'].id} input[name=report]")
    page.click("#bulk-accept")
    page.wait_for_selector("#accepted-count")
    assert "Accepted: 2. Events marked held: 2." in page.inner_text("#accepted-count")
    page.goto(page.base_url + "/completion/review")
    fair = f"#report-{rows['akmola_fair'].id}"
    page.click(f"{fair} summary")
    page.fill(f"{fair} textarea[name=comment]", "Add the photos")
    page.click(f"{fair} form button:has-text('Return')")
    page.wait_for_selector("text=The report was returned")
    db.session.expire_all()
    statuses = {k: db.session.get(CompletionReport, r.id).status for k, r in rows.items()}
    assert statuses == {"summit": "accepted", "nauryz": "accepted", "akmola_fair": "returned"}
    assert db.session.get(Event, world.events["summit"].id).status == "held"
    assert page.locator("#nav-review").count() == 0  # nothing waiting any more
