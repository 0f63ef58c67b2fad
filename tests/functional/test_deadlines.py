"""The due/overdue rule: one query, in the programme's time zone, stopped by a lead report."""

from datetime import UTC, date, datetime

from eventplan.extensions import db
from eventplan.models import CompletionReport
from eventplan.services.deadlines import due_query, event_stage, programme_today


def stages(world, today, **kw):
    rows = db.session.execute(due_query(world.programme, today, **kw)).all()
    return {event.id: stage for event, stage in rows}


def test_today_is_the_programmes_local_date():
    class P:
        from zoneinfo import ZoneInfo
        tz = ZoneInfo("Asia/Almaty")
    # 20:00 UTC on 28 Feb 2021 is already 1 March in Almaty (UTC+6 then).
    assert programme_today(P, datetime(2021, 2, 28, 20, 0, tzinfo=UTC)) == date(2021, 3, 1)


def test_event_is_not_due_on_its_last_day_and_due_the_day_after(app, world):
    nauryz = world.events["nauryz"]  # 21-23 March, republican plan in force
    assert nauryz.id not in stages(world, date(2021, 3, 23))
    assert stages(world, date(2021, 3, 24))[nauryz.id] == "due"


def test_overdue_after_the_programme_deadline(app, world):
    nauryz = world.events["nauryz"]  # deadline 5 days: due through 28 March
    assert stages(world, date(2021, 3, 28))[nauryz.id] == "due"
    assert stages(world, date(2021, 3, 29))[nauryz.id] == "overdue"
    assert event_stage(nauryz, world.programme, date(2021, 3, 29)) == "overdue"
    assert nauryz.id in stages(world, date(2021, 3, 29), stage="overdue")
    assert nauryz.id not in stages(world, date(2021, 3, 29), stage="due")


def test_draft_plans_and_cancelled_events_owe_nothing(app, world):
    rows = stages(world, date(2021, 12, 1))
    assert world.events["pavlodar_draft"].id not in rows  # plan not in force
    world.events["forum"].status = "cancelled"
    db.session.commit()
    assert world.events["forum"].id not in stages(world, date(2021, 12, 1))


def test_a_submitted_lead_report_stops_the_clock_but_a_coexecutors_does_not(app, world):
    summit = world.events["summit"]  # lead MCS, co-executor Akmola akimat
    db.session.add(CompletionReport(event=summit, agency=world.agencies["AKIMAT_AKMOLA"],
                                    status="submitted", links=[]))
    db.session.commit()
    assert summit.id in stages(world, date(2021, 4, 2))
    lead = CompletionReport(event=summit, agency=world.agencies["MCS"], status="draft", links=[])
    db.session.add(lead)
    db.session.commit()
    assert summit.id in stages(world, date(2021, 4, 2))  # a draft does not count
    lead.status = "submitted"
    db.session.commit()
    assert summit.id not in stages(world, date(2021, 4, 2))
    assert event_stage(summit, world.programme, date(2021, 4, 2)) is None


def test_agency_filter_covers_lead_and_coexecutor(app, world):
    akmola = world.agencies["AKIMAT_AKMOLA"].id
    rows = stages(world, date(2021, 12, 1), agency_id=akmola)
    assert set(rows) == {world.events["summit"].id, world.events["akmola_fair"].id}
