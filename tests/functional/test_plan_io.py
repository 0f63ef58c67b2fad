"""Plans in and out of spreadsheets: round trip, tables as people write them, refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from eventplan.extensions import db
from eventplan.models import Agency, AuditEntry, Event, Plan, Programme, User
from eventplan.services import plan_io, plans
from eventplan.services.demo import load_demo
from tests.functional.plan_io_helpers import KK_HEADER, sheet_values, xlsx


def count_events(plan: Plan) -> int:
    return db.session.scalar(select(func.count(Event.id)).where(Event.plan_id == plan.id))


@pytest.fixture
def demo(app):
    load_demo()
    db.session.commit()
    programme = db.session.scalar(select(Programme).where(Programme.slug == "independence-30"))
    hq_agency = db.session.scalar(select(Agency).where(Agency.code == "HQ"))
    republican = db.session.scalar(select(Plan).where(Plan.agency_id == hq_agency.id))
    admin = db.session.scalar(select(User).where(User.role == "admin"))
    return programme, republican, admin


def test_round_trip_of_the_demo_republican_plan_gives_the_same_values(demo):
    programme, republican, admin = demo
    first = plan_io.export_plan(republican, "ru")
    misd = db.session.scalar(select(Agency).where(Agency.code == "MISD"))
    draft = plans.create_plan(programme, misd, admin)
    preview = plan_io.preview_import(draft, admin, first, "plan.xlsx")
    assert preview.errors == []
    assert preview.count("create") == count_events(republican) and preview.count("change") == 0
    plan_io.commit_import(draft, admin, first, "plan.xlsx")
    db.session.commit()
    second = plan_io.export_plan(draft, "ru")
    before, after = sheet_values(first), sheet_values(second)
    assert before[1:] == after[1:]  # the title line names the plan's agency
    assert len(before) > count_events(republican)

    again = plan_io.preview_import(draft, admin, second, "plan.xlsx")
    assert again.errors == [] and {a.kind for a in again.actions} == {"unchanged"}
