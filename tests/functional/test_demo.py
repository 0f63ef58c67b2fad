"""The reference data and the demo programme built from the source documents."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from eventplan.extensions import db
from eventplan.models import (
    Agency,
    Commemoration,
    Event,
    Plan,
    PlanRevision,
    Programme,
    Region,
    User,
)
from eventplan.services.demo import load_demo
from eventplan.services.demo.data import THEMES
from eventplan.services.reference import MINISTRIES, load_reference_data


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def agency(code: str) -> Agency:
    return db.session.scalar(select(Agency).where(Agency.code == code))


def programme() -> Programme:
    return db.session.scalar(select(Programme).where(Programme.slug == "independence-30"))


def plan_of(code: str, level: str = "regional") -> Plan:
    return db.session.scalar(
        select(Plan).where(Plan.agency_id == agency(code).id, Plan.level == level)
    )


def events_of(plan: Plan) -> list[Event]:
    return list(db.session.scalars(select(Event).where(Event.plan_id == plan.id)))


def find(fragment: str) -> Event:
    return db.session.scalar(select(Event).where(Event.title_kk.contains(fragment)))


def test_reference_data_is_idempotent_and_dated(app):
    load_reference_data()
    first = (count(Region), count(Agency))
    load_reference_data()
    assert (count(Region), count(Agency)) == first == (21, 13 + 2 + 21)

    on_2021 = [r.code for r in db.session.scalars(select(Region)) if r.valid_on(date(2021, 6, 1))]
    today = [r.code for r in db.session.scalars(select(Region)) if r.valid_on(date(2025, 1, 1))]
    assert len(on_2021) == 17 and "NUR_SULTAN" in on_2021 and "ABAI" not in on_2021
    assert len(today) == 20 and "ASTANA" in today and "NUR_SULTAN" not in today
    for code, *_rest in MINISTRIES:
        assert agency(code).kind == "ministry"
    assert agency("MISD").abbreviation == "МИОР"
    assert agency("HQ").kind == agency("APK").kind == "other"
    pavlodar = agency("AKIMAT_PAVLODAR")
    assert pavlodar.kind == "akimat" and pavlodar.region.code == "PAVLODAR"
    assert pavlodar.name_kk == "Павлодар облысының әкімдігі"
    assert pavlodar.name_ru == "Акимат Павлодарской области"
    assert pavlodar.name_en == "Akimat of Pavlodar Region"


def test_demo_programme_has_the_twelve_blocks_of_the_documents(app):
    load_demo()
    prog = programme()
    assert (prog.starts_on, prog.ends_on, prog.timezone) == (
        date(2021, 1, 1),
        date(2021, 12, 31),
        "Asia/Almaty",
    )
    assert prog.is_public and prog.report_deadline_days == 5
    blocks = [s for s in prog.sections if s.kind == "block"]
    general = [s for s in prog.sections if s.kind == "general"]
    assert [s.month for s in blocks] == list(range(1, 13))
    assert [s.name_kk for s in blocks] == [kk for _m, kk, _ru, _en in THEMES]
    assert blocks[1].name_kk == "Қазақстан - спорттық ұлт"
    assert [s.position for s in general] == [1, 2] and general[0].month is None
    assert general[1].name_ru == "Информационно-имиджевая работа"
    zhambyl = db.session.scalar(select(Commemoration).where(Commemoration.anniversary == 175))
    assert zhambyl.name_en == "Zhambyl Zhabayev" and zhambyl.observed_on() == date(2021, 2, 28)
    assert count(Commemoration) == 7


def test_republican_plan_is_approved_with_events_in_their_blocks(app):
    load_demo()
    plan = plan_of("HQ", "republican")
    # Revision 1 is the approval of 2 February, revision 2 the amendment citing 26 February.
    assert plan.status == "approved" and plan.in_force and plan.revision == 2
    assert "No. 101" in plan.approved_act and plan.approved_act_date == date(2021, 2, 2)
    events = events_of(plan)
    assert 90 <= len(events) <= 110
    assert sorted(int(e.number) for e in events) == list(range(1, len(events) + 1))
    for event in events:
        assert event.title_kk and event.title_ru
        assert event.lead_agency not in event.coexecutors
        assert event.starts_on <= event.ends_on
        if event.section.month is not None:
            assert event.starts_on.month == event.section.month, event.title_ru
    per_month = Counter(e.section.month for e in events if e.section.month)
    assert sorted(per_month) == list(range(1, 13)) and min(per_month.values()) >= 5
    assert any(
        e.term
        and e.starts_on == date(2021, 1, 1)
        and e.ends_on == date(2021, 12, 31)
        and e.section.kind == "general"
        for e in events
    )
    assert any(e.estimated_cost and e.funding_source for e in events)


def test_events_named_in_the_documents_are_on_their_dates(app):
    load_demo()
    smart = find("Ақылды ұрпақ")
    assert smart.starts_on == date(2021, 4, 23) and smart.format == "online"
    session = find("XXIX")
    assert session.starts_on == date(2021, 4, 28) and session.lead_agency.code == "APK"
    assert session.format == "online"
    assert find("Мемлекеттік рәміздер күні").starts_on == date(2021, 6, 4)
    assert find("Мен қазақша сөйлеймін").starts_on == date(2021, 6, 11)
    summit = find("Түркістан – түркі әлемінің бесігі")
    assert (summit.starts_on, summit.ends_on) == (date(2021, 6, 21), date(2021, 6, 23))
    assert find("Түркітілдес").lead_agency.code == "MFA"
    assert find("Назарбаев сыйлығын").starts_on.month == 8
    assert find("Желтоқсан оқиғаларының 35").starts_on.month == 12
    assert find("Ұлттық ғылым академиясының 75").lead_agency.code == "MES"
    assert find("медиа-жоспарды").section.name_en == "Information and image work"
    caravan = find("Көмек керуені")
    assert caravan.category == "charity" and caravan.lead_agency.code in {"MH", "MLSPP"}


def test_timed_event_at_ten_in_almaty_is_four_utc(app):
    load_demo()
    meeting = find("Ұлттық ғылым академиясының 75")
    assert meeting.starts_at == datetime(2021, 4, 12, 4, 0, tzinfo=UTC)
    assert meeting.starts_on == date(2021, 4, 12)
    assert meeting.ends_at > meeting.starts_at
    assert find("Ақылды ұрпақ").starts_at is None


def test_regional_plans_and_users(app):
    logins = load_demo()
    pavlodar = plan_of("AKIMAT_PAVLODAR")
    assert pavlodar.status == "approved" and len(events_of(pavlodar)) == 137
    assert plan_of("AKIMAT_AKMOLA").status == "approved"
    assert plan_of("AKIMAT_MANGYSTAU").status == "approved"
    karaganda = plan_of("AKIMAT_KARAGANDA")
    assert karaganda.status == "draft" and 0 < len(events_of(karaganda)) < 20
    for event in events_of(pavlodar):
        assert event.starts_on.month == event.section.month
        assert event.lead_agency.code == "AKIMAT_PAVLODAR"
    roles = {email: (role, password) for role, email, password in logins}
    assert set(roles) >= {"admin@eventplan.local", "hq@eventplan.local",
                          "viewer@eventplan.local", "pavlodar@eventplan.local",
                          "misd@eventplan.local"}  # fmt: skip
    for email, (role, password) in roles.items():
        user = db.session.scalar(select(User).where(User.email == email))
        assert user.role == role and user.check_password(password) and len(password) >= 8
    assert (
        db.session.scalar(select(User).where(User.email == "pavlodar@eventplan.local")).agency.code
        == "AKIMAT_PAVLODAR"
    )


def test_loading_twice_does_not_duplicate(app):
    first_logins = load_demo()
    counts = (count(Programme), count(Plan), count(Event), count(User), count(Agency))
    assert load_demo() == first_logins
    assert (count(Programme), count(Plan), count(Event), count(User), count(Agency)) == counts


def test_extra_events_are_spread_with_unique_numbers(app):
    load_demo()
    before = count(Event)
    load_demo(extra_events=2000)
    load_demo(extra_events=30)
    assert count(Event) == before + 2030
    prog = programme()
    plans = list(db.session.scalars(
        select(Plan).where(Plan.programme_id == prog.id, Plan.level == "regional")
    ))  # fmt: skip
    approved = [p for p in plans if p.status == "approved"]
    assert len(approved) == 16  # the 17 units of 2021, Karaganda's draft excluded
    assert all(p.agency.region.valid_on(date(2021, 6, 1)) for p in plans)
    numbers = db.session.execute(select(Event.plan_id, Event.number)).all()
    assert len(numbers) == len(set(numbers))
    generated = list(db.session.scalars(
        select(Event).where(Event.plan_id.in_([p.id for p in approved]))
    ))  # fmt: skip
    for event in generated:
        # A generated event is planned, or held with one version more once its report is in.
        assert (event.status, event.version) in {("planned", 1), ("held", 2)}
        assert event.starts_on.month == event.section.month == event.ends_on.month
        assert event.lead_agency_id == event.plan.agency_id
        assert event.lead_agency not in event.coexecutors
        assert event.created_at.tzinfo is not None
        if event.starts_at is not None:
            assert event.starts_at.tzinfo is not None and event.ends_at > event.starts_at
    assert {e.format for e in generated} == {"offline", "online", "hybrid"}
    assert len({e.category for e in generated}) == 8
    assert any(e.coexecutors for e in generated)


def test_demo_reports_cover_every_state_and_held_means_an_accepted_lead_report(app):
    from eventplan.models import CompletionReport

    load_demo()
    statuses = Counter(db.session.scalars(select(CompletionReport.status)))
    assert statuses["accepted"] > 300
    assert {"submitted", "returned", "draft"} <= set(statuses)
    held = set(db.session.scalars(select(Event.id).where(Event.status == "held")))
    accepted_lead = set(db.session.scalars(
        select(CompletionReport.event_id).join(Event).where(
            CompletionReport.status == "accepted",
            CompletionReport.agency_id == Event.lead_agency_id)))
    assert held == accepted_lead
    drafts_in_force = db.session.scalar(
        select(func.count()).select_from(CompletionReport).join(Event).join(Plan)
        .where(Plan.in_force.is_(False)))
    assert drafts_in_force == 0  # plans not in force report nothing
    unbalanced = [r for r in db.session.scalars(select(CompletionReport).where(
        CompletionReport.media_total.is_not(None))) if r.media_total != r.media_sum()]
    assert len(unbalanced) == 3


def test_demo_reports_are_not_duplicated_when_events_are_added(app):
    from eventplan.models import CompletionReport

    load_demo()
    before = count(CompletionReport)
    load_demo(extra_events=200)
    pairs = db.session.execute(select(CompletionReport.event_id, CompletionReport.agency_id)).all()
    assert len(pairs) == len(set(pairs)) > before


def test_plans_made_for_generated_events_have_their_approval_on_record(app):
    load_demo()
    before = set(db.session.scalars(select(Plan.id)))
    load_demo(extra_events=300)
    assert set(db.session.scalars(select(Plan.id))) - before  # akimats with no plan got one
    prog = programme()
    in_force = list(db.session.scalars(
        select(Plan).where(Plan.programme_id == prog.id, Plan.in_force.is_(True))))
    revisions = {r.plan_id: r for r in db.session.scalars(select(PlanRevision))}
    assert {p.id for p in in_force} <= set(revisions)  # none shows "not approved yet"
    for plan in (p for p in in_force if p.level == "regional"):
        record = revisions[plan.id]  # the plan's own act, and the events it approved
        assert (record.act, record.act_date) == (plan.approved_act, plan.approved_act_date)
        if plan.id not in before:  # made for the generated events: approved with them
            assert set(record.snapshot) == {str(e.id) for e in plan.events} != set()


def test_demo_with_generated_events_leaves_the_planner_statistics_current(app, runner):
    """`eventplan demo --events N` bulk-inserts rows: it runs ANALYZE, or the planner keeps
    the statistics of an empty table (98 ms instead of 1.3 ms for a block page at scale)."""
    from sqlalchemy import text

    result = runner.invoke(args=["demo", "--events", "40", "--today", "2026-12-04"])
    assert result.exit_code == 0, result.output
    if db.engine.dialect.name == "postgresql":
        analyzed = db.session.scalar(text(
            "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'event'"))
        assert analyzed is not None
    else:
        rows = db.session.scalar(text(
            "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'event'"))
        assert rows > 0
