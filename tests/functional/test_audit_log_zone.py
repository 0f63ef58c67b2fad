"""The admin audit log filters and shows days in the application's display zone, not UTC.

Kazakhstan's zone (Asia/Almaty) was UTC+6 until 1 March 2024 and is UTC+5 since: an entry
at 20:30 UTC on 1 March falls on 2 March in either year.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from eventplan.extensions import db
from eventplan.models import AuditEntry
from eventplan.services.audit import audit_query, day_start

ALMATY = ZoneInfo("Asia/Almaty")


def entry(world, at: datetime, action: str) -> AuditEntry:
    row = AuditEntry(user_id=world.users["hq"].id, action=action, object_type="plan",
                     object_id=world.plans["republican"].id, changes={}, at=at)
    db.session.add(row)
    db.session.commit()
    return row


def shown(client, since: str, until: str) -> str:
    return client.get(f"/admin/audit?since={since}&until={until}").get_data(as_text=True)


def test_day_start_follows_the_zone_history():
    assert day_start(date(2021, 3, 2), ALMATY) == datetime(2021, 3, 1, 18, 0, tzinfo=UTC)
    assert day_start(date(2025, 3, 2), ALMATY) == datetime(2025, 3, 1, 19, 0, tzinfo=UTC)


@pytest.mark.parametrize(("year", "local", "offset"), [(2021, "Mar 2, 2021, 02:30", "UTC+06:00"),
                                                        (2025, "Mar 2, 2025, 01:30", "UTC+05:00")])
def test_an_evening_utc_entry_is_listed_under_the_next_local_day(client, auth, world, year,
                                                                  local, offset):
    entry(world, datetime(year, 3, 1, 20, 30, tzinfo=UTC), "plan.evening")
    entry(world, datetime(year, 3, 1, 17, 0, tzinfo=UTC), "plan.afternoon")  # still 1 March
    auth.login("admin")
    body = shown(client, f"{year}-03-02", f"{year}-03-02")
    assert "plan.evening" in body and "plan.afternoon" not in body
    assert local in body and offset in body  # the time in the zone, with its offset
    assert "Asia/Almaty" in body  # the zone is named
    body = shown(client, f"{year}-03-01", f"{year}-03-01")
    assert "plan.afternoon" in body and "plan.evening" not in body


def test_the_service_takes_the_zone_and_defaults_to_utc(app, world):
    evening = entry(world, datetime(2021, 3, 1, 20, 30, tzinfo=UTC), "plan.evening")
    day = date(2021, 3, 2)
    local = db.session.scalars(audit_query(since=day, until=day, tz=ALMATY)).all()
    assert [e.id for e in local] == [evening.id]
    assert db.session.scalars(audit_query(since=day, until=day)).all() == []


def test_the_configured_display_zone_decides(app, client, auth, world):
    entry(world, datetime(2021, 3, 1, 20, 30, tzinfo=UTC), "plan.evening")
    app.config["BABEL_DEFAULT_TIMEZONE"] = "UTC"
    auth.login("admin")
    body = shown(client, "2021-03-01", "2021-03-01")
    assert "plan.evening" in body and "UTC+00:00" in body
    assert "plan.evening" not in shown(client, "2021-03-02", "2021-03-02")
