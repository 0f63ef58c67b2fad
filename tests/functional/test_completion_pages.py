"""The report form, the report page and the event page's Completion section over HTTP."""

from __future__ import annotations

from datetime import date

import pytest

from eventplan.extensions import db
from eventplan.models import AuditEntry, CompletionReport

FORM = {"outcome": "held", "held_from": "2021-03-31", "participants": "1200",
        "media_tv": "3", "media_print": "5", "outputs-0-name": "Banners",
        "outputs-0-quantity": "135", "links": "https://akmola.gov.kz/news/1",
        "summary": "Held with guests", "version": "", "save_draft": "Save draft"}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """The programme's 'today' for the views: 1 June 2021."""
    monkeypatch.setattr("eventplan.blueprints.completion.views.programme_today",
                        lambda programme: date(2021, 6, 1))


def the_report(world, agency="AKIMAT_AKMOLA", event="summit"):
    db.session.expire_all()
    return db.session.scalar(db.select(CompletionReport).where(
        CompletionReport.event_id == world.events[event].id,
        CompletionReport.agency_id == world.agencies[agency].id))


def post(client, world, event="summit", **changes):
    data = {**FORM, **changes}
    return client.post(f"/events/{world.events[event].id}/report",
                       data={k: v for k, v in data.items() if v is not None})


def test_the_form_has_every_part_of_a_report(client, auth, world):
    auth.login("other_coordinator")
    page = client.get(f"/events/{world.events['summit'].id}/report").get_data(as_text=True)
    for name in ("held_from", "time_from", "held_to", "time_to", "format", "venue",
                 "participants", "media_tv", "media_radio", "media_print", "media_internet",
                 "media_social", "media_total", "outputs-0-name", "outputs-2-quantity",
                 "charity_amount", "beneficiaries", "links", "summary", "not_held_reason",
                 'name="version"', "save_draft", "submit_report"):
        assert name in page
    assert 'name="viewport"' in page  # phones
    assert the_report(world) is None  # opening the form stores nothing


def test_a_coordinator_saves_a_draft_then_sees_it_on_the_report_page(client, auth, world):
    auth.login("other_coordinator")
    response = post(client, world)
    assert response.status_code == 302
    report = the_report(world)
    assert (report.status, report.participants, report.media_print) == ("draft", 1200, 5)
    assert [(o.name, o.quantity) for o in report.outputs] == [("Banners", 135)]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 200" in page and "Banners" in page and "https://akmola.gov.kz/news/1" in page
    assert "Started the completion report" in page and "Changed the completion report" in page
    form = client.get(f"/events/{world.events['summit'].id}/report").get_data(as_text=True)
    assert f'name="version" type="hidden" value="{report.version}"' in form


def test_submit_for_review_saves_and_submits_in_one_step(client, auth, world):
    auth.login("other_coordinator")
    response = post(client, world, save_draft=None, submit_report="Submit for review")
    assert response.status_code == 302
    report = the_report(world)
    assert report.status == "submitted"
    assert [e.action for e in db.session.scalars(db.select(AuditEntry).where(
        AuditEntry.object_id == report.id, AuditEntry.object_type == "completion_report")
        .order_by(AuditEntry.id))] == ["report.create", "report.update", "report.submit"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"participants": "-5"}, "The number cannot be negative."),
    ({"participants": "10000000000"}, "At most 1 000 000 000."),
    ({"media_tv": "many"}, "Enter a whole number."),
    ({"media_print": "473", "media_tv": "", "media_total": "532"},
     "The channels add up to 473, 59 fewer than the total 532."),
    ({"links": "javascript:alert(1)"}, "Only web addresses starting with http"),
    ({"held_from": "2021-06-02"}, "The date cannot be in the future"),
    ({"outcome": "not_held"}, "Give the reason why the event was not held."),
    ({"charity_amount": "-100"}, "The amount cannot be negative."),
    ({"outputs-0-quantity": ""}, "Give the number for"),
])
def test_bad_input_is_refused_on_its_field_and_nothing_is_stored(client, auth, world, changes,
                                                                  message):
    auth.login("other_coordinator")
    response = post(client, world, **changes)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert the_report(world) is None


def test_no_button_pressed_is_a_form_error(client, auth, world):
    auth.login("other_coordinator")
    assert post(client, world, save_draft=None).status_code == 422


def test_another_agencys_event_cannot_be_reported(client, auth, world):
    auth.login("coordinator")  # Pavlodar does not execute the summit
    assert client.get(f"/events/{world.events['summit'].id}/report").status_code == 403
    assert post(client, world).status_code == 403
    assert the_report(world, agency="AKIMAT_PAVLODAR") is None


