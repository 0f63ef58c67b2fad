"""The programme's time zone decides the day of a reminder and the hour of a digest.

On 1 March 2024 Kazakhstan moved from UTC+6 to UTC+5: at 00:00 (+6) the clocks went back
to 23:00 on 29 February, so 1 March began at 19:00 UTC instead of 18:00.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import Notification
from eventplan.services.outbox import build_digests
from eventplan.services.reminders import sweep
from tests.factories import make_event


def _event(world, number: str, day: date):
    event = make_event(world.plans["akmola"], world.sections[3], number, f"Event {number}", day,
                       world.agencies["AKIMAT_AKMOLA"])
    db.session.commit()
    return event


def _occasions(event) -> list[date]:
    return list(db.session.scalars(select(Notification.occasion).where(
        Notification.kind == "upcoming", Notification.object_id == event.id)
        .order_by(Notification.occasion)))


def test_the_one_day_reminder_starts_at_local_midnight_across_the_change_of_zone(app, world):
    first_of_march = _event(world, "7", date(2024, 3, 1))
    second_of_march = _event(world, "8", date(2024, 3, 2))

    sweep(datetime(2024, 2, 28, 17, 59, tzinfo=UTC))  # 23:59 on 28 February (+6)
    assert _occasions(first_of_march) == [date(2024, 2, 23)]  # the 7-day step, caught up
    sweep(datetime(2024, 2, 28, 18, 0, tzinfo=UTC))  # 00:00 on 29 February (+6)
    assert _occasions(first_of_march) == [date(2024, 2, 23), date(2024, 2, 29)]

    sweep(datetime(2024, 2, 29, 18, 30, tzinfo=UTC))  # 23:30 on 29 February (+5 by now)
    assert _occasions(second_of_march) == [date(2024, 2, 24)]
    sweep(datetime(2024, 2, 29, 19, 0, tzinfo=UTC))  # 00:00 on 1 March (+5)
    assert _occasions(second_of_march) == [date(2024, 2, 24), date(2024, 3, 1)]


def test_the_digest_goes_at_nine_local_time_before_and_after_the_change(app, world):
    _event(world, "7", date(2024, 3, 1))
    sweep(datetime(2024, 2, 28, 18, 0, tzinfo=UTC))
    assert build_digests(datetime(2024, 2, 29, 2, 59, tzinfo=UTC)) == 0  # 08:59 (+6)
    assert build_digests(datetime(2024, 2, 29, 3, 0, tzinfo=UTC)) == 1  # 09:00 (+6)

    _event(world, "8", date(2024, 3, 2))
    sweep(datetime(2024, 2, 29, 19, 0, tzinfo=UTC))
    assert build_digests(datetime(2024, 3, 1, 3, 30, tzinfo=UTC)) == 0  # 08:30 (+5)
    assert build_digests(datetime(2024, 3, 1, 4, 0, tzinfo=UTC)) == 1  # 09:00 (+5)
    digests = list(db.session.scalars(select(Notification.occasion).where(
        Notification.kind == "digest").order_by(Notification.id)))
    assert digests == [date(2024, 2, 29), date(2024, 3, 1)]


def test_a_plan_waiting_for_review_is_escalated_after_three_days(app, world):
    from eventplan.services import plans

    plan = world.plans["pavlodar"]
    plans.submit(plan, world.users["coordinator"])
    plan.submitted_at = datetime(2021, 3, 1, 6, 0, tzinfo=UTC)
    db.session.commit()
    assert sweep(datetime(2021, 3, 4, 5, 59, tzinfo=UTC))["escalation"] == 0
    assert sweep(datetime(2021, 3, 4, 6, 0, tzinfo=UTC))["escalation"] == 1
    assert sweep(datetime(2021, 3, 9, tzinfo=UTC))["escalation"] == 0  # once per submission
