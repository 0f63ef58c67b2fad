"""Completion reports, the reporting side: who may report, the consistency rules, drafts,
submission, the optimistic lock, the audit trail and the event's totals."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from eventplan.extensions import db
from eventplan.models import AuditEntry, CompletionReport, ReportOutput
from eventplan.models.completion import FIGURE
from eventplan.services.completion import filing
from eventplan.services.completion.filing import ReportData
from eventplan.services.errors import NotAllowed, StaleVersion, ValidationError

TODAY = date(2021, 6, 1)  # the programme's local "today" in these tests


def actions(report):
    return [e.action for e in db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.object_type == "completion_report",
                                    AuditEntry.object_id == report.id)
        .order_by(AuditEntry.id))]


def report_data(media: dict | None = None, **values) -> ReportData:
    """ReportData from keywords: figures by name (``participants="50"``), media by channel."""
    figures = {f"media_{channel}": count for channel, count in (media or {}).items()}
    for name in [n for n in values if n in FIGURE and FIGURE[n].typed]:
        figures[name] = values.pop(name)
    return ReportData(figures=figures, **values)


def held(**values) -> ReportData:
    """A valid report of the summit (planned 31 March 2021), changed by ``values``."""
    base = {"held_from": date(2021, 3, 31), "participants": "1200",
            "media": {"tv": "3", "print": "5"}}
    base.update(values)
    return report_data(**base)


def add_report(world, event="summit", agency="AKIMAT_AKMOLA", status="draft", **values):
    report = CompletionReport(event=world.events[event], agency=world.agencies[agency],
                              status=status, links=[], **values)
    db.session.add(report)
    db.session.commit()
    return report


@pytest.fixture
def akmola(world):
    return world.users["other_coordinator"]  # Akmola akimat: co-executes the summit


# Who may report --------------------------------------------------------------------------

def test_a_coexecutor_opens_its_own_contribution_once_and_it_is_audited(app, world, akmola):
    summit = world.events["summit"]
    report = filing.open_report(summit, akmola)
    assert (report.agency_id, report.status, report.is_lead) == (
        world.agencies["AKIMAT_AKMOLA"].id, "draft", False)
    assert filing.open_report(summit, akmola) is report
    assert actions(report) == ["report.create"]


@pytest.mark.parametrize(("user", "event"), [
    ("coordinator", "summit"),  # Pavlodar does not execute the summit
    ("coordinator", "pavlodar_draft"),  # its own event, but the plan is not in force
    ("hq", "summit"),  # headquarters may not report for other agencies
    ("admin", "summit"),
    ("viewer", "summit"),
])
def test_only_an_executing_agency_reports_for_events_in_force(app, world, user, event):
    with pytest.raises(NotAllowed):
        filing.open_report(world.events[event], world.users[user])
    assert db.session.scalar(db.select(db.func.count(CompletionReport.id))) == 0


def test_headquarters_reports_the_events_its_own_agency_leads(app, world):
    report = filing.open_report(world.events["forum"], world.users["hq"])
    assert report.is_lead


def test_a_cancelled_event_takes_no_report(app, world, akmola):
    world.events["summit"].status = "cancelled"
    with pytest.raises(NotAllowed):
        filing.open_report(world.events["summit"], akmola)


# Consistency rules -------------------------------------------------------------------------

def save(world, user, data, today=TODAY, event="summit"):
    report = filing.open_report(world.events[event], user)
    return filing.save_draft(report, user, data, report.version, today)


@pytest.mark.parametrize(("raw", "message"), [
    ("-5", "cannot be negative"),
    ("1000000001", "At most"),
    ("99999999999999999999999", "At most"),
    ("12abc", "whole number"),
    ("1.5", "whole number"),
    ("١٢", "whole number"),  # Arabic-Indic digits are not accepted as a count
])
def test_counts_must_be_whole_numbers_from_zero_to_a_billion(app, world, akmola, raw, message):
    with pytest.raises(ValidationError) as exc:
        save(world, akmola, held(participants=raw))
    assert exc.value.field == "participants"
    assert message in exc.value.message


def test_counts_accept_zero_a_billion_and_spaces_between_thousands(app, world, akmola):
    report = save(world, akmola, held(participants="1 000 000 000", beneficiaries="0"))
    assert (report.participants, report.beneficiaries) == (10**9, 0)


def test_every_media_channel_is_checked_by_name(app, world, akmola):
    with pytest.raises(ValidationError) as exc:
        save(world, akmola, held(media={"social": "-1"}))
    assert exc.value.field == "media_social"


def test_a_media_total_that_does_not_add_up_says_by_how_much(app, world, akmola):
    # Zhambyl's print articles: 6 + 95 + 372 = 473 reported as 532.
    with pytest.raises(ValidationError) as exc:
        save(world, akmola, held(media={"print": "473"}, media_total="532"))
    assert exc.value.field == "media_total"
    assert exc.value.message == ("The channels add up to 473, 59 fewer than the total 532.")
    with pytest.raises(ValidationError) as exc:
        save(world, akmola, held(media={"tv": "10", "radio": "5"}, media_total="12"))
    assert exc.value.message == "The channels add up to 15, 3 more than the total 12."


def test_a_media_total_equal_to_its_parts_is_kept(app, world, akmola):
    # West Kazakhstan: 238 TV + 532 print + 1,127 internet = 1,897.
    report = save(world, akmola, held(media={"tv": "238", "print": "532", "internet": "1127"},
                                      media_total="1897"))
    assert (report.media_total, report.media_sum()) == (1897, 1897)


def test_actual_dates_cannot_be_in_the_future_of_the_programmes_today(app, world, akmola):
    with pytest.raises(ValidationError) as exc:
        save(world, akmola, held(held_from=date(2021, 3, 31), held_to=date(2021, 4, 2)),
             today=date(2021, 4, 1))
    assert exc.value.field == "held_to"
    assert "future" in exc.value.message
    report = save(world, akmola, held(held_from=date(2021, 3, 31), held_to=date(2021, 4, 1)),
                  today=date(2021, 4, 1))
    assert report.held_to == date(2021, 4, 1)  # today itself is fine


def test_actual_dates_cannot_precede_the_programme_or_end_before_they_start(app, world, akmola):
    with pytest.raises(ValidationError) as exc:
        save(world, akmola, held(held_from=date(2020, 12, 31), date_reason="early"))
    assert exc.value.field == "held_from"
    with pytest.raises(ValidationError) as exc:
        save(world, akmola, held(held_from=date(2021, 3, 31), held_to=date(2021, 3, 30)))
    assert exc.value.field == "held_to"
    with pytest.raises(ValidationError) as exc:
        save(world, akmola, held(time_from=time(15, 0), time_to=time(10, 0)))
    assert exc.value.field == "time_to"


def test_dates_far_from_the_plan_need_a_reason(app, world, akmola):
    far = held(held_from=date(2021, 5, 5))  # planned 31 March: 35 days later
    with pytest.raises(ValidationError) as exc:
        save(world, akmola, far)
    assert exc.value.field == "date_reason"
    far.date_reason = "Moved because of quarantine rules"
    assert save(world, akmola, far).date_reason == "Moved because of quarantine rules"
    near = held(held_from=date(2021, 4, 30))  # 30 days: no reason needed
    assert save(world, akmola, near).held_from == date(2021, 4, 30)


@pytest.mark.parametrize("link", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>",
    "ftp://files.example.kz/report.pdf", "example.kz/page", "https://",
    "https://exa mple.kz", "http://[::1", "https://a.kz/\x00x", "http://:80/",
])
def test_links_must_be_web_addresses(app, world, akmola, link):
    with pytest.raises(ValidationError) as exc:
        save(world, akmola, held(links=f"https://ok.kz/1\n{link}"))
    assert exc.value.field == "links"


def test_links_are_kept_one_per_line_and_at_most_twenty(app, world, akmola):
    report = save(world, akmola, held(links="  https://a.kz/1 \n\nhttp://b.kz/2\n"))
    assert report.links == ["https://a.kz/1", "http://b.kz/2"]
    with pytest.raises(ValidationError) as exc:
        save(world, akmola, held(links="\n".join(f"https://a.kz/{i}" for i in range(21))))
    assert exc.value.field == "links"


def test_other_outputs_are_name_and_number_rows(app, world, akmola):
    report = save(world, akmola, held(outputs=[("Banners", "135"), ("", ""),
                                               ("Video clips", "186")]))
    assert [(o.name, o.quantity) for o in report.outputs] == [("Banners", 135),
                                                              ("Video clips", 186)]
    for rows in ([("Banners", "")], [("", "5")], [("Banners", "-1")]):
        with pytest.raises(ValidationError) as exc:
            save(world, akmola, held(outputs=rows))
        assert exc.value.field == "outputs"


def test_charity_is_a_non_negative_sum_in_tenge(app, world, akmola):
    report = save(world, akmola, held(charity_amount="67 119 800", beneficiaries="10272"))
    assert report.charity_amount == Decimal("67119800.00")
    for raw in ("-1", "abc", "1.005", "NaN", "Infinity", "1e20"):
        with pytest.raises(ValidationError) as exc:
            save(world, akmola, held(charity_amount=raw))
        assert exc.value.field == "charity_amount"


def test_an_event_not_held_needs_a_reason_and_no_dates(app, world, akmola):
    with pytest.raises(ValidationError) as exc:
        save(world, akmola, ReportData(outcome="not_held"))
    assert exc.value.field == "not_held_reason"
    report = save(world, akmola, ReportData(outcome="not_held",
                                            not_held_reason="The venue was closed"))
    filing.submit_report(report, akmola, report.version)
    assert (report.status, report.outcome) == ("submitted", "not_held")


# Drafts, submission, locking, audit ----------------------------------------------------------

def test_a_draft_saves_partial_data_but_submission_needs_the_dates(app, world, akmola):
    report = save(world, akmola, report_data(participants="50"))
    assert report.status == "draft"
    with pytest.raises(ValidationError) as exc:
        filing.submit_report(report, akmola, report.version)
    assert exc.value.field == "held_from"


def test_save_and_submit_are_audited_with_what_changed(app, world, akmola):
    report = save(world, akmola, held(outputs=[("Banners", "3")]))
    filing.submit_report(report, akmola, report.version)
    assert actions(report) == ["report.create", "report.update", "report.submit"]
    update = db.session.scalars(db.select(AuditEntry).where(
        AuditEntry.action == "report.update")).one()
    assert update.changes["participants"] == [None, 1200]
    assert update.changes["outputs"] == [[], ["Banners: 3"]]
    assert report.submitted_by_id == akmola.id and report.submitted_at is not None


def test_a_save_with_an_old_version_is_refused(app, world, akmola):
    report = save(world, akmola, held())
    with pytest.raises(StaleVersion):
        filing.save_draft(report, akmola, held(participants="5"), report.version - 1, TODAY)
    with pytest.raises(StaleVersion):
        filing.submit_report(report, akmola, None)


@pytest.mark.parametrize("status", ["submitted", "accepted"])
def test_submitted_and_accepted_reports_cannot_be_edited(app, world, akmola, status):
    report = add_report(world, status=status)
    with pytest.raises(NotAllowed) as exc:
        filing.save_draft(report, akmola, held(), report.version, TODAY)
    assert ("accepted" if status == "accepted" else "submitted") in exc.value.message
    with pytest.raises(NotAllowed):
        filing.submit_report(report, akmola, report.version)


def test_a_returned_report_is_corrected_and_submitted_again(app, world, akmola):
    report = add_report(world, status="returned", review_comment="Add the photos")
    filing.save_draft(report, akmola, held(), report.version, TODAY)
    filing.submit_report(report, akmola, report.version)
    assert report.status == "submitted"


def test_another_agency_cannot_change_a_report(app, world):
    report = add_report(world)  # Akmola's contribution to the summit
    mcs = world.users["hq"]  # an executing agency's user would still need the same agency
    with pytest.raises(NotAllowed):
        filing.save_draft(report, mcs, held(), report.version, TODAY)


# Totals ----------------------------------------------------------------------------------------

def test_event_totals_sum_accepted_contributions_per_agency_and_overall(app, world):
    akmola = add_report(world, status="accepted", participants=100, media_tv=2, media_print=3,
                        charity_amount=Decimal("1000.50"), beneficiaries=4)
    lead = add_report(world, agency="MCS", status="accepted", participants=900, media_social=10)
    add_report(world, event="summit", agency="AKIMAT_PAVLODAR", status="submitted",
               participants=5000)  # not accepted: not counted
    db.session.add_all([ReportOutput(report=r, name="Banners", quantity=q, position=0)
                        for r, q in ((akmola, 5), (lead, 7))])
    db.session.commit()
    totals = filing.event_totals(world.events["summit"])
    assert totals.overall["reports"] == 2
    assert totals.overall["participants"] == 1000
    assert totals.overall["media"] == 15
    assert totals.overall["charity_amount"] == Decimal("1000.50")
    assert totals.per_agency[world.agencies["AKIMAT_AKMOLA"].id]["media"] == 5
    assert totals.per_agency[world.agencies["MCS"].id]["participants"] == 900
    assert world.agencies["AKIMAT_PAVLODAR"].id not in totals.per_agency
    assert totals.outputs == [("Banners", 12)]


def test_event_totals_of_an_event_without_accepted_reports_are_empty(app, world):
    totals = filing.event_totals(world.events["nauryz"])
    assert totals.overall["reports"] == 0 and totals.per_agency == {} and totals.outputs == []
