"""iCalendar text from events: escaping, time zones, all-day ends, cancelled titles."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from eventplan.models import Agency, Commemoration, Event, Region, Section
from eventplan.services import ical
from eventplan.services.schedule import schedule_values

BASE = "https://plan.example.kz"
ALMATY = ZoneInfo("Asia/Almaty")


def make(title="Concert", **extra) -> Event:
    day = extra.pop("day", date(2021, 3, 21))
    schedule = schedule_values(ALMATY, day, extra.pop("ends_on", None), extra.pop("at", None),
                               extra.pop("until", None))
    stamp = datetime(2021, 2, 1, 9, 30, tzinfo=UTC)
    event = Event(id=extra.pop("id", 7), number="1", title_ru=title, title_en=extra.pop(
        "title_en", None), category="cultural", status=extra.pop("status", "planned"),
        version=extra.pop("version", 3), created_at=stamp, updated_at=stamp,
        section=Section(name_en="National traditions", name_ru="Национальные традиции"),
        lead_agency=Agency(code="MCS", name_en="Ministry of Culture"),
        region=Region(code="ALMATY", name_en="Almaty"), place="Palace of Republic",
        completion_form="information to the ministry", **schedule, **extra)
    event.coexecutors = [Agency(code="A", name_en="Akimat of Almaty")]
    return event


@pytest.fixture
def ctx(app):
    with app.test_request_context("/"):
        yield


def parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def test_a_title_with_a_line_break_and_begin_vevent_stays_one_summary(ctx):
    event = make("Concert\r\nBEGIN:VEVENT\nUID:evil\rEND:VCALENDAR")
    text = ical.single_event(event, "ru", BASE)
    cal = parse(text)
    vevents = cal.walk("VEVENT")
    assert len(vevents) == 1
    assert str(vevents[0]["SUMMARY"]) == "Concert\nBEGIN:VEVENT\nUID:evil\nEND:VCALENDAR"
    assert [line for line in text.split("\r\n") if line.startswith("BEGIN:")] == [
        "BEGIN:VCALENDAR", "BEGIN:VEVENT"]
    parsed = vobject.readOne(text)
    assert len(parsed.vevent_list) == 1


@pytest.mark.parametrize(("day", "expected"), [
    (date(2021, 3, 31), "20210331T040000Z"),  # UTC+6 in 2021
    (date(2026, 12, 16), "20261216T050000Z"),  # UTC+5 since 1 March 2024
])
def test_ten_oclock_in_almaty_is_written_in_utc_for_its_year(ctx, day, expected):
    text = ical.event_fragment(make(day=day, at=time(10, 0), until=time(12, 0)), "en", BASE)
    assert f"DTSTART:{expected}" in text.split("\r\n")


def test_an_all_day_event_of_three_days_ends_on_the_fourth_day(ctx):
    text = ical.event_fragment(make(day=date(2021, 3, 21), ends_on=date(2021, 3, 23)), "en",
                               BASE)
    vevent = parse(ical.calendar_frame("x")[0] + text + "END:VCALENDAR\r\n").walk("VEVENT")[0]
    assert "DTSTART;VALUE=DATE:20210321" in text
    assert vevent.decoded("DTEND") == date(2021, 3, 24)


def test_uid_sequence_stamp_and_description_come_from_the_event(ctx):
    text = ical.event_fragment(make(id=42, version=5), "en", BASE)
    vevent = parse("BEGIN:VCALENDAR\r\n" + text + "END:VCALENDAR\r\n").walk("VEVENT")[0]
    assert str(vevent["UID"]) == "event-42@plan.example.kz"
    assert vevent["SEQUENCE"] == 5
    assert vevent.decoded("DTSTAMP") == datetime(2021, 2, 1, 9, 30, tzinfo=UTC)
    assert vevent.decoded("LAST-MODIFIED") == datetime(2021, 2, 1, 9, 30, tzinfo=UTC)
    description = str(vevent["DESCRIPTION"])
    for part in ("National traditions", "Ministry of Culture", "Akimat of Almaty",
                 "information to the ministry", f"{BASE}/events/42"):
        assert part in description
    assert str(vevent["LOCATION"]) == "Palace of Republic, Almaty"
    assert str(vevent["URL"]) == f"{BASE}/events/42"


def test_the_same_event_version_gives_the_same_bytes(ctx):
    assert ical.event_fragment(make(), "ru", BASE) == ical.event_fragment(make(), "ru", BASE)


def test_summary_is_in_the_feed_language_with_a_fallback(ctx):
    event = make("Концерт", title_en="Concert")
    assert "SUMMARY:Concert" in ical.event_fragment(event, "en", BASE)
    assert "SUMMARY:Концерт" in ical.event_fragment(event, "ru", BASE)
    assert "SUMMARY:Концерт" in ical.event_fragment(event, "kk", BASE)  # no Kazakh title


def test_a_cancelled_event_keeps_its_uid_with_status_cancelled_and_a_marked_title(ctx):
    text = ical.event_fragment(make("Concert", status="cancelled"), "en", BASE)
    assert "STATUS:CANCELLED" in text
    assert "SUMMARY:Cancelled: Concert" in text


def test_a_commemoration_is_an_all_day_event_on_the_anniversary(ctx):
    item = Commemoration(id=3, name_en="Zhambyl Zhabayev", anniversary=175, origin_year=1846,
                         origin_date=date(1846, 2, 28), note="folk poet")
    text = ical.commemoration_fragment(item, "en", BASE, datetime(2021, 1, 1, tzinfo=UTC))
    assert "SUMMARY:Zhambyl Zhabayev — 175 years" in text
    assert "DTSTART;VALUE=DATE:20210228" in text and "DTEND;VALUE=DATE:20210301" in text
    unknown = Commemoration(id=4, name_en="Someone", anniversary=100, origin_year=1921)
    assert ical.commemoration_fragment(unknown, "en", BASE, datetime.now(UTC)) is None


def test_the_frame_names_the_calendar_and_asks_for_hourly_refresh(ctx):
    header, footer = ical.calendar_frame("Plan; March, mine")
    cal = parse(header + footer)
    for name in ("PRODID", "VERSION", "CALSCALE", "METHOD", "NAME", "X-WR-CALNAME",
                 "REFRESH-INTERVAL", "X-PUBLISHED-TTL"):
        assert name in cal
    parsed = vobject.readOne(header + footer)  # icalendar leaves X- values escaped
    assert parsed.x_wr_calname.value == "Plan; March, mine"
    assert parsed.contents["name"][0].value == "Plan; March, mine"
    assert cal.decoded("REFRESH-INTERVAL") == timedelta(hours=1)
    assert str(cal["METHOD"]) == "PUBLISH"


def test_an_alarm_goes_into_every_event(ctx):
    body = ical.event_fragment(make(id=1), "en", BASE) + ical.event_fragment(make(id=2), "en",
                                                                              BASE)
    joined = ical.with_alarm(body, ical.alarm_block(1440, "en"))
    cal = parse("BEGIN:VCALENDAR\r\n" + joined + "END:VCALENDAR\r\n")
    alarms = [e.walk("VALARM") for e in cal.walk("VEVENT")]
    assert [len(a) for a in alarms] == [1, 1]
    assert alarms[0][0].decoded("TRIGGER") == timedelta(days=-1)
    assert ical.with_alarm(body, ical.alarm_block(0, "en")) == body


def test_control_characters_are_dropped():
    assert ical.clean("a\x00b\x1bc\td\r\ne") == "abc\td\ne"
