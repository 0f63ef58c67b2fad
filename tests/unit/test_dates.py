"""One set of date and time formats per language: CLDR dates, 24-hour times, one span form."""

from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale

from eventplan import create_app, dates

START = datetime(2021, 12, 4, 9, 0, tzinfo=UTC)  # 15:00 in Almaty (UTC+6 in 2021)


@pytest.fixture(scope="module")
def request_context():
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://",
                      "BABEL_DEFAULT_TIMEZONE": "Asia/Almaty"})
    with app.test_request_context():
        yield


@pytest.mark.parametrize(("lang", "day", "moment", "span"), [
    ("ru", "4 дек. 2021 г.", "4 дек. 2021 г., 15:00", "4 дек. 2021 г., 15:00–17:00"),
    ("kk", "2021 ж. 04 жел.", "2021 ж. 04 жел., 15:00", "2021 ж. 04 жел., 15:00–17:00"),
    ("en", "Dec 4, 2021", "Dec 4, 2021, 15:00", "Dec 4, 2021, 15:00–17:00"),
])
def test_each_language_has_one_format_and_24_hour_times(request_context, lang, day, moment,
                                                         span):
    def plain(text):
        return text.replace("\u202f", " ").replace("\xa0", " ")

    with force_locale(lang):
        assert plain(dates.day(date(2021, 12, 4))) == day
        assert plain(dates.moment(START)) == moment
        assert plain(dates.moment(START, "short")) == moment  # 'short' no longer means 12/4/21
        assert plain(dates.span(START, START.replace(hour=11))) == span
        assert "PM" not in dates.moment(START) and ":00:00" not in dates.moment(START)
