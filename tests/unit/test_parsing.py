"""The one parsing layer: ASCII digits only, the database's range, sane dates, finite money."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from eventplan import parsing


@pytest.mark.parametrize("raw", ["²", "٣", "1²", "", " ", "1.0", "1e3", "0x10", "--1",
                                 "2147483648", "99999999999999999999", None, "१२"])
def test_to_id_refuses_what_no_row_id_can_be(raw):
    assert parsing.to_id(raw) is None


@pytest.mark.parametrize(("raw", "value"), [("1", 1), (" 42 ", 42), ("2147483647", 2**31 - 1),
                                            ("007", 7)])
def test_to_id_reads_plain_ascii_ids(raw, value):
    assert parsing.to_id(raw) == value


def test_pages_are_bounded_and_default_to_the_first():
    assert parsing.to_page("3") == 3
    assert parsing.to_page("0") == parsing.to_page("²") == parsing.to_page("10" * 10) == 1
    assert parsing.to_page(str(parsing.PAGE_MAX + 1)) == 1


@pytest.mark.parametrize("raw", ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01",
                                 "2021-02-30", "2021-6-1", "²021-01-01", "20210101", ""])
def test_dates_outside_the_sane_span_or_shape_are_refused(raw):
    assert parsing.to_date(raw) is None
    with pytest.raises(parsing.ParseError):
        parsing.parse_date(raw)


def test_dates_inside_the_span_are_read():
    assert parsing.to_date("2021-06-22") == date(2021, 6, 22)
    assert parsing.to_date("1900-01-01") == parsing.DATE_MIN


@pytest.mark.parametrize("raw", ["NaN", "sNaN", "Infinity", "-inf", "1e400", "²", "12,5,6",
                                 "-1", str(10**14), float("nan"), float("inf"),
                                 Decimal("sNaN")])
def test_money_is_finite_and_in_range(raw):
    with pytest.raises(parsing.ParseError):
        parsing.parse_decimal(raw)


@pytest.mark.parametrize(("raw", "value"), [("1500,50", Decimal("1500.50")),
                                            ("1 000 000", Decimal(1_000_000)),
                                            (2500, Decimal(2500)), ("0", Decimal(0))])
def test_money_reads_commas_and_spaces(raw, value):
    assert parsing.parse_decimal(raw) == value


def test_versions_and_file_names():
    assert parsing.to_version("3") == 3
    assert parsing.to_version("²") == parsing.to_version(None) == -1
    assert parsing.file_name("C:\\Users\\акт\x00 2021.pdf") == "акт 2021.pdf"
    assert parsing.file_name("../../etc/passwd") == "passwd"
    assert parsing.file_name("\x00\x01") == "file"
