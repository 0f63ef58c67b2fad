"""The report form in one pass: every error at once with a summary, nothing shown as saved
when nothing was, held dates from the plan, and Submit on the report page."""

from __future__ import annotations

import re

from eventplan.extensions import db
from eventplan.models import CompletionReport
from tests.functional.test_completion_pages import FORM, fixed_today, post, the_report  # noqa: F401


def test_four_mistakes_are_shown_at_once_with_a_summary_and_nothing_is_saved(client, auth,
                                                                             world):
    auth.login("other_coordinator")
    response = post(client, world, participants="көп", media_tv="-1", charity_amount="abc",
                    links="ftp://akmola.kz", held_from="", save_draft=None,
                    submit_report="Submit for review")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    summary = page[page.index('id="error-summary"'):page.index('id="report-form"')]
    anchors = re.findall(r'<a href="#([\w-]+)">', summary)
    assert anchors == ["held_from", "participants", "media_tv", "charity_amount", "links"]
    assert "Give the dates the event was held." in summary  # what review needs, same pass
    assert 'data-focus="#held_from"' in page
    assert page.count("invalid-feedback d-block") >= 5
    assert db.session.scalar(db.select(db.func.count(CompletionReport.id))) == 0
    assert 'id="report-status"' not in page and "badge" not in page.split("<h1")[1][:400]


def test_a_failed_submit_of_a_new_report_shows_no_draft_badge(client, auth, world):
    auth.login("other_coordinator")
    page = post(client, world, held_from="", save_draft=None,
                submit_report="Submit for review").get_data(as_text=True)
    assert "Draft" not in page.split('id="report-form"')[0].split("<h1")[1]
    assert the_report(world) is None


def test_a_new_report_starts_from_the_planned_dates(client, auth, world):
    auth.login("other_coordinator")
    nauryz = world.events["nauryz"]  # 21–23 March 2021
    nauryz.coexecutors = [world.agencies["AKIMAT_AKMOLA"]]
    db.session.commit()
    page = client.get(f"/events/{nauryz.id}/report").get_data(as_text=True)
    assert 'id="held_from" name="held_from" type="date" value="2021-03-21"' in page
    assert 'id="held_to" name="held_to" type="date" value="2021-03-23"' in page


def test_the_report_page_submits_a_complete_draft(client, auth, world):
    auth.login("other_coordinator")
    location = post(client, world).headers["Location"]
    report = the_report(world)
    page = client.get(location).get_data(as_text=True)
    assert 'id="submit-report"' in page
    response = client.post(f"/completion/{report.id}/submit", data={"version": report.version})
    assert response.status_code == 302
    assert the_report(world).status == "submitted"
    assert 'id="submit-report"' not in client.get(location).get_data(as_text=True)


def test_submitting_an_incomplete_draft_from_its_page_sends_back_to_the_form(client, auth,
                                                                            world):
    auth.login("other_coordinator")
    post(client, world, held_from="")
    report = the_report(world)
    response = client.post(f"/completion/{report.id}/submit", data={"version": report.version})
    assert response.headers["Location"].endswith(f"/events/{world.events['summit'].id}/report")
    assert the_report(world).status == "draft"
    auth.logout()
    auth.login("hq")
    response = client.post(f"/completion/{report.id}/submit", data={"version": report.version})
    assert response.status_code == 403 and the_report(world).status == "draft"