def test_a_stale_version_answers_409_and_keeps_the_newer_data(client, auth, world):
    auth.login("other_coordinator")
    post(client, world)
    report = the_report(world)
    old = report.version
    assert post(client, world, version=str(old), participants="1300").status_code == 302
    response = post(client, world, version=str(old), participants="9999")
    assert response.status_code == 409
    assert "Someone else saved this report" in response.get_data(as_text=True)
    assert the_report(world).participants == 1300


def test_a_form_opened_before_the_report_existed_is_stale_once_it_does(client, auth, world):
    auth.login("other_coordinator")
    post(client, world)
    assert post(client, world, version="").status_code == 409


@pytest.mark.parametrize("status", ["submitted", "accepted"])
def test_a_report_after_submission_or_acceptance_is_not_editable(client, auth, world, status):
    auth.login("other_coordinator")
    post(client, world)
    report = the_report(world)
    report.status = status
    db.session.commit()
    response = post(client, world, version=str(report.version), participants="1")
    assert response.status_code == 409
    text = response.get_data(as_text=True)
    assert ("was accepted and can no longer be changed" if status == "accepted"
            else "cannot be changed until it is returned") in text
    assert the_report(world).participants == 1200
    form = client.get(f"/events/{world.events['summit'].id}/report")
    assert form.status_code == 302 and f"/completion/{report.id}" in form.headers["Location"]


def test_a_returned_report_shows_the_review_comment_and_is_editable(client, auth, world):
    auth.login("other_coordinator")
    post(client, world)
    report = the_report(world)
    report.status, report.review_comment = "returned", "Add the media links"
    db.session.commit()
    assert "Add the media links" in client.get(f"/completion/{report.id}").get_data(as_text=True)
    form = client.get(f"/events/{world.events['summit'].id}/report")
    assert form.status_code == 200 and "Add the media links" in form.get_data(as_text=True)
    response = post(client, world, version=str(report.version), save_draft=None,
                    submit_report="Submit for review")
    assert response.status_code == 302 and the_report(world).status == "submitted"


@pytest.mark.parametrize(("role", "draft", "accepted"), [
    ("other_coordinator", 200, 200),  # its own agency
    ("hq", 200, 200),
    ("admin", 200, 200),
    ("viewer", 404, 200),  # viewers read accepted reports only
    ("coordinator", 404, 200),  # not an executing agency
])
def test_who_sees_a_report_page(client, auth, world, role, draft, accepted):
    report = CompletionReport(event=world.events["summit"], agency=world.agencies["MCS"],
                              status="draft", links=[])
    db.session.add(report)
    db.session.commit()
    auth.login(role)
    expected_draft = 200 if role == "other_coordinator" else draft  # a fellow executor
    assert client.get(f"/completion/{report.id}").status_code == expected_draft
    report.status = "accepted"
    db.session.commit()
    assert client.get(f"/completion/{report.id}").status_code == accepted


def test_the_event_page_shows_totals_contributions_and_the_report_button(client, auth, world):
    summit = world.events["summit"]
    db.session.add_all([
        CompletionReport(event=summit, agency=world.agencies["MCS"], status="accepted",
                         participants=900, media_tv=4, links=[]),
        CompletionReport(event=summit, agency=world.agencies["AKIMAT_AKMOLA"],
                         status="draft", participants=77, links=[]),
    ])
    db.session.commit()
    auth.login("other_coordinator")
    page = client.get(f"/events/{summit.id}").get_data(as_text=True)
    assert 'id="completion"' in page
    assert 'data-total="participants">900<' in page  # only the accepted contribution
    assert "Continue report" in page
    assert "77" in page  # its own draft is shown in the table
    auth.logout()
    auth.login("viewer")
    page = client.get(f"/events/{summit.id}").get_data(as_text=True)
    assert 'data-total="participants">900<' in page
    assert "Not accepted yet" in page and ">77<" not in page
    assert 'id="report-button"' not in page
    auth.logout()
    page = client.get(f"/events/{summit.id}").get_data(as_text=True)
    assert 'id="completion"' not in page  # the public sees the plan, not the reports


def test_the_report_button_reads_report_before_any_draft(client, auth, world):
    auth.login("hq")
    page = client.get(f"/events/{world.events['forum'].id}").get_data(as_text=True)
    assert 'id="report-button"' in page and ">Report<" in page
