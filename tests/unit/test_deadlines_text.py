"""Deadlines as plan tables write them, read into date ranges with the wording kept."""

from datetime import date, datetime

import pytest

from eventplan.services.plan_io.deadlines_text import DeadlineError, parse_deadline

Y = 2021


@pytest.mark.parametrize(("text", "starts", "ends"), [
    ("қаңтар", date(Y, 1, 1), date(Y, 1, 31)),
    ("қаңтарда", date(Y, 1, 1), date(Y, 1, 31)),
    ("январь 2021 года", date(Y, 1, 1), date(Y, 1, 31)),
    ("января", date(Y, 1, 1), date(Y, 1, 31)),
    ("в январе", date(Y, 1, 1), date(Y, 1, 31)),
    ("February", date(Y, 2, 1), date(Y, 2, 28)),
    ("май", date(Y, 5, 1), date(Y, 5, 31)),
    ("мамыр-маусым", date(Y, 5, 1), date(Y, 6, 30)),
    ("II квартал", date(Y, 4, 1), date(Y, 6, 30)),
    ("IV тоқсан", date(Y, 10, 1), date(Y, 12, 31)),
    ("ІV тоқсан", date(Y, 10, 1), date(Y, 12, 31)),  # Kazakh І for the Roman numeral
    ("3-4 тоқсан", date(Y, 7, 1), date(Y, 12, 31)),
    ("Q3", date(Y, 7, 1), date(Y, 9, 30)),
    ("1 жартыжылдық", date(Y, 1, 1), date(Y, 6, 30)),
    ("I полугодие", date(Y, 1, 1), date(Y, 6, 30)),
    ("во втором полугодии", date(Y, 7, 1), date(Y, 12, 31)),
    ("H2", date(Y, 7, 1), date(Y, 12, 31)),
    ("в течение года", date(Y, 1, 1), date(Y, 12, 31)),
    ("жыл бойы", date(Y, 1, 1), date(Y, 12, 31)),
    ("year-round", date(Y, 1, 1), date(Y, 12, 31)),
    ("тиісті мерзімдеріне сәйкес", date(Y, 1, 1), date(Y, 12, 31)),
    ("16-17 декабря", date(Y, 12, 16), date(Y, 12, 17)),
    ("30 ноября – 2 декабря", date(Y, 11, 30), date(Y, 12, 2)),
    ("December 16-17", date(Y, 12, 16), date(Y, 12, 17)),
    ("желтоқсанның 16-сы", date(Y, 12, 16), date(Y, 12, 16)),
    ("до 01.07.2021", date(Y, 7, 1), date(Y, 7, 1)),
])
def test_wording_is_read_into_a_range_and_kept(text, starts, ends):
    deadline = parse_deadline(text, Y)
    assert (deadline.starts_on, deadline.ends_on, deadline.term) == (starts, ends, text)


@pytest.mark.parametrize(("value", "starts", "ends"), [
    ("16.12.2021", date(Y, 12, 16), date(Y, 12, 16)),
    ("16-17.12.2021", date(Y, 12, 16), date(Y, 12, 17)),
    ("01.03.2021 – 05.03.2021", date(Y, 3, 1), date(Y, 3, 5)),
    ("2021-03-05", date(Y, 3, 5), date(Y, 3, 5)),
    (44546, date(Y, 12, 16), date(Y, 12, 16)),  # an Excel serial number
    (44546.0, date(Y, 12, 16), date(Y, 12, 16)),
    ("44546", date(Y, 12, 16), date(Y, 12, 16)),
    (datetime(Y, 3, 1, 10, 0), date(Y, 3, 1), date(Y, 3, 1)),
    (date(Y, 3, 2), date(Y, 3, 2), date(Y, 3, 2)),
])
def test_plain_dates_need_no_wording(value, starts, ends):
    deadline = parse_deadline(value, Y)
    assert (deadline.starts_on, deadline.ends_on, deadline.term) == (starts, ends, None)


def test_a_year_written_in_the_text_wins_over_the_default():
    assert parse_deadline("март 2022 года", Y).starts_on == date(2022, 3, 1)


def test_empty_cell_has_no_deadline():
    assert parse_deadline(None, Y) is None and parse_deadline("  ", Y) is None


@pytest.mark.parametrize(("value", "fragment"), [
    ("31.02.2021", "31.02.2021"),
    ("31 февраля", "31 февраля"),
    ("V квартал", "V квартал"),
    ("когда-нибудь", "когда-нибудь"),
    (123, "123"),
])
def test_impossible_or_unreadable_deadlines_are_errors(value, fragment):
    with pytest.raises(DeadlineError) as info:
        parse_deadline(value, Y)
    assert fragment in info.value.message
