"""Plan-table headers recognised in kk, ru and en, as tables really write them."""

from decimal import Decimal

import pytest

from eventplan.services.plan_io.headers import cost_factor, field_for, is_column_numbers


@pytest.mark.parametrize(("header", "field"), [
    ("№", "number"), ("№ п/п", "number"), ("No.", "number"),
    ("Іс-шараның атауы", "title"), ("Наименование мероприятия", "title"), ("Event", "title"),
    ("Аяқтау нысаны", "completion_form"), ("Форма завершения", "completion_form"),
    ("Жауапты\nорындаушылар", "executors"), ("ОТВЕТСТВЕННЫЕ ИСПОЛНИТЕЛИ", "executors"),
    ("Орындау мерзімі", "deadline"), (" Срок  исполнения ", "deadline"),
    ("Предполагаемые расходы\n(тыс. тенге)", "estimated_cost"),
    ("Болжамды шығыстар, теңге", "estimated_cost"),
    ("Қаржыландыру көздері", "funding_source"), ("Источники финансирования", "funding_source"),
    ("Тақырыптық блок немесе бөлім", "section"), ("Planned start", "starts_on"),
    ("Плановое окончание", "ends_on"), ("Примечание", None), ("", None),
])
def test_headers_are_recognised_whatever_the_language_case_and_spacing(header, field):
    assert field_for(header) == field


def test_cost_unit_comes_from_the_header():
    assert cost_factor("Болжамды шығыстар (мың теңге)") == Decimal(1000)
    assert cost_factor("Предполагаемые расходы (тыс. тенге)") == Decimal(1000)
    assert cost_factor("Расходы, млн. тенге") == Decimal(1_000_000)
    assert cost_factor("Estimated costs, KZT") == Decimal(1)


def test_the_row_of_column_numbers_under_the_header_is_recognised():
    assert is_column_numbers([1, 2, 3, 4, 5, 6, 7])
    assert is_column_numbers(["1", "2", "3", None])
    assert not is_column_numbers([1, "Концерт", "март"])
