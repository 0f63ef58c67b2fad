"""The report form in one pass: every error at once with a summary, nothing shown as saved
when nothing was, held dates from the plan, and Submit on the report page."""

from __future__ import annotations

import io
import re

from eventplan.extensions import db
from eventplan.models import CompletionReport
from tests.functional.test_completion_attachments import jpeg_bytes, office_bytes
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


def test_photos_are_attached_on_the_form_and_submitted_in_one_pass(client, auth, world):
    auth.login("other_coordinator")
    data = {**FORM, "save_draft": None, "submit_report": "Submit for review",
            "files": [(io.BytesIO(jpeg_bytes()), "көрме.jpg"),
                      (io.BytesIO(office_bytes("word/document.xml")), "есеп.docx")]}
    response = client.post(f"/events/{world.events['summit'].id}/report",
                           data={k: v for k, v in data.items() if v is not None},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    report = the_report(world)
    assert report.status == "submitted"
    assert sorted(a.original_name for a in report.attachments) == ["есеп.docx", "көрме.jpg"]


def test_a_refused_file_is_shown_on_its_field_and_nothing_is_kept(client, auth, world):
    auth.login("other_coordinator")
    data = {**FORM, "files": [(io.BytesIO(b"MZ not a photo"), "virus.exe")]}
    response = client.post(f"/events/{world.events['summit'].id}/report", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert '<a href="#files">' in response.get_data(as_text=True)
    assert the_report(world) is None
