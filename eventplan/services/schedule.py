"""Time rules (DESIGN "Time"): local dates for days, UTC instants for timed events."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo


def local_to_utc(day: date, at: time, tz: ZoneInfo) -> datetime:
    """A wall-clock time in the programme's zone as a UTC instant (zoneinfo, no offset sums)."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def utc_to_local(instant: datetime, tz: ZoneInfo) -> datetime:
    return instant.astimezone(tz)


def schedule_values(
    tz: ZoneInfo,
    starts_on: date,
    ends_on: date | None,
    start_time: time | None = None,
    end_time: time | None = None,
) -> dict[str, object]:
    """Column values for a schedule given as local dates and optional local times."""
    ends_on = ends_on or starts_on
    values: dict[str, object] = {
        "starts_on": starts_on,
        "ends_on": ends_on,
        "starts_at": None,
        "ends_at": None,
    }
    if start_time is not None:
        values["starts_at"] = local_to_utc(starts_on, start_time, tz)
        if end_time is not None:
            values["ends_at"] = local_to_utc(ends_on, end_time, tz)
    return values
