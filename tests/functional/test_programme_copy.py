"""Copying a programme: the 2021 programme becomes the 2026 one (issue 18)."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from eventplan.cli.programmes import copy_programme_command
from eventplan.extensions import db
from eventplan.models import (
    AuditEntry,
    Commemoration,
    CompletionReport,
    Event,
    Plan,
    PlanRevision,
    Programme,
    User,
)
from eventplan.services.demo import load_demo
from eventplan.services.errors import NotAllowed, ValidationError
from eventplan.services.programme_copy import Shift, copy_programme

NAMES = {"kk": "Тәуелсіздіктің 35 жылдығы", "ru": "35-летие Независимости",
         "en": "35th anniversary of Independence"}


def _programme(slug):
    return db.session.scalar(select(Programme).where(Programme.slug == slug))


def _counts():
    return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in
                 (Programme, Plan, Event, Commemoration, CompletionReport, AuditEntry))


def _hq():
    return db.session.scalar(select(User).where(User.email == "hq@eventplan.local"))


def test_shift_by_years_keeps_the_calendar_day_and_by_days_is_exact():
    years = Shift.between(date(2021, 1, 1), date(2026, 1, 1))
    assert years == Shift(years=5) and years(date(2021, 6, 21)) == date(2026, 6, 21)
    assert Shift(years=1)(date(2024, 2, 29)) == date(2025, 2, 28)
    days = Shift.between(date(2021, 1, 1), date(2026, 8, 1))
    assert days.days == (date(2026, 8, 1) - date(2021, 1, 1)).days
    assert days(date(2021, 1, 2)) == date(2026, 8, 2)


def test_copy_2021_to_2026_blocks_themes_dates_drafts_commemorations(app):
    load_demo()
    source, hq = _programme("independence-30"), _hq()
    reports_before = db.session.scalar(select(func.count()).select_from(CompletionReport))
    new = copy_programme(source, hq, slug="independence-35", names=NAMES,
                         starts_on=date(2026, 1, 1))
    db.session.commit()
    assert (new.starts_on, new.ends_on, new.timezone) == (date(2026, 1, 1), date(2026, 12, 31),
                                                          "Asia/Almaty")
    assert not new.is_public and new.name_kk == NAMES["kk"]
    blocks = [s for s in new.sections if s.is_block]
    assert [s.month for s in blocks] == list(range(1, 13))
    assert [s.name_kk for s in blocks] == [s.name_kk for s in source.sections if s.is_block]
    assert blocks[1].name_ru == "Казахстан – спортивная нация"
    assert [s.name_en for s in new.sections if not s.is_block] == [
        "Organisational and preparatory measures", "Information and image work"]

    republican = next(p for p in new.plans if p.level == "republican")
    assert (republican.status, republican.in_force, republican.revision) == ("draft", False, 0)
    assert republican.approved_act is None
    old_events = {e.number: e for e in next(p for p in source.plans
                                            if p.level == "republican").events}
    assert len(republican.events) == len(old_events) > 90
    for event in republican.events:
        old = old_events[event.number]
        assert event.starts_on == old.starts_on.replace(year=2026)
        assert event.ends_on == old.ends_on.replace(year=2026)
        assert event.status == "planned" and event.version == 1 and not event.reports
        assert event.section.programme_id == new.id
        assert event.section.name_kk == old.section.name_kk
        assert {a.code for a in event.coexecutors} <= {a.code for a in old.coexecutors} | {
            "AKIMAT_ASTANA"}
    summit = next(e for e in republican.events if "Түркістан – түркі" in (e.title_kk or ""))
    assert (summit.starts_on, summit.ends_on) == (date(2026, 6, 21), date(2026, 6, 23))
    meeting = next(e for e in republican.events if "Ұлттық ғылым академиясының 75"
                   in (e.title_kk or ""))
    # 10:00 in Almaty stays 10:00: UTC+6 in 2021 (04:00Z), UTC+5 in 2026 (05:00Z).
    assert meeting.starts_at == datetime(2026, 4, 12, 5, 0, tzinfo=UTC)
    assert all(e.region is None or e.region.code != "NUR_SULTAN" for e in republican.events)

    skeletons = [p for p in new.plans if p.level != "republican"]
    assert skeletons and all(p.status == "draft" and not p.events and not p.in_force
                             for p in skeletons)
    assert "AKIMAT_PAVLODAR" in {p.agency.code for p in skeletons}

    zhambyl = next(c for c in new.commemorations if c.name_en == "Zhambyl Zhabayev")
    assert zhambyl.anniversary == 180 and zhambyl.observed_on() == date(2026, 2, 28)
    assert len(new.commemorations) == len(source.commemorations)

    assert db.session.scalar(select(func.count()).select_from(CompletionReport)
                             ) == reports_before  # reports are not copied
    assert not db.session.scalar(select(func.count()).select_from(PlanRevision).join(Plan)
                                 .where(Plan.programme_id == new.id))
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "programme.copy"))
    assert entry.object_id == new.id and entry.user_id == hq.id
    assert entry.changes["source"] == [None, "independence-30"]
    assert entry.changes["shift"] == [None, "+5 years"]


def test_copying_twice_with_the_same_slug_is_refused_and_changes_nothing(app):
    load_demo()
    source = _programme("independence-30")
    copy_programme(source, _hq(), slug="independence-35", names=NAMES, starts_on=date(2026, 1, 1))
    db.session.commit()
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        copy_programme(source, _hq(), slug="independence-35", names=NAMES,
                       starts_on=date(2027, 1, 1))
    assert refused.value.field == "slug" and "independence-35" in refused.value.message
    db.session.rollback()
    assert _counts() == before


def test_only_the_chosen_parts_are_copied_and_bad_choices_are_refused(app):
    load_demo()
    source = _programme("independence-30")
    new = copy_programme(source, None, slug="dry-run", names={"ru": "Пробная"},
                         starts_on=date(2022, 3, 1), parts=["blocks", "commemorations"])
    assert len(new.sections) == 12 and not new.plans and len(new.commemorations) == 7
    # Shifted by days (1 January -> 1 March): the January theme now covers March.
    assert [s.month for s in new.sections][:3] == [3, 4, 5]
    for parts in (["plan", "blocks"], ["blocks", "nonsense"]):
        with pytest.raises(ValidationError):
            copy_programme(source, None, slug="other", names={"ru": "x"},
                           starts_on=date(2022, 1, 1), parts=parts)
    for slug in ("", "Bad Slug", "../x"):
        with pytest.raises(ValidationError):
            copy_programme(source, None, slug=slug, names={"ru": "x"}, starts_on=date(2022, 1, 1))
    coordinator = db.session.scalar(select(User).where(User.role == "coordinator"))
    with pytest.raises(NotAllowed):
        copy_programme(source, coordinator, slug="by-coordinator", names={"ru": "x"},
                       starts_on=date(2022, 1, 1))


def test_cli_copies_and_refuses_an_existing_slug(app, runner):
    load_demo()
    db.session.commit()
    args = ["independence-30", "independence-35", "--start", "2026-01-01"]
    result = runner.invoke(copy_programme_command, args)
    assert result.exit_code == 0, result.output
    assert "independence-35" in result.output and "2026-12-31" in result.output
    before = _counts()
    again = runner.invoke(copy_programme_command, args)
    assert again.exit_code != 0 and "already exists" in again.output
    assert _counts() == before
    bad = runner.invoke(copy_programme_command, ["independence-30", "x-y", "--start", "1.1.26"])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output
    missing = runner.invoke(copy_programme_command, ["nowhere", "x-y", "--start", "2026-01-01"])
    assert missing.exit_code != 0 and "nowhere" in missing.output
