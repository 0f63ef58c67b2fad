"""Headquarters decides from the report page too, and comes back to it."""

from tests.functional.test_completion_review import report


def test_hq_sees_accept_and_return_on_a_submitted_report_and_returns_to_it(client, auth, world):
    lead = report(world)
    auth.login("hq")
    page = client.get(f"/completion/{lead.id}").get_data(as_text=True)
    assert 'id="accept-report"' in page and 'id="return-report"' in page
    response = client.post(f"/completion/{lead.id}/accept?from=report",
                           data={"version": lead.version})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/completion/{lead.id}")
    assert world.events["summit"].status == "held"
    page = client.get(f"/completion/{lead.id}").get_data(as_text=True)
    assert 'id="accept-report"' not in page  # decided: no more buttons


def test_return_from_the_report_page_needs_a_comment(client, auth, world):
    lead = report(world)
    auth.login("hq")
    response = client.post(f"/completion/{lead.id}/return?from=report",
                           data={"version": lead.version, "comment": ""})
    assert response.status_code == 422
    response = client.post(f"/completion/{lead.id}/return?from=report",
                           data={"version": lead.version, "comment": "Add the photos"})
    assert response.headers["Location"].endswith(f"/completion/{lead.id}")
    assert lead.status == "returned" and lead.review_comment == "Add the photos"


def test_coordinators_and_viewers_get_no_decision_buttons(client, auth, world):
    lead = report(world, event="akmola_fair", agency="AKIMAT_AKMOLA")
    auth.login("other_coordinator")
    page = client.get(f"/completion/{lead.id}").get_data(as_text=True)
    assert 'id="accept-report"' not in page
