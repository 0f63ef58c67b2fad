"""Headquarters accepts or returns submitted reports; the lead's accepted report marks held."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import func, select

from eventplan.extensions import db
from eventplan.models import AuditEntry, CompletionReport, FeedGeneration
from eventplan.services.completion import review
from eventplan.services.errors import NotAllowed, StaleVersion, ValidationError

T0 = datetime(2021, 4, 2, 5, 0, tzinfo=UTC)


def report(world, event="summit", agency="MCS", status="submitted", outcome="held",
           minutes=0, **extra):
    row = CompletionReport(event=world.events[event], agency=world.agencies[agency],
                           status=status, outcome=outcome, links=[],
                           submitted_at=T0 + timedelta(minutes=minutes), **extra)
    db.session.add(row)
    db.session.commit()
    return row


def audit(action):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def generation():
    return db.session.scalar(select(FeedGeneration.value).where(FeedGeneration.id == 1)) or 0


# --- service ---------------------------------------------------------------------------


def test_accepting_the_lead_report_marks_the_event_held(app, world):
    summit = world.events["summit"]
    lead = report(world)
    event_version, feeds = summit.version, generation()
    assert review.accept(lead, world.users["hq"], lead.version, "Well done") is True
    db.session.commit()
    assert lead.status == "accepted" and lead.reviewed_by_id == world.users["hq"].id
    assert lead.reviewed_at is not None and lead.review_comment == "Well done"
    assert summit.status == "held" and summit.version == event_version + 1
    assert generation() > feeds  # calendar feeds see the change
    [entry] = audit("report.accept")
    assert entry.object_id == lead.id and entry.note == "Well done"
    assert entry.changes["status"] == ["submitted", "accepted"]
    [held] = audit("event.held")
    assert held.object_id == summit.id and held.changes["status"] == ["planned", "held"]


def test_accepting_a_coexecutors_report_does_not_mark_the_event_held(app, world):
    contribution = report(world, agency="AKIMAT_AKMOLA")
    assert review.accept(contribution, world.users["hq"], contribution.version) is False
    db.session.commit()
    assert contribution.status == "accepted"
    assert world.events["summit"].status == "planned"
    assert not audit("event.held")


def test_a_not_held_report_is_recorded_but_does_not_mark_the_event_held(app, world):
    lead = report(world, outcome="not_held", not_held_reason="Weather")
    assert review.accept(lead, world.users["hq"], lead.version) is False
    db.session.commit()
    assert lead.status == "accepted"
    assert world.events["summit"].status == "planned"


def test_only_headquarters_decides(app, world):
    lead = report(world)
    for role in ("coordinator", "other_coordinator", "viewer"):
        with pytest.raises(NotAllowed):
            review.accept(lead, world.users[role], lead.version)
        with pytest.raises(NotAllowed):
            review.return_report(lead, world.users[role], "x", lead.version)
        with pytest.raises(NotAllowed):
            review.bulk_accept([lead.id], world.users[role])
    review.accept(lead, world.users["admin"], lead.version)
    assert lead.status == "accepted"


def test_stale_version_and_wrong_status_are_refused(app, world):
    lead = report(world)
    with pytest.raises(StaleVersion):
        review.accept(lead, world.users["hq"], lead.version - 1)
    draft = report(world, agency="AKIMAT_AKMOLA", status="draft")
    with pytest.raises(StaleVersion):
        review.accept(draft, world.users["hq"], draft.version)
    assert lead.status == "submitted" and not audit("report.accept")


def test_return_needs_a_comment_and_sets_the_review_fields(app, world):
    lead = report(world)
    with pytest.raises(ValidationError) as exc:
        review.return_report(lead, world.users["hq"], "   ", lead.version)
    assert exc.value.field == "comment"
    review.return_report(lead, world.users["hq"], "Add the photos", lead.version)
    db.session.commit()
    assert lead.status == "returned" and lead.review_comment == "Add the photos"
    assert lead.reviewed_by_id == world.users["hq"].id
    [entry] = audit("report.return")
    assert entry.note == "Add the photos"
    assert world.events["summit"].status == "planned"


# --- HTTP ----------------------------------------------------------------------------


def test_queue_lists_submitted_reports_oldest_first_with_key_numbers(client, auth, world):
    report(world, event="nauryz", minutes=30, participants=1500, media_tv=2, media_print=3,
           media_total=7)
    report(world, minutes=10, participants=200, outcome="not_held", not_held_reason="Storm")
    report(world, event="forum", agency="HQ", status="accepted")
    auth.login("hq")
    response = client.get("/completion/review")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.index("Turkic summit") < body.index("Nauryz celebrations")
    assert "Young scientists forum" not in body
    assert "1 500" in body and "total 7 ≠ 5" in body
    assert body.count("media-mismatch") == 1
    summit = world.events["summit"].id
    assert f"/events/{summit}/postpone" in body and f"/events/{summit}/cancel" in body
    assert "Storm" in body
    assert 'id="queue-total">2<' in body


def test_queue_filters_by_agency_region_and_block(client, auth, world):
    report(world, event="akmola_fair", agency="AKIMAT_AKMOLA")
    report(world, event="forum", agency="HQ")
    fair = world.events["akmola_fair"]
    fair.region_id = world.regions["AKMOLA"].id
    db.session.commit()
    auth.login("hq")

    def titles(query):
        body = client.get(f"/completion/review?{query}").get_data(as_text=True)
        return {t for t in ("Akmola fair", "Young scientists forum") if t in body}

    assert titles("") == {"Akmola fair", "Young scientists forum"}
    assert titles(f"agency={world.agencies['HQ'].id}") == {"Young scientists forum"}
    assert titles(f"region={world.regions['AKMOLA'].id}") == {"Akmola fair"}
    assert titles(f"block={world.sections[4].id}") == {"Young scientists forum"}
    assert titles("agency=x&region=&block=-1") == {"Akmola fair", "Young scientists forum"}


def test_viewer_and_coordinators_cannot_see_the_queue_or_decide(client, auth, world):
    lead = report(world)
    for role in ("viewer", "coordinator", "other_coordinator"):
        auth.login(role)
        assert client.get("/completion/review").status_code == 403
        assert client.post(f"/completion/{lead.id}/accept",
                           data={"version": lead.version}).status_code == 403
        assert client.post(f"/completion/{lead.id}/return",
                           data={"version": lead.version, "comment": "x"}).status_code == 403
        assert client.post("/completion/bulk-accept",
                           data={"report": f"{lead.id}:{lead.version}"}).status_code == 403
        auth.logout()
    db.session.refresh(lead)
    assert lead.status == "submitted" and not audit("report.accept")


def test_accept_through_the_queue_marks_held(client, auth, world):
    lead = report(world)
    auth.login("hq")
    response = client.post(f"/completion/{lead.id}/accept", data={"version": lead.version})
    assert response.status_code == 302
    db.session.refresh(lead)
    assert lead.status == "accepted"
    assert db.session.get(type(world.events["summit"]), world.events["summit"].id).status \
        == "held"


def test_accepting_a_not_held_report_leads_to_the_event_with_postpone_and_cancel(
        client, auth, world):
    lead = report(world, outcome="not_held", not_held_reason="Storm")
    auth.login("hq")
    response = client.post(f"/completion/{lead.id}/accept", data={"version": lead.version},
                           follow_redirects=True)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    summit = world.events["summit"].id
    assert f"/events/{summit}/postpone" in body and "was not held" in body
    db.session.refresh(world.events["summit"])
    assert world.events["summit"].status == "planned"


def test_stale_accept_answers_409_and_changes_nothing(client, auth, world):
    lead = report(world)
    auth.login("hq")
    response = client.post(f"/completion/{lead.id}/accept",
                           data={"version": lead.version + 5})
    assert response.status_code == 409
    response = client.post(f"/completion/{lead.id}/return",
                           data={"version": "abc", "comment": "Fix"})
    assert response.status_code == 409
    db.session.refresh(lead)
    assert lead.status == "submitted" and lead.reviewed_at is None
    assert not audit("report.accept") and not audit("report.return")


def test_return_without_comment_is_refused_with_422(client, auth, world):
    lead = report(world)
    auth.login("hq")
    response = client.post(f"/completion/{lead.id}/return",
                           data={"version": lead.version, "comment": "  "})
    assert response.status_code == 422
    assert "What must be corrected" in response.get_data(as_text=True)
    db.session.refresh(lead)
    assert lead.status == "submitted" and not audit("report.return")
    response = client.post(f"/completion/{lead.id}/return",
                           data={"version": lead.version, "comment": "Add the photos"})
    assert response.status_code == 302
    db.session.refresh(lead)
    assert lead.status == "returned" and lead.review_comment == "Add the photos"


def test_unknown_report_is_404(client, auth, world):
    auth.login("hq")
    assert client.post("/completion/999999/accept", data={"version": 1}).status_code == 404


def test_bulk_accept_skips_and_names_accepted_stale_and_missing(client, auth, world):
    lead = report(world)  # summit, lead: marks held
    fair = report(world, event="akmola_fair", agency="AKIMAT_AKMOLA")  # stale below
    done = report(world, event="nauryz", status="accepted")
    contribution = report(world, agency="AKIMAT_AKMOLA")
    not_held = report(world, event="forum", agency="HQ", outcome="not_held")
    stale_version = fair.version
    fair.summary = "edited meanwhile"
    db.session.commit()
    auth.login("hq")
    picked = [f"{lead.id}:{lead.version}", f"{fair.id}:{stale_version}",
              f"{done.id}:{done.version}", f"{contribution.id}:{contribution.version}",
              f"{not_held.id}:{not_held.version}", "999999:1", "junk", "12:x"]
    response = client.post("/completion/bulk-accept", data={"report": picked})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Accepted: 3. Events marked held: 1." in body
    assert 'id="skipped-count">4<' in body  # fair (changed), done, 999999 and 12 (missing)
    assert "changed since the queue was shown" in body and "not waiting for review" in body
    assert f"/events/{world.events['forum'].id}/cancel" in body
    for row in (lead, fair, done, contribution, not_held):
        db.session.refresh(row)
    assert [lead.status, fair.status, contribution.status, not_held.status] == [
        "accepted", "submitted", "accepted", "accepted"]
    statuses = {k: db.session.get(type(e), e.id).status for k, e in world.events.items()}
    assert statuses["summit"] == "held" and statuses["akmola_fair"] == "planned"
    assert statuses["forum"] == "planned"
    assert len(audit("report.accept")) == 3 and len(audit("event.held")) == 1


def test_bulk_accept_with_nothing_selected_changes_nothing(client, auth, world):
    report(world)
    auth.login("hq")
    assert client.post("/completion/bulk-accept", data={}).status_code == 302
    assert not audit("report.accept")


def test_bulk_accept_of_many_reports_loads_them_in_chunks(app, world, monkeypatch):
    monkeypatch.setattr(review, "CHUNK", 2)
    rows = [report(world, event=e, agency=a) for e, a in (
        ("summit", "MCS"), ("summit", "AKIMAT_AKMOLA"), ("nauryz", "MCS"),
        ("akmola_fair", "AKIMAT_AKMOLA"), ("forum", "HQ"))]
    result = review.bulk_accept({r.id: r.version for r in rows}, world.users["hq"])
    db.session.commit()
    assert len(result.accepted) == 5 and not result.skipped and len(result.held) == 4
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "report.accept")) == 5


def test_queue_query_count_does_not_grow_with_reports(client, auth, world):
    report(world)
    auth.login("hq")
    seen = []

    def counter(*_args):
        seen.append(1)

    def count():
        seen.clear()
        sa_event.listen(db.engine, "before_cursor_execute", counter)
        try:
            assert client.get("/completion/review").status_code == 200
        finally:
            sa_event.remove(db.engine, "before_cursor_execute", counter)
        return len(seen)

    few = count()
    for key, agency in (("nauryz", "MCS"), ("akmola_fair", "AKIMAT_AKMOLA"), ("forum", "HQ"),
                        ("summit", "AKIMAT_AKMOLA")):
        report(world, event=key, agency=agency, media_tv=1, media_total=3)
    assert count() == few
