"""Official dates, grouped numbers and round figures of the progress report."""

from datetime import date
from decimal import Decimal

import pytest

from eventplan.services.document.formats import number, official_date, round_figure


@pytest.mark.parametrize(("lang", "expected"), [
    ("kk", "2021 жылғы 1 қаңтар"), ("ru", "1 января 2021 года"), ("en", "1 January 2021")])
def test_official_dates_in_each_language(lang, expected):
    assert official_date(date(2021, 1, 1), lang) == expected


def test_official_dates_use_the_right_month_forms():
    assert official_date(date(2021, 12, 16), "kk") == "2021 жылғы 16 желтоқсан"
    assert official_date(date(2021, 6, 23), "ru") == "23 июня 2021 года"
    assert official_date(None, "ru") == ""


def test_numbers_are_grouped_in_the_languages_style():
    assert number(2300, "ru") == "2\u00a0300" and number(2300, "kk") == "2\u00a0300"
    assert number(2300, "en") == "2,300"
    assert number(Decimal("1500000.50"), "ru") == "1\u00a0500\u00a0000,50"
    assert number(Decimal("1500000.00"), "en") == "1,500,000"
    assert number(None, "en") == "—"


@pytest.mark.parametrize(("n", "rounded"), [
    (7, 7), (19, 19), (87, 87), (212, 210), (2312, 2300), (2280, 2300), (2300, 2300),
    (99_999, 100_000)])
def test_round_figures_keep_two_significant_digits(n, rounded):
    assert round_figure(n) == rounded
