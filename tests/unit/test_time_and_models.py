"""Pure behaviour: the time rules, name fallbacks and anniversaries."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from eventplan.models import Commemoration, Event
from eventplan.models.base import pick
from eventplan.services.schedule import local_to_utc, schedule_values

ALMATY = ZoneInfo("Asia/Almaty")


def test_ten_oclock_in_almaty_2021_is_four_utc():
    assert local_to_utc(date(2021, 3, 31), time(10, 0), ALMATY) == datetime(
        2021, 3, 31, 4, 0, tzinfo=UTC)


def test_after_first_march_2024_almaty_is_utc_plus_five():
    assert local_to_utc(date(2024, 2, 29), time(10), ALMATY).hour == 4
    assert local_to_utc(date(2024, 3, 1), time(10), ALMATY).hour == 5
    assert local_to_utc(date(2026, 12, 16), time(10), ALMATY).hour == 5


def test_all_day_schedule_keeps_dates_and_no_instants():
    values = schedule_values(ALMATY, date(2021, 3, 21), date(2021, 3, 23))
    assert values == {"starts_on": date(2021, 3, 21), "ends_on": date(2021, 3, 23),
                      "starts_at": None, "ends_at": None}


def test_single_day_schedule_defaults_end_to_start():
    values = schedule_values(ALMATY, date(2021, 6, 4), None, time(11), time(13))
    assert values["ends_on"] == date(2021, 6, 4)
    assert values["ends_at"] - values["starts_at"] == datetime(2000, 1, 1, 13) - datetime(
        2000, 1, 1, 11)


def test_name_falls_back_to_any_filled_language():
    assert pick({"kk": None, "ru": "Павлодар", "en": None}, "en") == "Павлодар"
    assert pick({"kk": "Павлодар облысы", "ru": "Павлодарская", "en": ""}, "en") == (
        "Павлодар облысы")
    assert pick({"kk": "a", "ru": "b", "en": "c"}, "ru") == "b"
    assert pick({"kk": None, "ru": None, "en": None}, "ru") == ""


def test_event_title_follows_requested_language():
    event = Event(title_kk="Наурыз", title_ru=None, title_en="Nauryz")
    assert event.display_title("ru") == "Наурыз"
    assert event.display_title("en") == "Nauryz"


def test_commemoration_day_is_the_anniversary_or_none_for_year_only():
    zhambyl = Commemoration(anniversary=175, origin_year=1846, origin_date=date(1846, 2, 28))
    assert zhambyl.observed_on() == date(2021, 2, 28)
    abylai = Commemoration(anniversary=310, origin_year=1711, origin_date=None)
    assert abylai.observed_on() is None
